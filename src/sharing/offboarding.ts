/**
 * Reverse lookup and offboarding: "What did I share with this project?" and "Remove it from all
 * my images", as plan → confirm → apply. The rules and the words are here (pure); reading and
 * removing go through src/ui/offboarding.ts.
 *
 * A removal is safe to repeat: Glance answers a second DELETE of the same member 404 "not found
 * in the member list" (docs/glance-behaviour.md#not-found-or-hidden), which counts as done. So a
 * retry sends the rows that failed or never started, and only those.
 */
import * as l10n from '@vscode/l10n';
import type { GlanceImage, GlanceMember } from '../openstack/models';
import { count } from './counting';
import { imageLabel, imagePlainLabel } from './grouping';
import { plainText } from './displayText';
import type { ImageNote } from './exportCode';

/** One image of this scope that the project is a member of, with its member row. */
export interface ProjectShare {
  readonly image: GlanceImage;
  readonly member: GlanceMember;
}

/** An owned shared image whose members could not be read: the lookup cannot say. */
export type UncheckedImage = ImageNote;

export interface ShareLookup {
  readonly projectId: string;
  readonly shares: readonly ProjectShare[];
  readonly unchecked: readonly UncheckedImage[];
}

const STATUS_ORDER = { pending: 0, accepted: 1, rejected: 2, other: 3 } as const;

/** The images (with members) where the project is a member: pending first, then by name. */
export function sharesWithProject(projectId: string, images: ReadonlyArray<{ readonly image: GlanceImage; readonly members: readonly GlanceMember[] }>): ProjectShare[] {
  const shares: ProjectShare[] = [];
  for (const { image, members } of images) {
    const member = members.find((m) => m.member_id === projectId);
    if (member) shares.push({ image, member });
  }
  return shares.sort((a, b) => STATUS_ORDER[a.member.status] - STATUS_ORDER[b.member.status] || imagePlainLabel(a.image).localeCompare(imagePlainLabel(b.image)));
}

/** "accepted since 2026-11-02": how long the member row has been as it is (its updated_at). */
export function shareSince(member: GlanceMember): string {
  const since = member.updated_at || member.created_at;
  return since ? l10n.t('{0} since {1}', member.status, since.slice(0, 10)) : member.status;
}

/** What happened to one image of a removal. */
export type RemovalOutcome =
  | { readonly kind: 'removed' }
  /** Removed meanwhile by someone else (404 "not in the member list"): what was asked is true. */
  | { readonly kind: 'alreadyGone'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  /** Cancelled before this one started. */
  | { readonly kind: 'notStarted' };

export interface RemovalRow {
  readonly share: ProjectShare;
  readonly outcome: RemovalOutcome;
}

/** How many image names a modal lists before "and N more". */
const LISTED = 15;

function listed(shares: readonly ProjectShare[], line: (s: ProjectShare) => string): string {
  const lines = shares.slice(0, LISTED).map(line);
  if (shares.length > LISTED) lines.push(l10n.t('… and {0} more', shares.length - LISTED));
  return lines.join('\n');
}

/** The question before anything changes, and the plan it lists. */
export function removalConfirmation(project: string, lookup: ShareLookup): { readonly message: string; readonly detail: string } {
  const n = lookup.shares.length;
  const unchecked = lookup.unchecked.length > 0 ? `\n\n${l10n.t('{0} could not be checked and stay as they are.', count(lookup.unchecked.length, 'image'))}` : '';
  return {
    message: l10n.t('Remove {0} from {1}?', project, count(n, 'image')),
    detail:
      `${listed(lookup.shares, (s) => `\u2022 ${imageLabel(s.image)} (${shareSince(s.member)})`)}\n\n` +
      (n === 1
        ? l10n.t('The project loses access to it at once; servers already booted from it keep running. Nothing else changes.')
        : l10n.t('The project loses access to them at once; servers already booted from them keep running. Nothing else changes.')) +
      unchecked,
  };
}

/** The rows still to do: failed or not started. Removed and already-gone rows are never sent again. */
export function retryShares(rows: readonly RemovalRow[]): ProjectShare[] {
  return rows.filter((r) => r.outcome.kind === 'failed' || r.outcome.kind === 'notStarted').map((r) => r.share);
}

/** One sentence for the notification: what changed and what did not. */
export function removalSummary(project: string, rows: readonly RemovalRow[]): string {
  const done = rows.filter((r) => r.outcome.kind === 'removed' || r.outcome.kind === 'alreadyGone').length;
  const failed = rows.filter((r) => r.outcome.kind === 'failed');
  const notStarted = rows.filter((r) => r.outcome.kind === 'notStarted').length;
  if (failed.length === 0 && notStarted === 0) return l10n.t('{0} removed from {1}.', project, count(done, 'image'));
  const parts = [l10n.t('{0} removed from {1} of {2}', project, done, count(rows.length, 'image'))];
  if (failed.length > 0) {
    const first = failed[0];
    const words = { n: failed.length, image: imageLabel(first.share.image), why: first.outcome.kind === 'failed' ? first.outcome.message : '' };
    parts.push(
      failed.length === 1
        ? l10n.t('{n} failed and still has the member ({image}: {why})', words)
        : l10n.t('{n} failed and still have the member ({image}: {why})', words),
    );
  }
  if (notStarted > 0) parts.push(l10n.t('{0} not started (cancelled), unchanged', notStarted));
  // The parts are whole clauses; "; " and the full stop join them in every language the bundle serves.
  return `${parts.join('; ')}.`;
}

function outcomeWords(kind: RemovalOutcome['kind']): string {
  switch (kind) {
    case 'removed':
      return l10n.t('removed');
    case 'alreadyGone':
      return l10n.t('already removed (by someone else)');
    case 'failed':
      return l10n.t('FAILED, still a member');
    case 'notStarted':
      return l10n.t('not started, still a member');
  }
}

/** A name in a Markdown table cell: as text (plainText), in a code span, no backtick or pipe to break out of it. */
export function markdownCode(text: string): string {
  return `\`${plainText(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** The per-image result as Markdown, for a document the user keeps: names as text, in code spans. */
export function removalReport(project: string, projectId: string, rows: readonly RemovalRow[]): string {
  const cell = markdownCode;
  const lines = [
    l10n.t('# Removing {0} ({1}) from my images', cell(project), cell(projectId)),
    '',
    removalSummary(plainText(project), rows),
    '',
    l10n.t('| Image | Image ID | Was | Result |'),
    '| --- | --- | --- | --- |',
    ...rows.map((r) => {
      const why = r.outcome.kind === 'failed' || r.outcome.kind === 'alreadyGone' ? `: ${plainText(r.outcome.message).replace(/\|/g, '\\|')}` : '';
      return `| ${cell(imagePlainLabel(r.share.image))} | ${cell(r.share.image.id)} | ${r.share.member.status} | ${outcomeWords(r.outcome.kind)}${why} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
