// bench/SUMMARY.md: the newest full and the newest smoke run, each with its headline figures and
// their change since the previous run of the same kind. A pure function of bench/results/*.json,
// so any run (or `npm run bench:report`) writes it again whole and a smoke run never hides the full.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTES_LINK, type BenchResults } from './report';
import { latestTwo, readResultsFiles, resultsDir, type StoredResults } from './results';
import type { Summary } from './stats';

type Unit = 'ms' | '×' | 'kB' | 'MB' | 'requests';

export interface Figure {
  /** Stable across runs: the key figures are matched by. */
  readonly key: string;
  readonly value: number;
  readonly unit: Unit;
  readonly better: 'lower' | 'higher';
  /** min and max over the run's repetitions, where there were several. */
  readonly spread?: readonly [number, number];
}

export function headlineFigures(r: BenchResults): Figure[] {
  const figures: Figure[] = [];
  const add = (key: string, value: number | undefined, unit: Unit, better: Figure['better'] = 'lower') => {
    if (value !== undefined && Number.isFinite(value)) figures.push({ key, value, unit, better });
  };
  const addSummary = (key: string, s: Summary) => {
    if (Number.isFinite(s.median)) figures.push({ key, value: s.median, unit: 'ms', better: 'lower', spread: s.runs > 1 ? [s.min, s.max] : undefined });
  };
  for (const size of r.sizes) {
    for (const s of size.scopes) {
      const at = `N=${size.n.toLocaleString('en-US')} ${s.scope}`;
      addSummary(`${at}: client load`, s.client.ms);
      add(`${at}: client requests`, s.client.requests, 'requests');
      add(`${at}: a/b (client / bare paging)`, s.ratios.aOverB, '×');
      add(`${at}: first paint / one page`, s.ratios.firstPaintOverOnePage, '×');
      add(`${at}: c/a (CLI / client)`, s.ratios.cOverA, '×', 'higher');
    }
  }
  if (r.workflow) {
    addSummary(`workflow N=${r.workflow.n.toLocaleString('en-US')}: client, signed in`, r.workflow.client.ms);
    add(`workflow N=${r.workflow.n.toLocaleString('en-US')}: CLI / client`, r.workflow.ratio, '×', 'higher');
  }
  if (r.cliSmoke) add('one CLI call (pending listing)', r.cliSmoke.ms, 'ms');
  add('dist/extension.js', r.bundle.extension.bytes / 1000, 'kB');
  add('dist/webview/members.js', r.bundle.webview ? r.bundle.webview.bytes / 1000 : undefined, 'kB');
  if (r.exthost) {
    addSummary('activate()', r.exthost.activationMs);
    const h = r.exthost.heap;
    add(`extension-host heap growth, ${r.exthost.n.toLocaleString('en-US')} images`, h ? (h.heapAfterLoadBytes - h.heapBeforeBytes) / 2 ** 20 : undefined, 'MB');
  }
  return figures;
}

const digits: Record<Unit, number> = { ms: 0, '×': 2, kB: 1, MB: 1, requests: 0 };
const show = (v: number, unit: Unit) => `${v.toFixed(unit === 'ms' && v < 100 ? 1 : digits[unit])}${unit === '×' ? '×' : ` ${unit}`}`;
const withSpread = (f: Figure) => `${show(f.value, f.unit)}${f.spread ? ` (${show(f.spread[0], f.unit)}–${show(f.spread[1], f.unit)})` : ''}`;

function change(now: Figure, before: Figure | undefined): string {
  if (!before) return 'new';
  const d = now.value - before.value;
  if (Math.abs(d) < 10 ** -digits[now.unit] / 2) return '=';
  const sign = d > 0 ? '+' : '−';
  const pct = before.value ? ` (${sign}${Math.abs((d / before.value) * 100).toFixed(0)} %)` : '';
  const worse = now.better === 'lower' ? d > 0 : d < 0;
  return `${sign}${show(Math.abs(d), now.unit)}${pct}, ${worse ? 'worse' : 'better'}`;
}

const runLine = (s: StoredResults, benchDir: string) => {
  const r = s.results;
  const file = path.relative(benchDir, s.file);
  return `[${file}](${file}): ${r.startedAt.replace('T', ' ').slice(0, 16)} UTC, commit ${r.machine.git.head}${r.machine.git.dirtyFiles ? ` + ${r.machine.git.dirtyFiles} uncommitted file(s)` : ''}, load average ${r.load.min.toFixed(1)}–${r.load.max.toFixed(1)} on ${r.machine.cpus} cores`;
};

function section(mode: BenchResults['mode'], all: readonly StoredResults[], benchDir: string): string[] {
  const { latest, previous } = latestTwo(all, mode);
  const title = mode === 'full' ? '## Full run (`npm run bench`)' : '## Smoke run (`npm run bench:smoke`)';
  if (!latest) return [title, '', `No ${mode} run in bench/results/ yet.`, ''];
  const lines = [title, '', `- this run: ${runLine(latest, benchDir)}`, `- previous ${mode} run: ${previous ? runLine(previous, benchDir) : 'none on record'}`, ''];
  const before = new Map((previous ? headlineFigures(previous.results) : []).map((f) => [f.key, f]));
  lines.push('| figure | this run | previous | change |', '|---|---|---|---|');
  for (const f of headlineFigures(latest.results)) {
    const b = before.get(f.key);
    lines.push(`| ${f.key} | ${withSpread(f)} | ${b ? withSpread(b) : '–'} | ${change(f, b)} |`);
  }
  lines.push('');
  const targets = latest.results.targets.filter((t) => t.met !== undefined);
  const wasMet = new Map((previous?.results.targets ?? []).map((t) => [t.name, t.met]));
  const flipped = targets.filter((t) => wasMet.has(t.name) && wasMet.get(t.name) !== undefined && wasMet.get(t.name) !== t.met);
  lines.push(
    `Targets met: ${targets.filter((t) => t.met).length} of ${targets.length}${previous ? `; changed since the previous run: ${flipped.length ? flipped.map((t) => `${t.name} ${t.met ? 'now met' : 'now missed'}`).join(', ') : 'none'}` : ''}.`,
  );
  const missed = targets.filter((t) => !t.met);
  if (missed.length) lines.push('', `Missed: ${missed.map((t) => `${t.name} (${t.value}; goal ${t.target})`).join('; ')}.`);
  if (latest.results.errors.length) lines.push('', `**${latest.results.errors.length} error(s) or failed check(s)** in this run: see the results file.`);
  lines.push('');
  return lines;
}

export function renderSummary(all: readonly StoredResults[], benchDir: string): string {
  return [
    '# glance-share bench: summary',
    '',
    'Generated from [results/](results/) by `npm run bench`, `npm run bench:smoke` and `npm run bench:report`; do not edit. ' +
      "The full run's tables are in [RESULTS.md](RESULTS.md); why a figure is what it is, in the dated notes ([" +
      NOTES_LINK +
      '](' +
      NOTES_LINK +
      ')). ' +
      "Times are medians (min–max over the run's repetitions); these machines are shared, so a change within that spread is noise.",
    '',
    ...section('full', all, benchDir),
    ...section('smoke', all, benchDir),
  ].join('\n');
}

/** Writes bench/SUMMARY.md from every file in bench/results/; returns its path. */
export function writeSummaryFile(): string {
  const benchDir = path.dirname(resultsDir);
  const file = path.join(benchDir, 'SUMMARY.md');
  fs.writeFileSync(file, renderSummary(readResultsFiles(), benchDir) + '\n');
  return file;
}
