import type * as vscode from 'vscode';
import { mapBounded } from '../common/bounded';
import { asError, type GlanceImage } from '../openstack';
import { imageLabel, refusalOf, type RetireChoice, type RetireResult } from '../sharing';
import { BULK_CONCURRENCY } from './bulkShare';
import type { Scope } from './connections';
import { explanationOf } from './errors';
import type { ImageStore } from './imageStore';

export interface RotationDeps {
  readonly images: ImageStore;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The old image's side of "Publish New Version…", for the command (src/ui/rotationCommands.ts)
 * and the extension-host tests: hide it, or take its members away and make it community or
 * private. Members go first, while it is still shared: Glance refuses to remove members of a
 * private image (docs/glance-behaviour.md#no-removal-while-private), and a visibility change
 * with members left would leave them dormant, not gone; so when one cannot be removed the
 * visibility is not changed, and the result says so.
 */
export class Rotation {
  constructor(private readonly deps: RotationDeps) {}

  async retire(scope: Scope, old: GlanceImage, choice: Exclude<RetireChoice, 'keep'>): Promise<RetireResult> {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const glance = scope.state.connection.glance;
    const { images, log } = this.deps;
    const change = async (task: () => Promise<GlanceImage>): Promise<RetireResult['change']> => {
      try {
        images.applyOwnedImage(scope.id, await task());
        return { kind: 'done' };
      } catch (error) {
        images.noteRefusal(scope.id, 'setVisibility', error);
        return { kind: 'failed', message: refusalOf(error, 'owner')?.message ?? explanationOf(asError(error)) };
      }
    };
    if (choice === 'hide') {
      const result: RetireResult = { choice, removed: [], failed: [], change: await change(() => glance.setHidden(old.id, true)) };
      log.info(`Retire ${imageLabel(old)} (${old.id}): hide: ${result.change.kind}`);
      return result;
    }
    const members = old.visibility === 'shared' ? (await glance.listMembers(old.id)).map((m) => m.member_id) : [];
    const settled = await mapBounded(members, BULK_CONCURRENCY, async (projectId) => {
      try {
        await glance.removeMember(old.id, projectId);
      } catch (error) {
        // Removed meanwhile by someone else: what was asked is true.
        if (refusalOf(error, 'owner')?.kind !== 'notMember') throw error;
      }
    });
    const removed = members.filter((_, i) => settled[i].ok === true);
    const failed = members.flatMap((projectId, i) => {
      const s = settled[i];
      if (s.ok !== false) return [];
      images.noteRefusal(scope.id, 'removeMember', s.error);
      return [{ projectId, message: refusalOf(s.error, 'owner')?.message ?? explanationOf(asError(s.error)) }];
    });
    const result: RetireResult = { choice, removed, failed, change: failed.length > 0 ? { kind: 'notTried' } : await change(() => glance.setVisibility(old.id, choice)) };
    log.info(`Retire ${imageLabel(old)} (${old.id}): ${removed.length} members removed, ${failed.length} failed; make ${choice}: ${result.change.kind}`);
    failed.forEach((f) => log.error(`Retire ${old.id}: remove ${f.projectId}: ${f.message}`));
    await Promise.all([images.refreshMembers(scope.id, old.id), images.reloadProjects(removed)]);
    return result;
  }
}
