// (f) The access overview: the extension's own reader (src/ui/overview/overviewReader.ts, the code
// the webview's host runs) over N shared images of alice's project `producer` with M made-up
// member projects each, against a bare loop of the same member GETs (plain fetch, a token from a
// plain Keystone POST, the same concurrency, nothing else). The images are inserted straight into
// Glance's sqlite with their members (test/stack/load_images.py --member) under a per-run tag and
// deleted at the end. The reader lists every shared image of the project, so images other suites
// left there are read too: `rows` says how many were.
import { randomBytes } from 'node:crypto';
import { OVERVIEW_CONCURRENCY, OverviewReader, type OverviewReaderDeps } from '../../src/ui/overview/overviewReader';
import type { Scope } from '../../src/ui/connections';
import { deleteTaggedImages, loadImages } from '../../test/support/stack';
import { clientConnect } from './client';
import { bareToken, stackIds } from './stack';
import { collectGarbage, HeapSampler } from './stats';

export interface OverviewRun {
  /** Rows of the model: the loaded images, and any other shared image of the project. */
  readonly rows: number;
  readonly cells: number;
  readonly requests: number;
  /** From the start to the first row whose members are read (what the page can show as a row). */
  readonly firstRowMs: number;
  readonly completeMs: number;
  /** Peak heap growth while reading, in bytes. */
  readonly peakHeapBytes: number;
}

export interface BareMembersRun {
  readonly requests: number;
  readonly ms: number;
  readonly firstMs: number;
}

export interface OverviewBenchResult {
  readonly images: number;
  readonly membersPerImage: number;
  readonly concurrency: number;
  readonly loadMs: number;
  readonly runs: readonly OverviewRun[];
  readonly bare: readonly BareMembersRun[];
  readonly checks: readonly string[];
}

/** The reader's dependencies outside Glance, as a plain process has them: no names, a silent log. */
const plainDeps = {
  connections: { knownProjects: async () => new Set<string>() },
  directory: { rawNameOf: async () => undefined },
  log: { warn: () => undefined },
} as unknown as OverviewReaderDeps;

async function readerRun(scope: Scope): Promise<OverviewRun> {
  collectGarbage();
  const heap = new HeapSampler();
  const reader = new OverviewReader(plainDeps);
  const started = performance.now();
  let firstRowMs = NaN;
  await reader.read(
    [scope],
    () => {
      heap.poke();
      if (Number.isNaN(firstRowMs) && reader.rowsRead > 0) firstRowMs = performance.now() - started;
    },
    () => false,
  );
  const completeMs = performance.now() - started;
  const model = reader.model();
  return {
    rows: model.rows.length,
    cells: model.rows.reduce((sum, r) => sum + r.cells.length, 0),
    requests: reader.requests,
    firstRowMs,
    completeMs,
    peakHeapBytes: heap.stop(),
  };
}

async function bareRun(glanceUrl: string, token: string, imageIds: readonly string[]): Promise<BareMembersRun> {
  const started = performance.now();
  let firstMs = NaN;
  let next = 0;
  let requests = 0;
  const worker = async () => {
    while (next < imageIds.length) {
      const id = imageIds[next++];
      const response = await fetch(`${glanceUrl}/v2/images/${id}/members`, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } });
      const text = await response.text();
      if (!response.ok) throw new Error(`GET members of ${id}: HTTP ${response.status} ${text.slice(0, 200)}`);
      JSON.parse(text);
      requests++;
      if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: OVERVIEW_CONCURRENCY }, worker));
  return { requests, ms: performance.now() - started, firstMs };
}

export async function measureOverview(
  images: number,
  membersPerImage: number,
  runs: number,
  tag: string,
  log: (line: string) => void = () => undefined,
): Promise<OverviewBenchResult> {
  const ids = stackIds();
  const members = Array.from({ length: membersPerImage }, (_, i) => [randomBytes(16).toString('hex'), (['pending', 'accepted', 'rejected'] as const)[i % 3]] as const);
  const loadStarted = Date.now();
  const made = loadImages({ owner: ids.projects.producer, count: images, tag, visibility: 'shared', members, namePrefix: tag });
  const loadMs = Date.now() - loadStarted;
  const checks: string[] = [];
  try {
    const connection = await clientConnect('alice');
    const scope = { id: 'bench-alice', cloud: { name: 'alice' }, state: { kind: 'connected', connection } } as unknown as Scope;
    const token = await bareToken('alice');
    const listed = (await connection.glance.listAllImages({ owner: ids.projects.producer, visibility: 'shared' })).map((i) => i.id);
    const result: { runs: OverviewRun[]; bare: BareMembersRun[] } = { runs: [], bare: [] };
    for (let run = 0; run < runs; run++) {
      // Alternated, so that neither side always meets a warmer server.
      const reader = await readerRun(scope);
      const bare = await bareRun(connection.glance.endpoint, token, listed);
      result.runs.push(reader);
      result.bare.push(bare);
      log(
        `  overview run ${run + 1}/${runs}: ${reader.rows} rows, ${reader.requests} requests, first row ${reader.firstRowMs.toFixed(0)} ms, complete ${reader.completeMs.toFixed(0)} ms, peak heap +${(reader.peakHeapBytes / 2 ** 20).toFixed(1)} MB; bare loop ${bare.requests} GETs in ${bare.ms.toFixed(0)} ms`,
      );
      if (reader.rows < made.length) checks.push(`overview: ${reader.rows} rows for ${made.length} loaded images`);
    }
    connection.dispose();
    return { images, membersPerImage, concurrency: OVERVIEW_CONCURRENCY, loadMs, ...result, checks };
  } finally {
    deleteTaggedImages(tag);
  }
}
