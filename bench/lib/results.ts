// Each bench run's raw figures as one file, bench/results/<UTC yyyymmddThhmmssZ>-<commit>[-dirty].json,
// so that runs can be compared (SUMMARY.md) and a figure quoted in a note can be found again.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../test/support/stack';
import type { BenchResults } from './report';

export const RESULTS_SCHEMA_VERSION = 1;
export const resultsDir = path.join(repoRoot, 'bench', 'results');

/** What the code under measurement was: HEAD, and the tracked files changed on top of it. */
export interface GitState {
  readonly head: string;
  /** Tracked files with uncommitted changes (untracked files cannot take part without one). */
  readonly dirtyFiles: readonly string[];
}

export function gitState(): GitState {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(
        `bench: \`git ${args.join(' ')}\` failed in ${repoRoot}: results are named after the commit measured, so the bench runs in a git checkout (${String(error).split('\n')[0]})`,
        { cause: error },
      );
    }
  };
  const head = git(['rev-parse', '--short', 'HEAD']).trim();
  // "XY path" lines: the status columns may start with a space, so no trim() here
  const dirtyFiles = git(['status', '--porcelain', '--untracked-files=no'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return { head, dirtyFiles };
}

/** 2026-11-23T14:51:18.472Z → 20261123T145118Z */
const compactUtc = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

export function resultsFileName(r: Pick<BenchResults, 'startedAt' | 'machine'>): string {
  return `${compactUtc(r.startedAt)}-${r.machine.git.head}${r.machine.git.dirtyFiles ? '-dirty' : ''}.json`;
}

export function writeResultsFile(r: BenchResults): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, resultsFileName(r));
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  return file;
}

export interface StoredResults {
  readonly file: string;
  readonly results: BenchResults;
}

/** Every results file, oldest first (the names sort by time). Files of another schema version are refused. */
export function readResultsFiles(dir = resultsDir): StoredResults[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{8}T\d{6}Z-.+\.json$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
      if (results.schemaVersion !== RESULTS_SCHEMA_VERSION) {
        throw new Error(
          `${path.relative(repoRoot, file)} has schemaVersion ${String(results.schemaVersion)}, this bench reads ${RESULTS_SCHEMA_VERSION}: convert it or move it out of bench/results/`,
        );
      }
      return { file, results };
    });
}

const sizesOf = (r: BenchResults) => r.sizes.map((s) => s.n).join(',');

/** The newest run of a mode, and the newest before it of the same mode and sizes (a run with other --sizes is no baseline). */
export function latestTwo(all: readonly StoredResults[], mode: BenchResults['mode']): { latest?: StoredResults; previous?: StoredResults } {
  const ofMode = all.filter((s) => s.results.mode === mode);
  const latest = ofMode[ofMode.length - 1];
  const previous = latest
    ? ofMode
        .slice(0, -1)
        .filter((s) => sizesOf(s.results) === sizesOf(latest.results))
        .pop()
    : undefined;
  return { latest, previous };
}
