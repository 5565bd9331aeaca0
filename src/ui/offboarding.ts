import * as vscode from 'vscode';
import { mapBounded } from '../common/bounded';
import { asError, type GlanceImage, type GlanceMember } from '../openstack';
import { imageLabel, refusalOf, sharesWithProject, type ProjectShare, type RemovalRow, type ShareLookup } from '../sharing';
import type { Connections, Scope } from './connections';
import { explanationOf } from './errors';
import type { ImageStore } from './imageStore';

/** Member lists read, and members removed, at once: as many as the tree's member summaries. */
export const OFFBOARDING_CONCURRENCY = 4;

export interface OffboardingDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly log: vscode.LogOutputChannel;
}

export interface ApplyOptions {
  /** Asked before each removal starts: a cancelled apply leaves the rest not started. */
  readonly cancelled?: () => boolean;
  /** After each image, with how many are finished. */
  readonly onProgress?: (finished: number, total: number, row: RemovalRow) => void;
}

/**
 * Reverse lookup and offboarding against Glance, for the commands (src/ui/offboardingCommands.ts)
 * and the extension-host tests. The lookup reads Glance itself, not the tree: the tree may be
 * narrowed by a filter, and the plan must be what Glance holds now.
 */
export class Offboarding {
  constructor(private readonly deps: OffboardingDeps) {}

  /** The owned shared images of this scope where `projectId` is a member, with its status. */
  async lookup(scope: Scope, projectId: string, onProgress?: (read: number, total: number) => void): Promise<ShareLookup> {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const connection = scope.state.connection;
    const owner = connection.session.projectScope?.id;
    if (!owner) throw new Error(vscode.l10n.t('This scope has no project.'));
    const images = await connection.glance.listAllImages({ owner, visibility: 'shared' });
    let read = 0;
    const settled = await mapBounded(images, OFFBOARDING_CONCURRENCY, async (image) => {
      const members = await connection.glance.listMembers(image.id);
      onProgress?.(++read, images.length);
      return members;
    });
    const withMembers: Array<{ image: GlanceImage; members: readonly GlanceMember[] }> = [];
    const unchecked: Array<{ image: GlanceImage; reason: string }> = [];
    settled.forEach((s, i) => {
      if (s.ok === true) withMembers.push({ image: images[i], members: s.value });
      else unchecked.push({ image: images[i], reason: s.ok === false ? explanationOf(asError(s.error)) : 'not read' });
    });
    unchecked.forEach((u) => this.deps.log.warn(`Members of ${u.image.id} could not be read: ${u.reason}`));
    return { projectId, shares: sharesWithProject(projectId, withMembers), unchecked };
  }

  /** Remove the project from each image of the plan; one result per image, in the plan's order. */
  async apply(scope: Scope, projectId: string, shares: readonly ProjectShare[], options: ApplyOptions = {}): Promise<RemovalRow[]> {
    if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
    const glance = scope.state.connection.glance;
    let finished = 0;
    const settled = await mapBounded(
      shares,
      OFFBOARDING_CONCURRENCY,
      async (share): Promise<RemovalRow> => {
        let row: RemovalRow;
        try {
          await glance.removeMember(share.image.id, projectId);
          row = { share, outcome: { kind: 'removed' } };
        } catch (error) {
          const refusal = refusalOf(error, 'owner');
          if (refusal?.kind === 'imageGone') this.deps.images.dropImage(scope.id, share.image.id);
          row =
            refusal?.kind === 'notMember'
              ? { share, outcome: { kind: 'alreadyGone', message: refusal.message } }
              : { share, outcome: { kind: 'failed', message: refusal?.message ?? explanationOf(asError(error)) } };
        }
        this.logRow(projectId, row);
        options.onProgress?.(++finished, shares.length, row);
        return row;
      },
      () => options.cancelled?.() === true,
    );
    const rows = settled.map((s, i): RemovalRow => (s.ok === true ? s.value : { share: shares[i], outcome: { kind: 'notStarted' } }));
    // Confirm with Glance: the members of each touched image, and the project's own scopes shown side by side.
    const touched = rows.filter((r) => r.outcome.kind !== 'notStarted');
    await Promise.all([...touched.map((r) => this.deps.images.refreshMembers(scope.id, r.share.image.id)), this.deps.images.reloadProjects([projectId])]);
    return rows;
  }

  private logRow(projectId: string, row: RemovalRow): void {
    const line = `Remove ${projectId} from ${imageLabel(row.share.image)} (${row.share.image.id}): ${row.outcome.kind}${'message' in row.outcome ? ` (${row.outcome.message})` : ''}`;
    if (row.outcome.kind === 'failed') this.deps.log.error(line);
    else this.deps.log.info(line);
  }
}
