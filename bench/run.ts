// glance-share benchmarks against the local Keystone + Glance (npm run stack:up).
//
//   npm run bench          full: N = 1,000 and 10,000, medians over several runs, writes bench/RESULTS.md
//   npm run bench:smoke    N = 200, one run, one CLI call, no extension host: < 60 s, for CI
//
// Every run writes its raw figures to bench/results/<UTC yyyymmddThhmmssZ>-<commit>.json and
// bench/SUMMARY.md (changes since the previous run of the same kind). It refuses to run with
// uncommitted changes to tracked files, whose figures no commit could reproduce, unless
// --allow-dirty (then the file name ends in -dirty).
//
// Options (after --): --sizes=1000,10000 --runs=6,4 --cli-runs=3,1 --workflow-runs=3
//   --workflow-at=1000 --overview=500x5 --overview-runs=3 --no-overview --exthost-n=10000
//   --activation-runs=3 --tree-loads=1000,10000,50000 --no-tree-loads --no-exthost --no-cli --no-profile
//   --out=FILE (RESULTS.md path; '-' = do not write) --no-stack-up --allow-dirty --verbose
//
// What it measures, all in one run on the same server (the issue's item 1):
//  (a) the client's grouped tree load of a scope (loadScopeImages + groupScopeImages, regrouped
//      after every page as the extension does): requests, wall time, first paint, peak heap;
//  (b) the limit: bare fetch following `next` at limit=1000 over the same listings, side by side;
//  (c) the anchor: `openstack image list` with the filters that give the same groups;
//  (d) the seed workflow through the client and through the CLI;
//  (f) the access overview's reader over shared images with members, against a bare loop of the
//      same member GETs;
//  (e) bundle sizes, activation in the real extension host, its heap growth with N images;
//  (h) the tree load in the real extension host for the owner and the consumer at 1,000, 10,000
//      and 50,000 images: requests, first paint, longest event-loop stall, beside bare paging of
//      the same listings on the same images (--tree-loads=…, --no-tree-loads);
//  (g) a bulk share of 20 images × 10 projects: glance-share's plan and apply, the openstack CLI
//      (one call per member), a bare loop of the POSTs (--bulk-images, --bulk-projects,
//      --bulk-cli-pairs=N measures N CLI calls only, --no-bulk).
// Scopes: the producer (dave, project `other`, owns the N images) and the consumer (bob, project
// `consumer`, member of 40 % of them). Every listing of (a), (b) and (c) is narrowed to the run's
// tag, because other test runs share these projects.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScopeConnection } from '../src/openstack';
import { bareOnePage, bareScope, LISTINGS, type BareScopeResult, type Listing } from './lib/bare';
import { analyzeBundle, productionBuild, removeBuild, type BundleAnalysis, type BundleResult } from './lib/bundle';
import { cliScope, cliWorkflow, cliListArgs } from './lib/cli';
import { clientConnect, clientTreeLoad, clientWorkflow, type ClientLoad } from './lib/client';
import { newTag } from './lib/distribution';
import { extHostAvailable, runExtHostBench } from './lib/exthost';
import { LoadSampler, machineFacts } from './lib/machine';
import { summarizeProfile, type ProfileSummary } from './lib/profile';
import { measureOverview } from './lib/overview';
import {
  renderMarkdown,
  evaluateTargets,
  type OverviewSummary,
  type BenchResults,
  type ScopeResult,
  type SizeResult,
  type WorkflowResult,
  type ExtHostSummary,
  type TreeLoadResult,
  type TreeLoadScope,
} from './lib/report';
import { bareToken, benchRoot, deleteDataset, deleteStaleBenchTags, loadDataset, runCli, stackIds, stackInfo, type Dataset } from './lib/stack';
import { gitState, RESULTS_SCHEMA_VERSION, writeResultsFile } from './lib/results';
import { collectGarbage, summarize } from './lib/stats';
import { writeSummaryFile } from './lib/summary';
import type { ExtHostResult } from './exthost/main';
import { measureBulkShare, type BulkShareResult } from './lib/bulk';

interface Options {
  smoke: boolean;
  sizes: number[];
  runs: number[];
  cliRuns: number[];
  workflowRuns: number;
  workflowAt: number;
  /** (f): images × members per image, and runs; undefined = not measured. */
  overview: { images: number; members: number; runs: number } | undefined;
  exthost: boolean;
  exthostN: number;
  /** (h) N of each tree-load run in the extension host (owner and consumer); empty = none. */
  treeLoadSizes: number[];
  activationRuns: number;
  profile: boolean;
  cli: boolean;
  stackUp: boolean;
  out: string | undefined;
  allowDirty: boolean;
  verbose: boolean;
  /** (g) bulk share: images × projects; 0 images turns it off. */
  bulkImages: number;
  bulkProjects: number;
  /** CLI calls of (f) measured (one per pair): all of them unless set. */
  bulkCliPairs: number | undefined;
}

function parseOptions(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string, fallback: number[]): number[] => value(name)?.split(',').map(Number) ?? fallback;
  const sizes = list('sizes', smoke ? [200] : [1000, 10000]);
  const perSize = (l: number[]) => sizes.map((_, i) => l[Math.min(i, l.length - 1)]!);
  const out = value('out');
  return {
    smoke,
    sizes,
    runs: perSize(list('runs', smoke ? [1] : [6, 4])),
    cliRuns: perSize(list('cli-runs', smoke ? [1] : [3, 1])),
    workflowRuns: Number(value('workflow-runs') ?? (smoke ? 1 : 3)),
    workflowAt: Number(value('workflow-at') ?? sizes[0]),
    overview: argv.includes('--no-overview')
      ? undefined
      : overviewOption(value('overview') ?? (smoke ? '100x5' : '500x5'), Number(value('overview-runs') ?? (smoke ? 1 : 3))),
    exthost: smoke ? argv.includes('--exthost') : !argv.includes('--no-exthost'),
    exthostN: Number(value('exthost-n') ?? (smoke ? 200 : 10000)),
    treeLoadSizes: argv.includes('--no-tree-loads') || (smoke && !argv.includes('--exthost')) ? [] : list('tree-loads', smoke ? [200] : [1000, 10000, 50000]),
    activationRuns: Number(value('activation-runs') ?? (smoke ? 1 : 3)),
    profile: !smoke && !argv.includes('--no-profile'),
    cli: !argv.includes('--no-cli'),
    stackUp: !argv.includes('--no-stack-up'),
    out: out === '-' ? undefined : (out ?? (smoke ? undefined : path.join(benchRoot, 'RESULTS.md'))),
    allowDirty: argv.includes('--allow-dirty'),
    verbose: argv.includes('--verbose'),
    bulkImages: argv.includes('--no-bulk') ? 0 : Number(value('bulk-images') ?? (smoke ? 5 : 20)),
    bulkProjects: Number(value('bulk-projects') ?? (smoke ? 4 : 10)),
    bulkCliPairs: value('bulk-cli-pairs') === undefined ? undefined : Number(value('bulk-cli-pairs')),
  };
}

function overviewOption(text: string, runs: number): Options['overview'] {
  const [images, members] = text.split('x').map(Number);
  if (!Number.isInteger(images) || !Number.isInteger(members) || images! < 1 || members! < 1)
    throw new Error(`--overview wants IMAGESxMEMBERS (e.g. 500x5), got ${text}`);
  return { images: images!, members: members!, runs };
}

const liveTags = new Set<string>();

function cleanupOnSignal(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      for (const tag of liveTags) {
        try {
          deleteDataset(tag);
          console.error(`bench: interrupted, deleted images tagged ${tag}`);
        } catch (error) {
          console.error(`bench: could not delete ${tag}: ${String(error)}`);
        }
      }
      process.exit(code);
    });
  }
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

interface ScopeSpec {
  readonly label: 'producer' | 'consumer';
  readonly cloud: 'dave' | 'bob';
  readonly projectId: string;
  readonly connection: ScopeConnection;
  readonly token: string;
  /** The "one page" listing if the client painted nothing (otherwise: the listing it painted first). */
  readonly pageListing: Listing;
}

async function measureSize(
  n: number,
  runs: number,
  cliRuns: number,
  scopes: readonly ScopeSpec[],
  options: Options,
  dataset: Dataset,
  firstSize: boolean,
): Promise<SizeResult> {
  const glanceUrl = stackInfo().glanceUrl;
  const tag = dataset.tag;
  const checks: string[] = [];
  const results: ScopeResult[] = [];
  const perScope = new Map<
    string,
    {
      a: ClientLoad[];
      b: BareScopeResult[];
      onePage: number[];
      onePageImages: number;
      onePageListings: Set<Listing>;
      ownedOnly: BareScopeResult[];
      staggered?: BareScopeResult;
    }
  >();
  for (const scope of scopes) perScope.set(scope.label, { a: [], b: [], onePage: [], onePageImages: 0, onePageListings: new Set(), ownedOnly: [] });

  // Warm-up (not counted): Glance's and sqlite's caches for the new rows; the first size also
  // warms the client's sockets and JIT.
  const warmStarted = performance.now();
  for (const scope of scopes) {
    await bareScope(glanceUrl, scope.token, scope.projectId, tag);
    if (firstSize) await clientTreeLoad(scope.connection, tag);
  }
  log(`  N=${n} warm-up: ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
  for (let run = 0; run < runs; run++) {
    for (const scope of scopes) {
      const bucket = perScope.get(scope.label)!;
      // Alternate the order, so a drift in the machine's load does not favour one side.
      const clientFirst = run % 2 === 0;
      if (!clientFirst) bucket.b.push(await bareScope(glanceUrl, scope.token, scope.projectId, tag));
      bucket.a.push(await clientTreeLoad(scope.connection, tag));
      if (clientFirst) bucket.b.push(await bareScope(glanceUrl, scope.token, scope.projectId, tag));
      // One page's round trip: the page the client painted first, fetched alone.
      const painted = bucket.a[bucket.a.length - 1]!.firstPaintListing;
      const pageListing = painted && painted !== 'community' && painted !== 'public' ? painted : scope.pageListing;
      const page = await bareOnePage(glanceUrl, scope.token, pageListing, scope.projectId, tag);
      bucket.onePage.push(page.ms);
      bucket.onePageImages = page.images;
      bucket.onePageListings.add(pageListing);
      if (scope.label === 'producer') bucket.ownedOnly.push(await bareScope(glanceUrl, scope.token, scope.projectId, tag, ['owned']));
      const a = bucket.a[bucket.a.length - 1]!;
      const b = bucket.b[bucket.b.length - 1]!;
      log(
        `  N=${n} run ${run + 1}/${runs} ${scope.label}: client ${a.ms.toFixed(0)} ms (${a.requests} req, first paint ${a.firstPaintMs.toFixed(0)} ms), bare ${b.ms.toFixed(0)} ms (${b.requests} req), one page ${page.ms.toFixed(0)} ms`,
      );
    }
  }

  // What-if for first paint (once per scope): the same bare walks, each started when the previous
  // one has its first response, so the first page is not served interleaved with three others.
  for (const scope of scopes) {
    const staggered = await bareScope(glanceUrl, scope.token, scope.projectId, tag, LISTINGS, true);
    perScope.get(scope.label)!.staggered = staggered;
    log(`  N=${n} ${scope.label}: bare with staggered starts: first page ${staggered.firstPageMs.toFixed(0)} ms, all ${staggered.ms.toFixed(0)} ms`);
  }

  const cli = new Map<string, Array<Awaited<ReturnType<typeof cliScope>>>>();
  if (options.cli && cliRuns > 0 && !options.smoke) {
    for (let run = 0; run < cliRuns; run++) {
      for (const scope of scopes) {
        const result = await cliScope(scope.cloud, scope.projectId, tag, LISTINGS);
        cli.set(scope.label, [...(cli.get(scope.label) ?? []), result]);
        log(
          `  N=${n} CLI run ${run + 1}/${cliRuns} ${scope.label}: ${(result.ms / 1000).toFixed(1)} s (${LISTINGS.map((l) => `${l} ${(result.commands[l].ms / 1000).toFixed(1)} s/${result.commands[l].rows} rows`).join(', ')})`,
        );
      }
    }
  }

  for (const scope of scopes) {
    const bucket = perScope.get(scope.label)!;
    const a = bucket.a;
    const b = bucket.b;
    const lastB = b[b.length - 1]!;
    // (a) and (b) must have seen the same images; (c) the same rows.
    const expected = {
      owned: lastB.listings.owned.images,
      pending: lastB.listings.pending.images - lastB.listings.pending.own,
      accepted: lastB.listings.accepted.images - lastB.listings.accepted.own,
      rejected: lastB.listings.rejected.images - lastB.listings.rejected.own,
    };
    for (const load of a) {
      if (JSON.stringify(load.counts) !== JSON.stringify(expected))
        checks.push(`N=${n} ${scope.label}: client counts ${JSON.stringify(load.counts)} differ from bare ${JSON.stringify(expected)}`);
    }
    const cliRunsOfScope = cli.get(scope.label) ?? [];
    for (const run of cliRunsOfScope) {
      for (const l of LISTINGS) {
        if (run.commands[l].rows !== lastB.listings[l].images)
          checks.push(`N=${n} ${scope.label}: CLI ${l} printed ${run.commands[l].rows} rows, bare listing had ${lastB.listings[l].images}`);
      }
    }
    const aMs = summarize(a.map((x) => x.ms));
    const bMs = summarize(b.map((x) => x.ms));
    const cMs = cliRunsOfScope.length ? summarize(cliRunsOfScope.map((x) => x.ms)) : undefined;
    const onePage = summarize(bucket.onePage);
    const firstPaint = summarize(a.map((x) => x.firstPaintMs));
    const ownStatusImages = lastB.listings.pending.own + lastB.listings.accepted.own + lastB.listings.rejected.own;
    const wasted = {
      /** Own shared images returned again by the three member_status listings and dropped. */
      images: ownStatusImages,
      bytes: Math.round(
        (['pending', 'accepted', 'rejected'] as const).reduce(
          (s, l) => s + (lastB.listings[l].images ? (lastB.listings[l].bytes * lastB.listings[l].own) / lastB.listings[l].images : 0),
          0,
        ),
      ),
      /** Requests those listings would need if Glance left own images out: one per listing when nothing else is in it. */
      requestsWithout: (['pending', 'accepted', 'rejected'] as const).reduce((s, l) => s + Math.floor((lastB.listings[l].images - lastB.listings[l].own) / 1000) + 1, 0),
      requestsWith: lastB.listings.pending.requests + lastB.listings.accepted.requests + lastB.listings.rejected.requests,
    };
    results.push({
      scope: scope.label,
      cloud: scope.cloud,
      counts: expected,
      client: {
        ms: aMs,
        requests: a[0]!.requests,
        firstGroupsRequests: a[0]!.firstGroupsRequests,
        firstPaintMs: firstPaint,
        peakHeapMB: summarize(a.map((x) => x.peakHeapBytes / 2 ** 20)),
        retainedHeapMB: summarize(a.map((x) => x.retainedHeapBytes / 2 ** 20)),
        regroupMs: summarize(a.map((x) => x.regroupMs)),
        cpuMs: summarize(a.map((x) => x.cpuMs)),
        pages: a[0]!.pages,
        ownedByVisibility: a[0]!.ownedByVisibility,
      },
      bare: {
        ms: bMs,
        requests: lastB.requests,
        firstPageMs: summarize(b.map((x) => x.firstPageMs)),
        cpuMs: summarize(b.map((x) => x.cpuMs)),
        listings: lastB.listings,
        staggered: bucket.staggered ? { ms: bucket.staggered.ms, firstPageMs: bucket.staggered.firstPageMs } : undefined,
        ownedOnlyMs: bucket.ownedOnly.length ? summarize(bucket.ownedOnly.map((x) => x.ms)) : undefined,
      },
      onePage: { ms: onePage, images: bucket.onePageImages, listing: [...bucket.onePageListings].join('/') },
      cli: cMs
        ? {
            ms: cMs,
            commands: Object.fromEntries(
              LISTINGS.map((l) => [
                l,
                {
                  args: cliListArgs(l, scope.projectId, tag).join(' '),
                  ms: summarize(cliRunsOfScope.map((r) => r.commands[l].ms)),
                  rows: cliRunsOfScope[0]!.commands[l].rows,
                },
              ]),
            ) as NonNullable<ScopeResult['cli']>['commands'],
          }
        : undefined,
      wastedOwnShared: wasted,
      ratios: {
        aOverB: aMs.median / bMs.median,
        cOverA: cMs ? cMs.median / aMs.median : undefined,
        firstPaintOverOnePage: firstPaint.median / onePage.median,
      },
    });
  }
  return { n, tag, counts: dataset.counts, loadMs: dataset.loadMs, runs, cliRuns: options.cli && !options.smoke ? cliRuns : 0, scopes: results, checks };
}

async function measureWorkflow(dataset: Dataset, runs: number, scopes: readonly ScopeSpec[], options: Options): Promise<WorkflowResult> {
  const consumerId = stackIds().projects.consumer;
  const [owner, consumer] = [scopes.find((s) => s.label === 'producer')!, scopes.find((s) => s.label === 'consumer')!];
  const warm: Awaited<ReturnType<typeof clientWorkflow>>[] = [];
  const cold: Awaited<ReturnType<typeof clientWorkflow>>[] = [];
  const cli: Awaited<ReturnType<typeof cliWorkflow>>[] = [];
  let image = 0;
  const next = () => {
    const id = dataset.unsharedIds[image++ % dataset.unsharedIds.length];
    if (!id) throw new Error('no unshared image for the workflow');
    return id;
  };
  const tag = dataset.tag;
  await clientWorkflow(next(), consumerId, tag, { owner: owner.connection, consumer: consumer.connection }); // warm-up
  for (let run = 0; run < runs; run++) {
    warm.push(await clientWorkflow(next(), consumerId, tag, { owner: owner.connection, consumer: consumer.connection }));
    cold.push(await clientWorkflow(next(), consumerId, tag));
    if (options.cli && !options.smoke) cli.push(await cliWorkflow(next(), consumerId, tag));
    log(
      `  workflow run ${run + 1}/${runs}: client ${warm[run]!.ms.toFixed(0)} ms signed in, ${cold[run]!.ms.toFixed(0)} ms with sign-in${cli[run] ? `, CLI ${(cli[run]!.ms / 1000).toFixed(1)} s` : ''}`,
    );
  }
  const listed = new Set([...warm, ...cold, ...cli].map((r) => r.pendingListed));
  const checks = listed.size > 1 ? [`workflow: the pending listing held different counts across runs: ${[...listed].join(', ')}`] : [];
  const stepSummary = (list: ReadonlyArray<{ steps: Record<string, number> }>) =>
    Object.fromEntries(Object.keys(list[0]?.steps ?? {}).map((k) => [k, summarize(list.map((r) => r.steps[k] ?? 0))]));
  const warmMs = summarize(warm.map((r) => r.ms));
  const coldMs = summarize(cold.map((r) => r.ms));
  const cliMs = cli.length ? summarize(cli.map((r) => r.ms)) : undefined;
  return {
    n: dataset.n,
    runs,
    pendingListed: { client: warm[0]?.pendingListed ?? 0, cli: cli[0]?.pendingListed },
    client: { ms: warmMs, steps: stepSummary(warm) },
    clientWithSignIn: { ms: coldMs, steps: stepSummary(cold) },
    cli: cliMs ? { ms: cliMs, steps: stepSummary(cli) } : undefined,
    ratio: cliMs ? cliMs.median / warmMs.median : undefined,
    ratioWithSignIn: cliMs ? cliMs.median / coldMs.median : undefined,
    checks,
  };
}

async function measureExtHost(options: Options, build: BundleResult, analysis: BundleAnalysis | undefined): Promise<ExtHostSummary> {
  const runs: ExtHostResult[] = [];
  for (let i = 0; i < Math.max(1, options.activationRuns); i++) {
    const n = i === 0 ? options.exthostN : 0;
    const tag = newTag('exthost');
    if (n > 0) liveTags.add(tag);
    try {
      const result = await runExtHostBench({ extensionDir: build.extensionDir, n, tag, refreshes: options.smoke ? 1 : 2, verbose: options.verbose });
      runs.push(result);
      log(
        `  extension host ${i + 1}/${options.activationRuns}: activate() ${result.activationMs.toFixed(1)} ms, awaited ${result.activateAwaitedMs.toFixed(0)} ms${result.heap ? `, heap +${((result.heap.heapAfterLoadBytes - result.heap.heapBeforeBytes) / 2 ** 20).toFixed(1)} MB with ${n} images` : ''}`,
      );
    } finally {
      liveTags.delete(tag);
    }
  }
  let profile: ProfileSummary | undefined;
  let profiledActivationMs: number | undefined;
  if (options.profile) {
    const profileFile = path.join(os.tmpdir(), `glance-share-bench-activation-${process.pid}.cpuprofile`);
    try {
      const result = await runExtHostBench({ extensionDir: build.extensionDir, n: 0, tag: newTag('profile'), refreshes: 0, profileFile });
      profiledActivationMs = result.activationMs;
      profile = summarizeProfile(profileFile, analysis?.identical ? analysis.mapFile : undefined);
      log(`  activation profile: ${profile.totalMs.toFixed(0)} ms profiled (activate() ${result.activationMs.toFixed(1)} ms with the profiler on)`);
    } finally {
      fs.rmSync(profileFile, { force: true });
    }
  }
  const heapRun = runs.find((r) => r.heap);
  return {
    runs: runs.length,
    vscodeVersion: runs[0]?.vscodeVersion ?? '?',
    activationMs: summarize(runs.map((r) => r.activationMs)),
    activateAwaitedMs: summarize(runs.map((r) => r.activateAwaitedMs)),
    activeBefore: runs.some((r) => r.activeBefore),
    n: options.exthostN,
    heap: heapRun?.heap,
    profile,
    profiledActivationMs,
  };
}

/** (h): each N loaded, the extension host's two scopes load it, then bare paging on the same images. */
async function measureTreeLoads(options: Options, build: BundleResult, scopes: readonly ScopeSpec[]): Promise<TreeLoadResult[]> {
  const results: TreeLoadResult[] = [];
  const glanceUrl = stackInfo().glanceUrl;
  const roles = [
    { label: 'owner', spec: scopes.find((s) => s.label === 'producer')! },
    { label: 'consumer', spec: scopes.find((s) => s.label === 'consumer')! },
  ] as const;
  for (const n of options.treeLoadSizes) {
    const tag = newTag(`tree${n}`);
    liveTags.add(tag);
    try {
      const dataset = loadDataset(n, tag);
      log(`(h) N=${n}: loaded in ${dataset.loadMs} ms; extension host: owner and consumer sign in again, then refresh`);
      const result = await runExtHostBench({
        extensionDir: build.extensionDir,
        n,
        tag,
        refreshes: 0,
        loadsOf: roles.map((r) => ({ label: r.label, cloud: r.spec.cloud })),
        timeoutMs: 60 * 60_000,
        verbose: options.verbose,
      });
      const bareRuns = n >= 50_000 ? 1 : 3;
      const measured: TreeLoadScope[] = [];
      for (const { label, spec } of roles) {
        const loads = result.loads?.find((l) => l.label === label);
        if (!loads) throw new Error(`(h) N=${n}: the extension host gave no loads for the ${label}`);
        const token = await bareToken(spec.cloud); // the run's first token may be near its expiry by now
        const bare: BareScopeResult[] = [];
        const page: number[] = [];
        for (let i = 0; i < bareRuns; i++) bare.push(await bareScope(glanceUrl, token, spec.projectId, undefined));
        for (let i = 0; i < 3; i++) page.push((await bareOnePage(glanceUrl, token, spec.pageListing, spec.projectId, undefined)).ms);
        // The same page as a new token's first request, as after a sign-in (Glance validates it with Keystone once).
        const newTokenPage: number[] = [];
        for (let i = 0; i < 3; i++) newTokenPage.push((await bareOnePage(glanceUrl, await bareToken(spec.cloud), spec.pageListing, spec.projectId, undefined)).ms);
        measured.push({
          label,
          cloud: spec.cloud,
          signIn: loads.signIn,
          refresh: loads.refresh,
          treeRows: loads.treeRows,
          bare: { ms: summarize(bare.map((b) => b.ms)), requests: bare[0]!.requests, firstPageMs: summarize(bare.map((b) => b.firstPageMs)) },
          onePageMs: summarize(page),
          onePageNewTokenMs: summarize(newTokenPage),
        });
        const l = loads.signIn;
        log(
          `  ${label}: sign-in ${l.requests} requests, ${l.ms.toFixed(0)} ms, first paint ${l.firstPaintMs?.toFixed(0) ?? 'n/a'} ms, stall ${l.maxEventLoopStallMs.toFixed(0)} ms (GC ${l.gcInLongestStallMs?.toFixed(0) ?? '?'} ms); refresh ${loads.refresh.ms.toFixed(0)} ms, stall ${loads.refresh.maxEventLoopStallMs.toFixed(0)} ms (GC ${loads.refresh.gcInLongestStallMs?.toFixed(0) ?? '?'} ms); bare ${bare[0]!.requests} requests ${summarize(bare.map((b) => b.ms)).median.toFixed(0)} ms, one page ${summarize(page).median.toFixed(0)} ms (new token ${summarize(newTokenPage).median.toFixed(0)} ms)`,
        );
      }
      results.push({ n, loadMs: dataset.loadMs, scopes: measured });
    } finally {
      deleteDataset(tag);
      liveTags.delete(tag);
    }
  }
  return results;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const git = gitState();
  const dirty = git.dirtyFiles;
  if (dirty.length && !options.allowDirty) {
    console.error(
      `bench: ${dirty.length} tracked file(s) have uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}), so no commit would reproduce these figures.\n` +
        `Commit or stash them, or run with --allow-dirty (e.g. npm run bench${options.smoke ? ':smoke' : ''} -- --allow-dirty): the results file is then named …-dirty.json.`,
    );
    return 2;
  }
  const started = Date.now();
  const startedAt = new Date().toISOString();
  cleanupOnSignal();
  if (options.stackUp) {
    // Starts the local stack, or reuses the running one (~0.05 s).
    execFileSync('bash', [path.join(benchRoot, '..', 'test', 'stack', 'up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const load = new LoadSampler();
  const machine = machineFacts(git);
  const gcExposed = collectGarbage();
  log(
    `glance-share bench (${options.smoke ? 'smoke' : 'full'}): N = ${options.sizes.join(', ')}; ${machine.cpus} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${gcExposed ? '' : '; no --expose-gc: heap figures include garbage'}`,
  );
  const stale = deleteStaleBenchTags();
  if (stale.length) log(`removed images of ${stale.length} stale bench tag(s): ${stale.join(', ')}`);

  const ids = stackIds();
  const [daveConn, bobConn, daveToken, bobToken] = await Promise.all([clientConnect('dave'), clientConnect('bob'), bareToken('dave'), bareToken('bob')]);
  const scopes: ScopeSpec[] = [
    { label: 'producer', cloud: 'dave', projectId: ids.projects.other, connection: daveConn, token: daveToken, pageListing: 'owned' },
    { label: 'consumer', cloud: 'bob', projectId: ids.projects.consumer, connection: bobConn, token: bobToken, pageListing: 'pending' },
  ];

  const build = productionBuild();
  let analysis: BundleAnalysis | undefined;
  const sizes: SizeResult[] = [];
  let workflow: WorkflowResult | undefined;
  let overview: OverviewSummary | undefined;
  let cliSmoke: BenchResults['cliSmoke'];
  let exthost: ExtHostSummary | undefined;
  let treeLoads: TreeLoadResult[] | undefined;
  let bulk: BulkShareResult | undefined;
  const errors: string[] = [];
  try {
    analysis = await analyzeBundle(build);
    log(`bundles: extension ${(build.extension.bytes / 1000).toFixed(1)} kB, webview ${build.webview ? `${(build.webview.bytes / 1000).toFixed(1)} kB` : 'n/a'}`);
    for (let i = 0; i < options.sizes.length; i++) {
      const n = options.sizes[i]!;
      const tag = newTag(String(n));
      liveTags.add(tag);
      try {
        const dataset = loadDataset(n, tag);
        log(
          `N=${n}: loaded ${n} images tagged ${tag} in ${dataset.loadMs} ms (${Object.entries(dataset.counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`,
        );
        sizes.push(await measureSize(n, options.runs[i]!, options.cliRuns[i]!, scopes, options, dataset, i === 0));
        if (options.smoke && options.cli) {
          const args = cliListArgs('pending', ids.projects.consumer, tag);
          const run = await runCli('bob', args);
          cliSmoke = { args: args.join(' '), ms: run.ms, rows: run.rows };
          log(`  one CLI call: openstack ${cliSmoke.args} → ${run.rows} rows in ${(run.ms / 1000).toFixed(1)} s`);
        }
        if (n === options.workflowAt && options.workflowRuns > 0) workflow = await measureWorkflow(dataset, options.workflowRuns, scopes, options);
      } finally {
        deleteDataset(tag);
        liveTags.delete(tag);
      }
    }
    if (options.overview) overview = await measureOverviewBench(options.overview, log);
    if (options.bulkImages > 0) {
      const tag = newTag('bulk');
      liveTags.add(tag);
      try {
        bulk = await measureBulkShare(daveConn, tag, {
          images: options.bulkImages,
          projects: options.bulkProjects,
          cli: options.cli && !options.smoke,
          cliPairs: options.bulkCliPairs,
        });
        log(
          `bulk share ${bulk.images} × ${bulk.projects}: glance-share ${bulk.client.ms.toFixed(0)} ms (plan ${bulk.client.planMs.toFixed(0)}, apply ${bulk.client.applyMs.toFixed(0)}), bare POST loop ${bulk.bare.ms.toFixed(0)} ms${bulk.cli ? `, CLI ${(bulk.cli.ms / 1000).toFixed(1)} s for ${bulk.cli.pairs} calls` : ''}`,
        );
      } finally {
        liveTags.delete(tag);
      }
    }
    if (options.exthost) {
      if (extHostAvailable()) {
        exthost = await measureExtHost(options, build, analysis);
        treeLoads = await measureTreeLoads(options, build, scopes);
      } else errors.push('extension host: code-server or chromium missing (bash test/vscode/install.sh)');
    }
  } catch (error) {
    errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    removeBuild(build);
  }

  const results: BenchResults = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    mode: options.smoke ? 'smoke' : 'full',
    startedAt,
    durationS: (Date.now() - started) / 1000,
    machine,
    load: load.stop(),
    gcExposed,
    stack: { glanceUrl: stackInfo().glanceUrl, glanceWorkers: 'workers = 0 (one eventlet process)' },
    sizes,
    workflow,
    overview,
    cliSmoke,
    bundle: {
      extension: build.extension,
      webview: build.webview,
      webviewCss: build.webviewCss,
      esbuildOutput: build.output,
      byOrigin: analysis?.byOrigin,
      analysisIdentical: analysis?.identical,
    },
    exthost,
    treeLoads,
    bulk,
    targets: [],
    errors: [...errors, ...sizes.flatMap((s) => s.checks), ...(workflow?.checks ?? []), ...overviewChecks, ...(bulk?.checks ?? [])],
  };
  results.targets = evaluateTargets(results);
  const resultsFile = writeResultsFile(results);
  log(`wrote ${path.relative(process.cwd(), resultsFile)}`);
  const markdown = renderMarkdown(results, path.relative(benchRoot, resultsFile));
  console.log(`\n${markdown}\n`);
  if (options.out) {
    // Links in the Markdown are relative to bench/, where RESULTS.md is.
    fs.writeFileSync(options.out, markdown + '\n');
    log(`wrote ${path.relative(process.cwd(), options.out)}`);
  }
  log(`wrote ${path.relative(process.cwd(), writeSummaryFile())}`);
  log(`done in ${results.durationS.toFixed(0)} s${results.errors.length ? `, ${results.errors.length} error(s)` : ''}`);
  return results.errors.length ? 1 : 0;
}

const overviewChecks: string[] = [];

/** (f): the access overview's reader against a bare loop of the same member GETs. */
async function measureOverviewBench(spec: NonNullable<Options['overview']>, log: (line: string) => void): Promise<OverviewSummary> {
  const tag = newTag('overview');
  liveTags.add(tag);
  try {
    const r = await measureOverview(spec.images, spec.members, spec.runs, tag, log);
    overviewChecks.push(...r.checks);
    const completeMs = summarize(r.runs.map((x) => x.completeMs));
    const bareMs = summarize(r.bare.map((x) => x.ms));
    return {
      images: r.images,
      membersPerImage: r.membersPerImage,
      concurrency: r.concurrency,
      runs: r.runs.length,
      rows: r.runs[0]?.rows ?? 0,
      cells: r.runs[0]?.cells ?? 0,
      requests: r.runs[0]?.requests ?? 0,
      firstRowMs: summarize(r.runs.map((x) => x.firstRowMs)),
      completeMs,
      peakHeapMB: summarize(r.runs.map((x) => x.peakHeapBytes / 2 ** 20)),
      bare: { requests: r.bare[0]?.requests ?? 0, ms: bareMs, firstMs: summarize(r.bare.map((x) => x.firstMs)) },
      ratio: completeMs.median / bareMs.median,
    };
  } finally {
    liveTags.delete(tag);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    for (const tag of liveTags) deleteDataset(tag);
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
