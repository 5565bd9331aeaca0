import { mapBounded } from '../common/bounded';
import { asError, HttpError, type GlanceImage, type GlanceMember } from '../openstack';
import {
  imageLabel,
  pairsToAdd,
  planBulkShare,
  refusalOf,
  skippedWhy,
  viewpointOf,
  type BulkPlan,
  type BulkResult,
  type PairRequest,
  type PairResult,
  type ReadImage,
  type Viewpoint,
  type VisibilityResult,
} from '../sharing';
import type { Scope } from './connections';
import { explanationOf } from './errors';
import type { ActionDeps } from './imageActions';

/** Images read, and members added, at once: as many as the offboarding's. */
export const BULK_CONCURRENCY = 4;

export interface BulkApplyOptions {
  /** Asked before each request starts: a cancelled apply leaves the rest not started. */
  readonly cancelled?: () => boolean;
  /** After each request, with how many are finished of how many. */
  readonly onProgress?: (finished: number, total: number, what: string) => void;
}

/**
 * Bulk membership against Glance, for the share commands (src/ui/imageCommands.ts), the members
 * panel (through shareImages) and the extension-host tests. The plan reads Glance itself, not the
 * tree: each image and its members as they are now, so that a plan (and a retry's plan) never
 * sends a member that is already there.
 */
export class BulkSharing {
  constructor(
    private readonly deps: ActionDeps,
    private readonly memberQuota: () => number,
  ) {}

  /** What this scope's token is to an image it owns: roles, policy, the endpoint's API version. */
  viewpoint(scope: Scope): Viewpoint {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const connection = scope.state.connection;
    return viewpointOf(connection.session, undefined, { capabilities: connection.glance.knownCapabilities, permissions: this.deps.images.permissions(scope.id) });
  }

  /**
   * The plan of these pairs, read from Glance now: each image once, its members if it has any.
   * `known`: the images as last seen (the tree's rows, a result's), named in the plan when Glance can no longer read one.
   */
  async plan(scope: Scope, known: readonly GlanceImage[], requests: readonly PairRequest[], onProgress?: (read: number, total: number) => void): Promise<BulkPlan> {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const glance = scope.state.connection.glance;
    const ids = [...new Set(requests.map((r) => r.imageId))].filter((id) => known.some((i) => i.id === id));
    let read = 0;
    const settled = await mapBounded(ids, BULK_CONCURRENCY, async (id): Promise<ReadImage> => {
      const image = await glance.getImage(id);
      // Only shared images have members (docs/glance-behaviour.md#members-shared-only): the others have none to list.
      const members: GlanceMember[] = image.visibility === 'shared' ? await glance.listMembers(id) : [];
      onProgress?.(++read, ids.length);
      return { image, members };
    });
    const images = settled.map((s, i): ReadImage => {
      if (s.ok === true) return s.value;
      const last = known.find((k) => k.id === ids[i])!;
      const refusal = s.ok === false ? refusalOf(s.error, 'owner') : undefined;
      if (refusal?.kind === 'imageGone') this.deps.images.dropImage(scope.id, ids[i]);
      const why = s.ok === false ? (refusal?.message ?? explanationOf(asError(s.error))) : 'not read';
      this.deps.log.warn(`Share plan: ${ids[i]} could not be read: ${why}`);
      return { image: last, unreadable: why };
    });
    return planBulkShare(images, requests, this.viewpoint(scope), this.memberQuota());
  }

  /** Apply a plan: private images made shared first, then every member to add; one result per pair, in the plan's order. */
  async apply(scope: Scope, plan: BulkPlan, options: BulkApplyOptions = {}): Promise<BulkResult> {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const glance = scope.state.connection.glance;
    const { images, walkthrough } = this.deps;
    const stop = () => options.cancelled?.() === true;
    const privates = plan.images.filter((i) => i.makeShared);
    const adds = pairsToAdd(plan);
    const total = privates.length + adds.length;
    let finished = 0;

    const made = await mapBounded(
      privates,
      BULK_CONCURRENCY,
      async (p) => {
        try {
          const updated = await glance.setVisibility(p.image.id, 'shared');
          images.applyOwnedImage(scope.id, updated);
          return { image: updated, outcome: { kind: 'madeShared' } } as const;
        } catch (error) {
          images.noteRefusal(scope.id, 'setVisibility', error);
          const refusal = refusalOf(error, 'owner');
          if (refusal?.kind === 'imageGone') images.dropImage(scope.id, p.image.id);
          return { image: p.image, outcome: { kind: 'failed', message: refusal?.message ?? explanationOf(asError(error)) } } as const;
        } finally {
          options.onProgress?.(++finished, total, `${imageLabel(p.image)} made shared`);
        }
      },
      stop,
    );
    const visibility: VisibilityResult[] = made.map((s, i) => (s.ok === true ? s.value : { image: privates[i].image, outcome: { kind: 'notStarted' } }));
    const blocked = new Map(visibility.filter((v) => v.outcome.kind !== 'madeShared').map((v) => [v.image.id, v.outcome.kind]));
    const sendable = adds.filter((p) => !blocked.has(p.image.id));

    // Glance's 403 for a member of an image that is no longer shared reads as a policy refusal
    // (docs/glance-behaviour.md#private-member-403): the image, read again once, tells which it
    // is, so that one image made private meanwhile does not withhold sharing from the whole scope.
    const reread = new Map<string, Promise<GlanceImage | undefined>>();
    const unsharedNow = async (imageId: string, error: unknown): Promise<string | undefined> => {
      if (!(error instanceof HttpError) || error.status !== 403) return undefined;
      if (!reread.has(imageId))
        reread.set(
          imageId,
          glance.getImage(imageId).catch(() => undefined),
        );
      const now = await reread.get(imageId);
      // Before Image API 2.5 private images take members: there a 403 is what it says.
      const memberVisibility = glance.knownCapabilities?.sharedVisibility === false ? 'private' : 'shared';
      if (!now || now.visibility === memberVisibility) return undefined;
      images.applyOwnedImage(scope.id, now);
      return `it is ${now.visibility} now (changed meanwhile): only shared images have members; Retry plans it again`;
    };
    const sent = await mapBounded(
      sendable,
      BULK_CONCURRENCY,
      async (p): Promise<PairResult> => {
        try {
          const member = await glance.addMember(p.image.id, p.projectId);
          return { image: p.image, projectId: p.projectId, outcome: { kind: 'added', status: member.status } };
        } catch (error) {
          const unshared = await unsharedNow(p.image.id, error);
          if (unshared) return { image: p.image, projectId: p.projectId, outcome: { kind: 'failed', message: unshared } };
          images.noteRefusal(scope.id, 'addMember', error);
          const refusal = refusalOf(error, 'owner');
          // Another client added it meanwhile: what the user asked for is true.
          if (refusal?.kind === 'alreadyMember')
            return { image: p.image, projectId: p.projectId, outcome: { kind: 'alreadyMember', message: 'added meanwhile by someone else' } };
          if (refusal?.kind === 'imageGone') images.dropImage(scope.id, p.image.id);
          return { image: p.image, projectId: p.projectId, outcome: { kind: 'failed', message: refusal?.message ?? explanationOf(asError(error)) } };
        } finally {
          options.onProgress?.(++finished, total, `${imageLabel(p.image)} \u2192 ${p.projectId}`);
        }
      },
      stop,
    );
    const byPair = new Map(sendable.map((p, i) => [p, sent[i]]));
    const pairs = plan.pairs.map((p): PairResult => {
      const base = { image: p.image, projectId: p.projectId };
      if (p.plan.kind === 'alreadyMember') return { ...base, outcome: { kind: 'alreadyMember', message: `was ${p.plan.status}` } };
      const skipped = skippedWhy(p.plan, plan.quota);
      if (skipped) return { ...base, outcome: { kind: 'skipped', message: skipped } };
      const why = blocked.get(p.image.id);
      if (why === 'failed') return { ...base, outcome: { kind: 'failed', message: 'could not make the image shared, so it was not sent' } };
      if (why === 'notStarted') return { ...base, outcome: { kind: 'notStarted' } };
      const s = byPair.get(p);
      return s?.ok === true ? s.value : { ...base, outcome: { kind: 'notStarted' } };
    });
    const result: BulkResult = { visibility, pairs };
    this.log(result);

    // Confirm with Glance: the members of each touched image, and the listings of the projects shown side by side.
    const touched = new Set([
      ...visibility.filter((v) => v.outcome.kind !== 'notStarted').map((v) => v.image.id),
      ...pairs.filter((r) => r.outcome.kind === 'added' || r.outcome.kind === 'failed').map((r) => r.image.id),
    ]);
    const added = pairs.filter((r) => r.outcome.kind === 'added');
    await Promise.all([...[...touched].map((id) => images.refreshMembers(scope.id, id)), images.reloadProjects([...new Set(added.map((r) => r.projectId))])]);
    if (added.length > 0) walkthrough.reached('shared');
    return result;
  }

  private log(result: BulkResult): void {
    for (const v of result.visibility) {
      const line = `Share: make ${imageLabel(v.image)} (${v.image.id}) shared: ${v.outcome.kind}${'message' in v.outcome ? ` (${v.outcome.message})` : ''}`;
      if (v.outcome.kind === 'failed') this.deps.log.error(line);
      else this.deps.log.info(line);
    }
    for (const r of result.pairs) {
      const line = `Share ${imageLabel(r.image)} (${r.image.id}) \u2192 ${r.projectId}: ${r.outcome.kind}${'message' in r.outcome ? ` (${r.outcome.message})` : ''}${r.outcome.kind === 'added' ? `, ${r.outcome.status}` : ''}`;
      if (r.outcome.kind === 'failed') this.deps.log.error(line);
      else this.deps.log.info(line);
    }
  }
}
