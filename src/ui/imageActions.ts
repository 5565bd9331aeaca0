import type * as vscode from 'vscode';
import type { GlanceImage, MemberStatus } from '../openstack';
import { imageLabel } from '../sharing';
import { explanationOf } from './errors';
import type { ImageTarget } from './imageTargets';
import type { ScopeImages } from './scopeImages';

/**
 * The changes glance-share makes in Glance, in one place: the commands (after their prompts) and
 * the members panel (after its buttons) both call these, and both see the result in the tree and
 * in any open panel through ScopeImages' change events.
 */
export interface ActionDeps {
  readonly images: ScopeImages;
  readonly log: vscode.LogOutputChannel;
}

export interface ShareOutcome {
  /** One line per project (and one for the visibility change), each saying what happened. */
  readonly results: ReadonlyArray<{ readonly image: GlanceImage; readonly projectId?: string; readonly ok: boolean; readonly message: string }>;
  readonly added: number;
  readonly failed: number;
}

/** Add members; a private image is made shared first (the caller has asked the user). */
export async function shareImages(deps: ActionDeps, targets: readonly ImageTarget[], projectIds: readonly string[]): Promise<ShareOutcome> {
  const results: Array<ShareOutcome['results'][number]> = [];
  for (const t of targets) {
    let image = t.image;
    if (image.visibility === 'private') {
      try {
        image = await t.connection.glance.setVisibility(image.id, 'shared');
        deps.images.applyOwnedImage(t.scope.id, image);
        results.push({ image, ok: true, message: 'made shared' });
      } catch (error) {
        results.push({ image, ok: false, message: `could not make it shared, so nothing was shared (${explanationOf(asError(error))})` });
        continue;
      }
    }
    for (const projectId of projectIds) {
      try {
        const member = await t.connection.glance.addMember(image.id, projectId);
        results.push({ image, projectId, ok: true, message: `added, ${member.status}` });
      } catch (error) {
        results.push({ image, projectId, ok: false, message: explanationOf(asError(error)) });
      }
    }
  }
  for (const r of results) {
    const line = `Share ${imageLabel(r.image)} (${r.image.id})${r.projectId ? ` → ${r.projectId}` : ''}: ${r.message}`;
    if (r.ok) deps.log.info(line);
    else deps.log.error(line);
  }
  // Confirm with Glance: the members of each image, and the listings of the projects shown side by side.
  await Promise.all([...targets.map((t) => deps.images.refreshMembers(t.scope.id, t.image.id)), deps.images.reloadProjects(projectIds)]);
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
      failures.push(`${memberId}: ${explanationOf(asError(error))}`);
      deps.log.error(`Remove member ${memberId} of ${t.image.id}: ${asError(error).message}`);
    }
  }
  await Promise.all([deps.images.refreshMembers(t.scope.id, t.image.id), deps.images.reloadProjects(removed)]);
  return { removed, failures };
}

/** Accept, reject or reset: this project's answer to each share. Glance's reply is the confirmation. */
export async function answerShares(deps: ActionDeps, targets: readonly ImageTarget[], status: MemberStatus): Promise<{ done: number; failures: string[] }> {
  const failures: string[] = [];
  let done = 0;
  for (const t of targets) {
    try {
      const member = await t.connection.glance.updateMemberStatus(t.image.id, t.ctx.projectId, status);
      deps.images.applyIncomingStatus(t.scope.id, t.image.id, member.status);
      done++;
      deps.log.info(`${imageLabel(t.image)} (${t.image.id}) is now ${member.status} for project ${t.ctx.projectId}`);
    } catch (error) {
      failures.push(`${imageLabel(t.image)}: ${explanationOf(asError(error))}`);
      deps.log.error(`Set ${status} on ${t.image.id}: ${asError(error).message}`);
    }
  }
  // The owners' scopes, and other scopes of this same project (bob and carol both in consumer),
  // read their listings again; the scope that answered is already up to date.
  const projects = new Set(targets.flatMap((t) => [t.image.owner ?? '', t.ctx.projectId]));
  await deps.images.reloadProjects([...projects], targets.length === 1 ? targets[0].scope.id : undefined);
  return { done, failures };
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
