import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResults } from '../../../bench/lib/report';
import { latestTwo, readResultsFiles, resultsDir, resultsFileName } from '../../../bench/lib/results';
import { renderSummary } from '../../../bench/lib/summary';

/** The first committed smoke run: a real results file as the fixture. */
function smokeRun(): BenchResults {
  const name = fs.readdirSync(resultsDir).find((f) => f.startsWith('20261201T193528Z'))!;
  return JSON.parse(fs.readFileSync(path.join(resultsDir, name), 'utf8')) as BenchResults;
}

function later(r: BenchResults, startedAt: string, head: string, change: (copy: BenchResults) => void = () => undefined): BenchResults {
  const copy = JSON.parse(JSON.stringify(r)) as BenchResults & { startedAt: string; machine: { git: { head: string } } };
  copy.startedAt = startedAt;
  copy.machine.git.head = head;
  change(copy);
  return copy;
}

describe('bench results files and SUMMARY.md', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bench-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const store = (r: BenchResults) => fs.writeFileSync(path.join(dir, resultsFileName(r)), JSON.stringify(r));

  it('names a file by UTC time and commit, and says when the tree was dirty', () => {
    const r = smokeRun();
    assert.equal(resultsFileName(r), '20261201T193528Z-0c3c4cc.json');
    assert.equal(resultsFileName({ ...r, machine: { ...r.machine, git: { head: 'abc1234', dirtyFiles: 2 } } }), '20261201T193528Z-abc1234-dirty.json');
  });

  it('compares each figure with the previous run of the same kind and names a target that flipped', () => {
    const first = smokeRun();
    store(first);
    store(
      later(first, '2026-12-02T10:00:00.000Z', 'abc1234', (r) => {
        const producer = r.sizes[0]!.scopes[0]! as { client: { requests: number } };
        producer.client.requests = 6;
        (r.bundle.extension as { bytes: number }).bytes = 240_000;
        const bundle = r.targets.find((t) => t.name.startsWith('extension bundle'))! as { met: boolean };
        bundle.met = true;
      }),
    );
    const summary = renderSummary(readResultsFiles(dir), dir);
    assert.match(summary, /\| N=200 producer: client requests \| 6 requests \| 4 requests \| \+2 requests \(\+50 %\), worse \|/);
    assert.match(summary, /\| dist\/extension\.js \| 240\.0 kB \| 313\.8 kB \| −73\.8 kB \(−24 %\), better \|/);
    assert.match(summary, /changed since the previous run: extension bundle \(dist\/extension\.js, minified\) now met/);
    assert.match(summary, /No full run in bench\/results\/ yet/);
  });

  it('a run with other sizes is no baseline', () => {
    const first = smokeRun();
    store(first);
    store(later(first, '2026-12-02T10:00:00.000Z', 'abc1234', (r) => ((r.sizes[0] as { n: number }).n = 500)));
    const { latest, previous } = latestTwo(readResultsFiles(dir), 'smoke');
    assert.equal(path.basename(latest!.file), '20261202T100000Z-abc1234.json');
    assert.equal(previous, undefined);
  });

  it('refuses a results file of another schema version, saying what to do', () => {
    store({ ...smokeRun(), schemaVersion: 2 as unknown as 1 });
    assert.throws(() => readResultsFiles(dir), /schemaVersion 2, this bench reads 1: convert it or move it out/);
  });
});
