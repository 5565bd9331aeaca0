// Runs inside the real VS Code extension host (code-server), loaded as the extensionTestsPath
// module: VS Code requires it and awaits run(). Bundled on its own by bench/lib/exthost.ts, so it
// reaches the running extension through what activate() returned, like test/exthost suites do.
//
// Measures: activation (inside activate(), and activate() as awaited from outside, which adds
// loading the bundle), then heap growth and load figures for a scope that gets N images.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { GlanceShareApi } from '../../src/extension';
import type { Scope } from '../../src/ui/connections';
import type { Node } from '../../src/ui/tree/nodes';
import { scopeNamed } from '../../test/exthost/stack';
import { ourExtension, waitFor } from '../../test/exthost/support';
import { distribution, loaderArgs } from '../lib/distribution';

export const START_MARKER = 'GS_BENCH_START';
export const RESULT_PREFIX = 'GS_BENCH_RESULT ';

export interface ExtHostConfig {
  readonly glanceDb: string;
  readonly loader: string;
  readonly owner: string;
  readonly consumer: string;
  readonly n: number;
  readonly tag: string;
  readonly refreshes: number;
  /** Write a CPU profile of the activation here (a separate, diagnostic run: profiling slows it). */
  readonly profileFile?: string;
  /**
   * The tree-load run: the bench has loaded the N images before this host started; each of these
   * clouds' scope signs in again (first paint, page by page) and then refreshes, with the event
   * loop probed. No heap figures (`n` is then only the label).
   */
  readonly loadsOf?: readonly ScopeUnderLoad[];
}

export interface ScopeUnderLoad {
  readonly label: 'owner' | 'consumer';
  readonly cloud: string;
}

export interface ScopeLoads {
  readonly label: ScopeUnderLoad['label'];
  /** The fresh sign-in's load (paints page by page), then the refresh's (keeps the old listing until complete). */
  readonly signIn: ExtHostLoad;
  readonly refresh: ExtHostLoad;
  /** Rows of My images and Shared with me the tree gives once loaded. */
  readonly treeRows: number;
}

export interface ExtHostLoad {
  readonly requests: number;
  /** Requests until My images and Pending were complete (the groups shown first); absent in runs before it was recorded. */
  readonly firstGroupsRequests?: number;
  readonly firstGroupsMs?: number;
  readonly ms: number;
  readonly firstPaintMs?: number;
  readonly refreshToLoadedMs: number;
  readonly maxEventLoopStallMs: number;
  /**
   * Garbage collection inside the longest stall's window (ms), and the longest major (mark-compact)
   * collection of the load: how much of the stall is V8's rather than ours. Absent in older runs.
   */
  readonly gcInLongestStallMs?: number;
  readonly longestMajorGcMs?: number;
}

/** node:perf_hooks `gc` entries: `detail.kind` 4 is a major (mark-compact) collection. */
const MAJOR_GC = 4;

export interface ActivationResult {
  readonly vscodeVersion: string;
  readonly activeBefore: boolean;
  /** Measured inside activate() by the extension itself. */
  readonly activationMs: number;
  /** extension.activate() awaited from here: loading the bundle + activate() + VS Code's own work. */
  readonly activateAwaitedMs: number;
  readonly profiled: boolean;
}

export interface HeapResult {
  readonly gcAvailable: boolean;
  readonly heapBeforeBytes: number;
  /** After the first load of the N images and a GC. */
  readonly heapAfterLoadBytes: number;
  /** After the last refresh and a GC (a refresh must not keep the previous load alive). */
  readonly heapAfterRefreshesBytes: number;
  /** After asking the tree for every row (getChildren + getTreeItem, as expanding every group does) and a GC. */
  readonly heapAfterTreeBytes: number;
  /** Highest heapUsed seen while loading, sampled every 5 ms. */
  readonly heapPeakBytes: number;
  readonly treeRows: number;
  readonly loads: readonly ExtHostLoad[];
  /** Images in dave's "My images" before and after the bench's N were added (other tests' images count too). */
  readonly counts: { ownedBefore: number; owned: number };
}

export type ExtHostResult = ActivationResult & { readonly heap?: HeapResult; readonly loads?: readonly ScopeLoads[] };

/** --expose-gc set at run time; a new context then has gc(). Undefined if that fails. */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

function loader(config: ExtHostConfig, args: string[]): void {
  execFileSync('/usr/bin/python3', [config.loader, '--db', config.glanceDb, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function startProfiler(): Promise<inspector.Session> {
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  return session;
}

async function stopProfiler(session: inspector.Session, file: string): Promise<void> {
  const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
  session.disconnect();
  fs.writeFileSync(file, JSON.stringify(profile));
}

async function activate(config: ExtHostConfig): Promise<{ api: GlanceShareApi; result: ActivationResult }> {
  const extension = ourExtension<GlanceShareApi>();
  const activeBefore = extension.isActive;
  let session: inspector.Session | undefined;
  if (config.profileFile && !config.loadsOf) {
    session = new inspector.Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 50 });
    await post(session, 'Profiler.start');
  }
  const t0 = performance.now();
  const api = await extension.activate();
  const activateAwaitedMs = performance.now() - t0;
  if (session && config.profileFile && !config.loadsOf) {
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    session.disconnect();
    fs.writeFileSync(config.profileFile, JSON.stringify(profile));
  }
  return { api, result: { vscodeVersion: vscode.version, activeBefore, activationMs: api.activationMs, activateAwaitedMs, profiled: session !== undefined } };
}

/** One load of `scope`, with the event loop probed every 5 ms (and the heap, for `onHeap`). */
async function probedLoad(api: GlanceShareApi, scope: Scope, how: 'sign-in' | 'refresh', n: number, onHeap?: (bytes: number) => void): Promise<ExtHostLoad> {
  const { ctx } = api;
  ctx.images.lastLoad.delete(scope.id);
  let maxEventLoopStallMs = 0;
  let stallWindow: [number, number] = [0, 0];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    if (now - last - 5 > maxEventLoopStallMs) {
      maxEventLoopStallMs = now - last - 5;
      stallWindow = [last, now];
    }
    last = now;
    onHeap?.(process.memoryUsage().heapUsed);
  }, 5);
  const collections: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  try {
    if (how === 'sign-in') await ctx.connections.connectScope(scope);
    else await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: scope.id });
    await waitFor(() => ctx.images.lastLoad.has(scope.id) && !ctx.images.isLoading(scope.id), `${scope.cloud.name}: ${n} images loaded`, 900_000);
  } finally {
    clearInterval(probe);
  }
  // The observer is told asynchronously: let it deliver the last entries.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gcObserver.disconnect();
  const [from, to] = stallWindow;
  const gcInLongestStallMs = collections.reduce((sum, e) => sum + Math.max(0, Math.min(to, e.startTime + e.duration) - Math.max(from, e.startTime)), 0);
  const longestMajorGcMs = collections.reduce(
    (most, e) => ((e as unknown as { detail?: { kind?: number } }).detail?.kind === MAJOR_GC ? Math.max(most, e.duration) : most),
    0,
  );
  return { ...ctx.images.lastLoad.get(scope.id)!, refreshToLoadedMs: performance.now() - started, maxEventLoopStallMs, gcInLongestStallMs, longestMajorGcMs };
}

/**
 * Every row of My images and Shared with me, as if every group were expanded: what the view asks
 * for. (Community and Public would start their own loads: not walked.)
 */
function countTreeRows(api: GlanceShareApi, scope: Scope): number {
  const { ctx } = api;
  let rows = 0;
  const walk = (node: Node) => {
    for (const child of ctx.tree.rows(node)) {
      if (child.kind === 'group' && (child.group === 'community' || child.group === 'public')) continue;
      ctx.tree.getTreeItem(child);
      rows++;
      walk(child);
    }
  };
  walk({ kind: 'scope', scopeId: scope.id });
  return rows;
}

/** The tree-load run: each scope signs in again, then refreshes, on images loaded beforehand. */
async function measureLoads(config: ExtHostConfig, api: GlanceShareApi, scopes: readonly ScopeUnderLoad[]): Promise<ScopeLoads[]> {
  const { ctx } = api;
  await vscode.commands.executeCommand('workbench.view.extension.glanceShare');
  for (const { cloud } of scopes) await scopeNamed(cloud);
  await waitFor(() => ctx.connections.scopes.every((s) => !ctx.images.isLoading(s.id)), 'the first load of every scope', 900_000);
  const results: ScopeLoads[] = [];
  for (const { label, cloud } of scopes) {
    const scope = await scopeNamed(cloud);
    // A diagnostic run may profile the sign-in's load (profiling slows it: not a figure to quote).
    const session = config.profileFile ? await startProfiler() : undefined;
    const signIn = await probedLoad(api, scope, 'sign-in', config.n);
    if (session && config.profileFile) await stopProfiler(session, `${config.profileFile}.${label}.cpuprofile`);
    const refresh = await probedLoad(api, scope, 'refresh', config.n);
    results.push({ label, signIn, refresh, treeRows: countTreeRows(api, scope) });
  }
  return results;
}

async function measureHeap(config: ExtHostConfig, api: GlanceShareApi): Promise<HeapResult> {
  const { ctx } = api;
  // Show the view, so the tree is rendered like for a user.
  await vscode.commands.executeCommand('workbench.view.extension.glanceShare');
  const dave = await scopeNamed('dave');
  await waitFor(() => ctx.connections.scopes.every((s) => !ctx.images.isLoading(s.id)), 'the first load of every scope', 120_000);
  const before = ctx.images.main(dave.id);
  const ownedBefore = before.kind === 'loaded' ? Object.values(before.value.owned).reduce((s, list) => s + list.length, 0) : NaN;

  const gc = exposeGc();
  const heap = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const heapBeforeBytes = heap();
  let heapPeakBytes = heapBeforeBytes;
  for (const batch of distribution(config.n)) {
    if (batch.count > 0) loader(config, loaderArgs(batch, config.owner, config.consumer, config.tag));
  }
  const loads: ExtHostLoad[] = [];
  let heapAfterLoadBytes = 0;
  for (let i = 0; i < config.refreshes; i++) {
    // The first load is a fresh sign-in, which paints page by page (first paint); the others are
    // Refreshes, which keep the last listing on screen until the new one is complete.
    loads.push(await probedLoad(api, dave, i === 0 ? 'sign-in' : 'refresh', config.n, (bytes) => (heapPeakBytes = Math.max(heapPeakBytes, bytes))));
    if (i === 0) heapAfterLoadBytes = heap();
  }
  const heapAfterRefreshesBytes = heap();
  const main = ctx.images.main(dave.id);
  if (main.kind !== 'loaded') throw new Error(`dave's scope is ${main.kind} after the refreshes`);
  const owned = Object.values(main.value.owned).reduce((s, list) => s + list.length, 0);

  const treeRows = countTreeRows(api, dave);
  const heapAfterTreeBytes = heap();
  return {
    gcAvailable: gc !== undefined,
    heapBeforeBytes,
    heapAfterLoadBytes,
    heapAfterRefreshesBytes,
    heapAfterTreeBytes,
    heapPeakBytes,
    treeRows,
    loads,
    counts: { ownedBefore, owned },
  };
}

async function measure(config: ExtHostConfig): Promise<ExtHostResult> {
  const { api, result } = await activate(config);
  if (config.loadsOf) return { ...result, loads: await measureLoads(config, api, config.loadsOf) };
  return config.n > 0 ? { ...result, heap: await measureHeap(config, api) } : result;
}

export async function run(): Promise<void> {
  console.log(START_MARKER);
  const config = JSON.parse(process.env.GS_BENCH_EXTHOST ?? 'null') as ExtHostConfig | null;
  if (!config) throw new Error('GS_BENCH_EXTHOST is not set: run through bench/run.ts');
  try {
    const result = await measure(config);
    console.log(RESULT_PREFIX + JSON.stringify(result));
  } catch (error) {
    console.log(`GS_BENCH_ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    // The tree-load run's images belong to the bench, which measures bare paging on them next.
    if (!config.loadsOf) loader(config, ['--delete-tag', config.tag]);
  }
}
