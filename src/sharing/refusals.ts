import * as l10n from '@vscode/l10n';
import { HttpError } from '../openstack/errors';

/**
 * What a 404 or 409 from Glance means for the row the user acted on, when the other side changed
 * things meanwhile (the owner withdrew a share, deleted the image, another client added the member).
 * Glance answers a member project the same 404 whether the owner removed its member row or deleted
 * the image (docs/glance-behaviour.md#not-found-or-hidden), so the member's words name both.
 * - shareGone: this project is no longer a member (or the image is gone): drop the row;
 * - imageGone: the owner's image is gone: drop the row;
 * - notMember: the project asked about is no longer a member: read the member list again;
 * - alreadyMember: adding a project that is a member already: nothing to do;
 * - unavailable: the image is gone and it is not known whether this project owned it (a panel
 *   opened on a stale row): either of the first two.
 */
export type RefusalKind = 'shareGone' | 'imageGone' | 'notMember' | 'alreadyMember' | 'unavailable';

export interface Refusal {
  readonly kind: RefusalKind;
  /** In the user's words: what happened, not what Glance's status code was. */
  readonly message: string;
}

function words(kind: RefusalKind): string {
  switch (kind) {
    case 'shareGone':
      return l10n.t('This share is no longer there: its owner withdrew it or deleted the image. It has been taken off the list.');
    case 'imageGone':
      return l10n.t('This image no longer exists (deleted meanwhile, or no longer visible to this project). It has been taken off the list.');
    case 'notMember':
      return l10n.t('That project is no longer a member of this image (removed meanwhile).');
    case 'alreadyMember':
      return l10n.t('already a member: nothing changed');
    case 'unavailable':
      return l10n.t('This image is no longer available to this project: it was deleted, or its owner stopped sharing it with this project.');
  }
}

/**
 * The refusal an error stands for, if it is one of these. `side`: whether this project acted as
 * the image's member (answering a share) or as its owner, or is not known to be either.
 */
export function refusalOf(error: unknown, side: 'member' | 'owner' | 'unknown'): Refusal | undefined {
  if (!(error instanceof HttpError) || error.service !== 'glance') return undefined;
  const refusal = (kind: RefusalKind): Refusal => ({ kind, message: words(kind) });
  if (error.status === 409 && error.operation === 'addMember') return refusal('alreadyMember');
  if (error.status !== 404) return undefined;
  if (side === 'member') return refusal('shareGone');
  if (side === 'unknown') return refusal(/member list/i.test(error.serverMessage) ? 'shareGone' : 'unavailable');
  // "<project> not found in the member list of the image <id>": the image is there, the member not.
  return /member list/i.test(error.serverMessage) ? refusal('notMember') : refusal('imageGone');
}
