/**
 * Golden-image rotation: "Share with the Same Projects as…" and "Publish New Version…". Who gets
 * the new image, the notices for them, and what happens to the old one, in words (pure); the
 * share itself is a bulk plan (./bulkShare.ts), the old image's changes src/ui/rotation.ts.
 */
import * as l10n from '@vscode/l10n';
import type { GlanceImage, GlanceMember } from '../openstack/models';
import { allowedActions, visibilityChoices, type Viewpoint } from './actions';
import { count } from './counting';
import { plainText } from './displayText';
import { imageLabel, imagePlainLabel } from './grouping';
import { shareNotice } from './notices';

/** The member projects of the old image that the new one goes to: those that accepted it, and the pending ones if asked. */
export function consumersToCarry(members: readonly GlanceMember[], includePending: boolean, ownProject: string): string[] {
  return members.filter((m) => m.member_id !== ownProject && (m.status === 'accepted' || (includePending && m.status === 'pending'))).map((m) => m.member_id);
}

/** The old image's members by status, for the choice of whom to carry over. */
export function memberCounts(members: readonly GlanceMember[]): { readonly accepted: number; readonly pending: number; readonly rejected: number } {
  const of = (status: string) => members.filter((m) => m.status === status).length;
  return { accepted: of('accepted'), pending: of('pending'), rejected: of('rejected') };
}

/** What to do with the old image once the new one is shared. */
export type RetireChoice = 'keep' | 'hide' | 'community' | 'private';

/** The choices this scope may take for the old image, `keep` first. */
export function retireChoices(old: GlanceImage, viewpoint: Viewpoint): RetireChoice[] {
  const actions = allowedActions(old, viewpoint);
  const visibilities = visibilityChoices(old, viewpoint).map((c) => c.visibility);
  const choices: RetireChoice[] = ['keep'];
  if (actions.includes('hide')) choices.push('hide');
  // Members are removed first, while the image is still shared (docs/glance-behaviour.md#no-removal-while-private).
  const removes = old.visibility !== 'shared' || actions.includes('removeMember');
  if (removes && visibilities.includes('community')) choices.push('community');
  if (removes && visibilities.includes('private')) choices.push('private');
  return choices;
}

/** How the pick names each choice. */
export function retireChoiceWords(choice: RetireChoice, members: number): { readonly label: string; readonly detail: string } {
  const removed = count(members, 'member');
  switch (choice) {
    case 'keep':
      return { label: l10n.t('Leave the old image as it is'), detail: l10n.t('Its members keep it; they see both versions.') };
    case 'hide':
      return {
        label: l10n.t('Hide the old image'),
        detail: l10n.t('Left out of image lists (os_hidden), members keep access by ID: servers and scripts that name it still work.'),
      };
    case 'community':
      return {
        label: l10n.t('Make the old image community'),
        detail:
          members > 0
            ? l10n.t('Every project can still boot it by ID; no longer in the consumers\u2019 lists; its {0} removed first.', removed)
            : l10n.t('Every project can still boot it by ID; no longer in the consumers\u2019 lists.'),
      };
    case 'private':
      return {
        label: l10n.t('Make the old image private'),
        detail: members > 0 ? l10n.t('Only this project can use it; its {0} removed first.', removed) : l10n.t('Only this project can use it.'),
      };
  }
}

/** The question before the old image changes. */
export function retireConfirmation(
  old: GlanceImage,
  choice: Exclude<RetireChoice, 'keep'>,
  members: number,
): { readonly message: string; readonly detail: string; readonly button: string } {
  const name = `"${imageLabel(old)}"`;
  if (choice === 'hide')
    return {
      message: l10n.t('Hide {0}?', name),
      detail: l10n.t('It leaves every project\u2019s default image list; it can still be used by ID, and Unhide Image brings it back. Its members stay.'),
      button: l10n.t('Hide'),
    };
  const who =
    members === 0
      ? ''
      : members === 1
        ? l10n.t('First its {0} is removed: they lose it at once (servers already booted from it keep running). ', count(members, 'member'))
        : l10n.t('First its {0} are removed: they lose it at once (servers already booted from it keep running). ', count(members, 'member'));
  return choice === 'community'
    ? {
        message: l10n.t('Make {0} community?', name),
        detail: `${who}${l10n.t('Then it is made community: any project can still boot it by ID, none lists it unless asking for community images.')}`,
        button: l10n.t('Remove Members and Make Community'),
      }
    : {
        message: l10n.t('Make {0} private?', name),
        detail: `${who}${l10n.t('Then it is made private: only this project can use it.')}`,
        button: l10n.t('Remove Members and Make Private'),
      };
}

/** What happened to the old image. */
export interface RetireResult {
  readonly choice: Exclude<RetireChoice, 'keep'>;
  readonly removed: readonly string[];
  readonly failed: ReadonlyArray<{ readonly projectId: string; readonly message: string }>;
  /** The visibility or hidden change: done, failed (why), or not tried (members left). */
  readonly change: { readonly kind: 'done' } | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'notTried' };
}

/** One sentence: what changed on the old image and what did not. */
export function retireSummary(old: GlanceImage, result: RetireResult): string {
  const name = `"${imageLabel(old)}"`;
  const parts: string[] = [];
  if (result.removed.length > 0) parts.push(l10n.t('{0} removed', count(result.removed.length, 'member')));
  if (result.failed.length > 0) {
    const words = { n: result.failed.length, project: result.failed[0].projectId, why: result.failed[0].message };
    parts.push(
      result.failed.length === 1
        ? l10n.t('{n} could not be removed and still has it ({project}: {why})', words)
        : l10n.t('{n} could not be removed and still have it ({project}: {why})', words),
    );
  }
  parts.push(changeWords(result));
  // The parts are whole clauses; "; " joins them in every language the bundle serves.
  return l10n.t('Old image {0}: {1}.', name, parts.join('; '));
}

/** The visibility or hidden change of a retire result, as a clause of its summary. */
function changeWords(result: RetireResult): string {
  const failed = result.change.kind === 'failed' ? result.change.message : '';
  switch (result.choice) {
    case 'hide':
      return result.change.kind === 'done'
        ? l10n.t('hidden')
        : result.change.kind === 'failed'
          ? l10n.t('not hidden: {0}', failed)
          : l10n.t('not hidden, since members are left');
    case 'community':
      return result.change.kind === 'done'
        ? l10n.t('made community')
        : result.change.kind === 'failed'
          ? l10n.t('not made community: {0}', failed)
          : l10n.t('not made community, since members are left');
    case 'private':
      return result.change.kind === 'done'
        ? l10n.t('made private')
        : result.change.kind === 'failed'
          ? l10n.t('not made private: {0}', failed)
          : l10n.t('not made private, since members are left');
  }
}

/** One notice per consumer, in one document to copy from: each names that project. */
export function rotationNotices(
  image: GlanceImage,
  old: GlanceImage,
  owner: { id: string; name?: string },
  consumers: ReadonlyArray<{ readonly id: string; readonly name?: string }>,
  region?: string,
): string {
  const blocks = consumers.map((c) =>
    [
      l10n.t('----- To {0} -----', c.name ? `${plainText(c.name)} (${c.id})` : c.id),
      '',
      l10n.t('A new version of "{0}" ({1}) is out.', imagePlainLabel(old), old.id),
      '',
      shareNotice(image, owner, c.id, region, c.name),
    ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}
