/**
 * Golden-image rotation: "Share with the Same Projects as…" and "Publish New Version…". Who gets
 * the new image, the notices for them, and what happens to the old one, in words (pure); the
 * share itself is a bulk plan (./bulkShare.ts), the old image's changes src/ui/rotation.ts.
 */
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
  const removed = members > 0 ? `; its ${count(members, 'member')} removed first` : '';
  switch (choice) {
    case 'keep':
      return { label: 'Leave the old image as it is', detail: 'Its members keep it; they see both versions.' };
    case 'hide':
      return { label: 'Hide the old image', detail: 'Left out of image lists (os_hidden), members keep access by ID: servers and scripts that name it still work.' };
    case 'community':
      return { label: 'Make the old image community', detail: `Every project can still boot it by ID; no longer in the consumers\u2019 lists${removed}.` };
    case 'private':
      return { label: 'Make the old image private', detail: `Only this project can use it${removed}.` };
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
      message: `Hide ${name}?`,
      detail: 'It leaves every project\u2019s default image list; it can still be used by ID, and Unhide Image brings it back. Its members stay.',
      button: 'Hide',
    };
  const who =
    members > 0
      ? `First its ${count(members, 'member')} ${members === 1 ? 'is' : 'are'} removed: they lose it at once (servers already booted from it keep running). `
      : '';
  return {
    message: `Make ${name} ${choice}?`,
    detail: `${who}Then it is made ${choice}: ${choice === 'community' ? 'any project can still boot it by ID, none lists it unless asking for community images' : 'only this project can use it'}.`,
    button: choice === 'community' ? 'Remove Members and Make Community' : 'Remove Members and Make Private',
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
  if (result.removed.length > 0) parts.push(`${count(result.removed.length, 'member')} removed`);
  if (result.failed.length > 0)
    parts.push(
      `${result.failed.length} could not be removed and still ${result.failed.length === 1 ? 'has' : 'have'} it (${result.failed[0].projectId}: ${result.failed[0].message})`,
    );
  const change = result.choice === 'hide' ? 'hidden' : `made ${result.choice}`;
  if (result.change.kind === 'done') parts.push(change);
  else if (result.change.kind === 'failed') parts.push(`not ${change}: ${result.change.message}`);
  else parts.push(`not ${change}, since members are left`);
  return `Old image ${name}: ${parts.join('; ')}.`;
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
      `----- To ${c.name ? `${plainText(c.name)} (${c.id})` : c.id} -----`,
      '',
      `A new version of "${imagePlainLabel(old)}" (${old.id}) is out.`,
      '',
      shareNotice(image, owner, c.id, region, c.name),
    ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}
