// (a) The client's grouped tree load, the way the extension's ImageStore.loadMain does it:
// loadScopeImages with onPage, regrouping what has arrived after every page (first paint), then
// the final groups. (d) The seed workflow through the client.
import { connect, loadScopeImages, silentLogger, type GlanceImage, type ScopeConnection, type ScopeListing } from '../../src/openstack';
import { groupScopeImages, type ImageGroups } from '../../src/sharing';
import { stackCloud } from '../../test/support/stack';
import { collectGarbage, HeapSampler, heapUsed } from './stats';

export function clientConnect(cloud: string): Promise<ScopeConnection> {
  return connect(stackCloud(cloud), { logger: silentLogger });
}

export interface ClientLoad {
  readonly ms: number;
  readonly firstPaintMs: number;
  /** The listing whose page was painted first. */
  readonly firstPaintListing: ScopeListing | undefined;
  readonly requests: number;
  /** Requests until My images and Pending were complete (the groups shown first); absent in runs before it was recorded. */
  readonly firstGroupsRequests?: number;
  /** Highest heapUsed during the load minus heapUsed before it (after a GC), bytes. */
  readonly peakHeapBytes: number;
  /** heapUsed after the load and a GC, groups still held, minus before: what the tree keeps. */
  readonly retainedHeapBytes: number;
  /** CPU time (user + system) of this process during the load. */
  readonly cpuMs: number;
  /** Time spent regrouping in onPage (the extension repaints after every page). */
  readonly regroupMs: number;
  readonly pages: number;
  readonly counts: { owned: number; pending: number; accepted: number; rejected: number };
  /** My images by visibility (for what-if request counts). */
  readonly ownedByVisibility: Record<string, number>;
}

export async function clientTreeLoad(connection: ScopeConnection, tag: string | undefined): Promise<ClientLoad> {
  const projectId = connection.session.projectScope?.id;
  if (!projectId) throw new Error('unscoped connection');
  collectGarbage();
  const heap = new HeapSampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let firstPaintMs = NaN;
  let firstPaintListing: ScopeListing | undefined;
  let regroupMs = 0;
  let pages = 0;
  const soFar = { owned: [] as GlanceImage[], pending: [] as GlanceImage[], accepted: [] as GlanceImage[], rejected: [] as GlanceImage[] };
  const view: { partial?: ImageGroups } = {};
  const onPage = (listing: ScopeListing, page: readonly GlanceImage[]) => {
    if (listing === 'community' || listing === 'public') return;
    const t = performance.now();
    pages++;
    soFar[listing].push(...page);
    view.partial = groupScopeImages({
      projectId,
      owned: soFar.owned,
      incoming: { pending: soFar.pending, accepted: soFar.accepted, rejected: soFar.rejected },
    });
    if (Number.isNaN(firstPaintMs)) {
      firstPaintMs = performance.now() - started;
      firstPaintListing = listing;
    }
    regroupMs += performance.now() - t;
    heap.poke();
  };
  const loaded = await loadScopeImages(connection.glance, projectId, { onPage, ...(tag ? { tag } : {}) });
  const groups = groupScopeImages(loaded);
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  const peakHeapBytes = heap.stop();
  view.partial = undefined;
  soFar.owned = soFar.pending = soFar.accepted = soFar.rejected = [];
  collectGarbage();
  const retainedHeapBytes = heapUsed() - heap.base;
  const countOf = (g: ImageGroups) => ({
    owned: Object.values(g.owned).reduce((s, list) => s + list.length, 0),
    pending: g.incoming.pending.length,
    accepted: g.incoming.accepted.length,
    rejected: g.incoming.rejected.length,
  });
  const ownedByVisibility = Object.fromEntries(Object.entries(groups.owned).map(([v, list]) => [v, list.length]));
  return {
    ms,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    firstPaintMs,
    firstPaintListing,
    requests: loaded.requests,
    firstGroupsRequests: loaded.firstGroupsRequests,
    peakHeapBytes,
    retainedHeapBytes,
    regroupMs,
    pages,
    counts: countOf(groups),
    ownedByVisibility,
  };
}

export interface WorkflowRun {
  readonly ms: number;
  readonly steps: Record<string, number>;
  /** Images in the consumer's pending listing. */
  readonly pendingListed: number;
}

export type WorkflowStep = 'signIn' | 'share' | 'listPending' | 'accept' | 'listMembers' | 'unshare';

/**
 * share → consumer lists pending → accept → owner lists members → unshare, through the client.
 * The pending listing is narrowed to `tag` like the CLI's, so both list the same images even while
 * other test runs share images with the consumer.
 * With `connections`, on already signed-in sessions (the extension's case); without, each user
 * signs in first, as every CLI call does.
 */
export async function clientWorkflow(
  imageId: string,
  consumerId: string,
  tag: string | undefined,
  connections?: { owner: ScopeConnection; consumer: ScopeConnection },
): Promise<WorkflowRun> {
  const steps: Record<string, number> = {};
  const started = performance.now();
  let t = started;
  const step = (name: WorkflowStep) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + (now - t);
    t = now;
  };
  let owner = connections?.owner;
  let consumer = connections?.consumer;
  if (!owner || !consumer) {
    owner = await clientConnect('dave');
    consumer = await clientConnect('bob');
    step('signIn');
  }
  await owner.glance.addMember(imageId, consumerId);
  step('share');
  const pending = await consumer.glance.listAllImages({ visibility: 'shared', member_status: 'pending', ...(tag ? { tag } : {}) });
  if (!pending.some((i) => i.id === imageId)) throw new Error(`client workflow: ${imageId} not in the consumer's pending list`);
  step('listPending');
  await consumer.glance.updateMemberStatus(imageId, consumerId, 'accepted');
  step('accept');
  const members = await owner.glance.listMembers(imageId);
  if (!members.some((m) => m.member_id === consumerId && m.status === 'accepted')) throw new Error('client workflow: consumer is not an accepted member');
  step('listMembers');
  await owner.glance.removeMember(imageId, consumerId);
  step('unshare');
  return { ms: performance.now() - started, steps, pendingListed: pending.length };
}
