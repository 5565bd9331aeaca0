import type * as vscode from 'vscode';
import { asError, type GlanceImage, type MemberStatus } from '../openstack';
import { crossPairs, imageLabel, planBulkShare, refusalOf, type AnswerOutcome } from '../sharing';
import { BulkSharing } from './bulkShare';
import { mapBounded } from '../common/bounded';
import { explanationOf } from './errors';
import type { ImageTarget } from './imageTargets';
import type { ImageStore } from './imageStore';
import type { WalkthroughProgress } from './walkthroughProgress';

/**
 * The changes glance-share makes in Glance, in one place: the commands (after their prompts) and
 * the members panel (after its buttons) both call these, and both see the result in the tree and
 * in any open panel through ImageStore's change events.
 */
export interface ActionDeps {
  readonly images: ImageStore;
  readonly log: vscode.LogOutputChannel;
  readonly walkthrough: WalkthroughProgress;
}

export interface ShareOutcome {
  /** One line per project (and one for the visibility change), each saying what happened. */
  readonly results: ReadonlyArray<{ readonly image: GlanceImage; readonly projectId?: string; readonly ok: boolean; readonly message: string }>;
  readonly added: number;
  readonly failed: number;
}

/**
 * Add members; a private image is made shared first (the caller has asked the user). The members
 * panel's add, sent as a bulk plan (src/ui/bulkShare.ts) of these pairs without reading Glance
 * first: Glance's 409 for a member already there counts as done.
 */
export async function shareImages(deps: ActionDeps, targets: readonly ImageTarget[], projectIds: readonly string[]): Promise<ShareOutcome> {
  const results: Array<ShareOutcome['results'][number]> = [];
  const bulk = new BulkSharing(deps, () => Number.POSITIVE_INFINITY);
  for (const scope of new Set(targets.map((t) => t.scope))) {
    const group = targets.filter((t) => t.scope === scope);
    const read = group.map((t) => ({ image: t.image, members: [] }));
    const plan = planBulkShare(
      read,
      crossPairs(
        group.map((t) => t.image.id),
        projectIds,
      ),
      group[0].viewpoint,
      Number.POSITIVE_INFINITY,
    );
    const result = await bulk.apply(scope, plan);
    const unshared = new Set<string>();
    for (const v of result.visibility) {
      if (v.outcome.kind === 'madeShared') results.push({ image: v.image, ok: true, message: 'made shared' });
      else {
        unshared.add(v.image.id);
        results.push({
          image: v.image,
          ok: false,
          message: `could not make it shared, so nothing was shared (${v.outcome.kind === 'failed' ? v.outcome.message : 'not started'})`,
        });
      }
    }
    for (const r of result.pairs) {
      if (unshared.has(r.image.id)) continue;
      const o = r.outcome;
      const base = { image: r.image, projectId: r.projectId };
      if (o.kind === 'added') results.push({ ...base, ok: true, message: `added, ${o.status}` });
      else if (o.kind === 'alreadyMember') results.push({ ...base, ok: true, message: 'already a member: nothing changed' });
      else results.push({ ...base, ok: false, message: o.kind === 'notStarted' ? 'not started' : o.message });
    }
  }
  const added = results.filter((r) => r.ok && r.projectId).length;
  return { results, added, failed: results.filter((r) => !r.ok).length };
}

export async function removeMembers(deps: ActionDeps, t: ImageTarget, memberIds: readonly string[]): Promise<{ removed: string[]; failures: string[] }> {
  const removed: string[] = [];
  const failures: string[] = [];
  for (const memberId of memberIds) {
    try {
      await t.connection.glance.removeMember(t.image.id, memberId);
      removed.push(memberId);
      deps.log.info(`Removed member ${memberId} of ${imageLabel(t.image)} (${t.image.id})`);
    } catch (error) {
      deps.log.error(`Remove member ${memberId} of ${t.image.id}: ${asError(error).message}`);
      deps.images.noteRefusal(t.scope.id, 'removeMember', error);
      const refusal = refusalOf(error, 'owner');
      // Removed meanwhile (another client, the CLI): what the user asked for is true.
      if (refusal?.kind === 'notMember') {
        removed.push(memberId);
        continue;
      }
      failures.push(`${memberId}: ${refusal?.message ?? explanationOf(asError(error))}`);
      if (refusal?.kind === 'imageGone') {
        deps.images.dropImage(t.scope.id, t.image.id);
        break;
      }
    }
  }
  await Promise.all([deps.images.refreshMembers(t.scope.id, t.image.id), deps.images.reloadProjects(removed)]);
  return { removed, failures };
}

/** Answers sent to Glance at once: as many as the tree's member summaries read. */
export const ANSWER_CONCURRENCY = 4;

export interface AnswerOptions {
  /** Asked before each answer starts: a cancelled apply leaves the rest not started. */
  readonly cancelled?: () => boolean;
  /** After each share, with how many are finished. */
  readonly onProgress?: (finished: number, total: number, target: ImageTarget, outcome: AnswerOutcome) => void;
}

/** Accept, reject or reset: this project's answer to each share. Glance's reply is the confirmation. */
export async function answerShares(deps: ActionDeps, targets: readonly ImageTarget[], status: MemberStatus): Promise<{ done: number; failures: string[] }> {
  const outcomes = await answerEach(deps, targets, status);
  const failures = outcomes.flatMap((o, i) => (o.kind === 'failed' || o.kind === 'withdrawn' ? [`${imageLabel(targets[i].image)}: ${o.message}`] : []));
  return { done: outcomes.filter((o) => o.kind === 'done').length, failures };
}

/**
 * The same, one outcome per target in the targets' order, a few at a time (the inbox's bulk
 * answers; the tree's commands through answerShares). A share Glance says is gone (404 to the
 * member: withdrawn, or the image deleted) is taken off the tree at once and reported as such.
 */
export async function answerEach(deps: ActionDeps, targets: readonly ImageTarget[], status: MemberStatus, options: AnswerOptions = {}): Promise<AnswerOutcome[]> {
  let refused = false;
  let finished = 0;
  const settled = await mapBounded(
    targets,
    ANSWER_CONCURRENCY,
    async (t): Promise<AnswerOutcome> => {
      let outcome: AnswerOutcome;
      try {
        const member = await t.connection.glance.updateMemberStatus(t.image.id, t.viewpoint.projectId, status);
        // Glance answers with the status asked for; one it does not know would be its own bug.
        deps.images.applyIncomingStatus(t.scope.id, t.image.id, member.status === 'other' ? status : member.status);
        deps.log.info(`${imageLabel(t.image)} (${t.image.id}) is now ${member.status} for project ${t.viewpoint.projectId}`);
        outcome = { kind: 'done' };
      } catch (error) {
        deps.images.noteRefusal(t.scope.id, 'answer', error);
        const refusal = refusalOf(error, 'member');
        deps.log.error(`Set ${status} on ${t.image.id}: ${asError(error).message}`);
        if (refusal?.kind === 'shareGone') {
          deps.images.dropImage(t.scope.id, t.image.id);
          refused = true;
          outcome = { kind: 'withdrawn', message: refusal.message };
        } else {
          outcome = { kind: 'failed', message: refusal?.message ?? explanationOf(asError(error)) };
        }
      }
      options.onProgress?.(++finished, targets.length, t, outcome);
      return outcome;
    },
    () => options.cancelled?.() === true,
  );
  const outcomes = settled.map((s): AnswerOutcome =>
    s.ok === true ? s.value : s.ok === false ? { kind: 'failed', message: explanationOf(asError(s.error)) } : { kind: 'notStarted' },
  );
  // The owners' scopes, and other scopes of this same project (bob and carol both in consumer),
  // read their listings again; the scope that answered is already up to date, unless Glance said
  // a share was gone: then its listings are read again too, to show what else changed.
  const done = outcomes.filter((o) => o.kind === 'done').length;
  if (status === 'accepted' && done > 0) deps.walkthrough.reached('accepted');
  const started = targets.filter((_, i) => outcomes[i].kind !== 'notStarted');
  const projects = new Set(started.flatMap((t) => [t.image.owner ?? '', t.viewpoint.projectId]));
  await deps.images.reloadProjects([...projects], started.length === 1 && !refused ? started[0].scope.id : undefined);
  return outcomes;
}

/**
 * A read or change of one image made straight from a command: when Glance says the image is gone
 * for this project, its row is taken off at once and the error says so in the user's words.
 */
export async function reconciled<T>(deps: Pick<ActionDeps, 'images'>, t: ImageTarget, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const refusal = refusalOf(error, t.memberStatus ? 'member' : 'owner');
    if (refusal?.kind !== 'shareGone' && refusal?.kind !== 'imageGone') throw error;
    deps.images.dropImage(t.scope.id, t.image.id);
    throw new Error(refusal.message, { cause: error });
  }
}
