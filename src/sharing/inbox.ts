/**
 * The consumer's inbox: every share with every connected project scope, pending first, answered
 * in bulk as plan → confirm → apply. The rules and the words are here (pure); reading Glance and
 * answering go through src/ui/inbox.ts.
 *
 * An answer is safe to repeat: Glance lets a member set any status, the one it has included
 * (docs/glance-behaviour.md#who-may-do-what), so a retry sends the rows that failed or never
 * started, and only those. A share withdrawn meanwhile is a 404 to the member: reported in the
 * user's words (src/sharing/refusals.ts), never retried.
 */
import * as l10n from '@vscode/l10n';
import type { GlanceImage, GlanceMember, MemberStatus } from '../openstack/models';
import { count, type CountNoun } from './counting';
import { displayText, plainText } from './displayText';
import { markdownCode } from './offboarding';
import { scopeName } from './regions';
import { compareImages, imageLabel, imagePlainLabel } from './grouping';

/** The scope a share was listed in: a cloud signed in to a project in a region, as the tree's root row names it. */
export interface InboxScope {
  readonly id: string;
  readonly cloud: string;
  readonly project: string;
  readonly region?: string;
}

/** One image shared with one of the user's project scopes, with this project's answer so far. */
export interface InboxShare {
  readonly scope: InboxScope;
  readonly image: GlanceImage;
  /** The listing it came from (`member_status=<status>`). */
  readonly status: MemberStatus;
  /** This project's member row, once read: its `updated_at` says since when the status holds. */
  readonly member?: GlanceMember;
  /** The owner project's name as written, where a signed-in identity or the address book knows it. */
  readonly ownerName?: string;
}

export const INBOX_ORDER: readonly MemberStatus[] = ['pending', 'accepted', 'rejected'];

export interface InboxSection {
  readonly status: MemberStatus;
  readonly shares: readonly InboxShare[];
}

/** The same share in the same scope: an answer's row matches its inbox row by this. */
export function inboxKey(share: Pick<InboxShare, 'scope' | 'image'>): string {
  return `${share.scope.id}\n${share.image.id}`;
}

/** "cloud · region · project", as the tree's root rows (display text). */
export function inboxScopeLabel(scope: InboxScope): string {
  return scopeName(scope.cloud, scope.project, scope.region);
}

/** Since when the share has its status: the member row's updated_at (an answer sets it), else created_at. */
export function statusSince(share: InboxShare): number | undefined {
  const text = share.member?.updated_at || share.member?.created_at;
  const time = text ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Pending first, then accepted, then rejected; empty sections left out. Pending shares that have
 * waited longest come first (those without a known age after them); answered ones by name, then scope.
 */
export function inboxSections(shares: readonly InboxShare[]): InboxSection[] {
  const byName = (a: InboxShare, b: InboxShare) => compareImages(a.image, b.image) || inboxScopeLabel(a.scope).localeCompare(inboxScopeLabel(b.scope));
  const oldestFirst = (a: InboxShare, b: InboxShare) => (statusSince(a) ?? Infinity) - (statusSince(b) ?? Infinity) || byName(a, b);
  return INBOX_ORDER.map((status) => ({
    status,
    shares: shares.filter((s) => s.status === status).sort(status === 'pending' ? oldestFirst : byName),
  })).filter((section) => section.shares.length > 0);
}

const UNITS: ReadonlyArray<readonly [CountNoun, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days", "1 hour", "less than a minute": the largest whole unit, rounded down. */
export function durationText(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (ms >= size) return count(Math.floor(ms / size), unit);
  }
  return l10n.t('less than a minute');
}

/** "pending for 3 days", "accepted 2 hours ago"; the status alone while the member row is not read. */
export function shareAge(share: InboxShare, now: number): string {
  const since = statusSince(share);
  if (since === undefined) return share.status;
  const ms = Math.max(0, now - since);
  const span = durationText(ms);
  if (share.status === 'pending') return l10n.t('pending for {0}', span);
  // Under a minute durationText says "less than a minute": the row says "just now" instead.
  const justNow = ms < 60_000;
  if (share.status === 'accepted') return justNow ? l10n.t('accepted just now') : l10n.t('accepted {0} ago', span);
  return justNow ? l10n.t('rejected just now') : l10n.t('rejected {0} ago', span);
}

/** What the inbox row shows: the image, since when and from whom, and which of the user's scopes it was shared with. */
export function inboxRow(share: InboxShare, now: number): { readonly label: string; readonly description: string; readonly detail: string } {
  const owner = share.ownerName !== undefined ? displayText(share.ownerName) : share.image.owner ? displayText(share.image.owner) : l10n.t('an unknown project');
  return {
    label: imageLabel(share.image),
    description: l10n.t('{0} · from {1}', shareAge(share, now), owner),
    detail: l10n.t('to {0}', inboxScopeLabel(share.scope)),
  };
}

/** The answer's verb, for the quick pick's items (a function: l10n.t runs after activation configured the bundle). */
export function answerVerb(status: MemberStatus): string {
  return status === 'accepted' ? l10n.t('Accept') : status === 'rejected' ? l10n.t('Reject') : l10n.t('Reset to pending');
}

/** The answer done, heading a summary. */
function answered(status: MemberStatus): string {
  return status === 'accepted' ? l10n.t('Accepted') : status === 'rejected' ? l10n.t('Rejected') : l10n.t('Reset to pending');
}

/** The plan of one answer over the checked shares: what changes, what is that already, what this token may not do. */
export interface AnswerPlan {
  readonly status: MemberStatus;
  readonly change: readonly InboxShare[];
  readonly unchanged: readonly InboxShare[];
  readonly notAllowed: readonly InboxShare[];
}

export function planAnswer(shares: readonly InboxShare[], status: MemberStatus, mayAnswer: (share: InboxShare) => boolean): AnswerPlan {
  const unchanged = shares.filter((s) => s.status === status);
  const rest = shares.filter((s) => s.status !== status);
  return { status, change: rest.filter(mayAnswer), unchanged, notAllowed: rest.filter((s) => !mayAnswer(s)) };
}

/** The answers worth offering for these shares: those that would change at least one. */
export function answersFor(shares: readonly InboxShare[]): MemberStatus[] {
  return (['accepted', 'rejected', 'pending'] as const).filter((status) => shares.some((s) => s.status !== status));
}

/** How many image names a modal lists in all before "and N more". */
const LISTED = 15;

function consequence(status: MemberStatus): string {
  switch (status) {
    case 'accepted':
      return l10n.t('Accepted images join each project\u2019s image list (openstack image list, the server create dialogs).');
    case 'rejected':
      return l10n.t('Rejected images leave each project\u2019s image list; servers already booted from them keep running, and a share can be accepted again later.');
    case 'pending':
      return l10n.t('Reset shares wait for an answer again and leave each project\u2019s image list.');
  }
}

/** The question before anything changes: the changes listed per scope, then what stays as it is. */
export function answerConfirmation(plan: AnswerPlan): { readonly message: string; readonly detail: string; readonly button: string } {
  const n = plan.change.length;
  const lines: string[] = [];
  let listed = 0;
  const byScope = new Map<string, InboxShare[]>();
  for (const share of plan.change) byScope.set(inboxScopeLabel(share.scope), [...(byScope.get(inboxScopeLabel(share.scope)) ?? []), share]);
  for (const [scope, shares] of byScope) {
    lines.push(`${scope}:`);
    for (const share of shares) {
      if (listed++ < LISTED) lines.push(`  \u2022 ${imageLabel(share.image)} (${share.status} \u2192 ${plan.status})`);
    }
  }
  if (n > LISTED) lines.push(l10n.t('  \u2026 and {0} more', n - LISTED));
  const names = (shares: readonly InboxShare[]) =>
    shares
      .slice(0, 5)
      .map((s) => imageLabel(s.image))
      .join(', ') + (shares.length > 5 ? l10n.t(' and {0} more', shares.length - 5) : '');
  const after: string[] = [consequence(plan.status)];
  if (plan.unchanged.length > 0) after.push(l10n.t('Already {0}, unchanged: {1}.', plan.status, names(plan.unchanged)));
  if (plan.notAllowed.length > 0) after.push(l10n.t('Not answered (this token may not answer shares in that scope): {0}.', names(plan.notAllowed)));
  const shares = count(n, 'share');
  const Shares = count(n, 'Share');
  const [message, button] =
    plan.status === 'accepted'
      ? [l10n.t('Accept {0}?', shares), l10n.t('Accept {0}', Shares)]
      : plan.status === 'rejected'
        ? [l10n.t('Reject {0}?', shares), l10n.t('Reject {0}', Shares)]
        : [l10n.t('Reset {0} to pending?', shares), l10n.t('Reset {0}', Shares)];
  return { message, detail: `${lines.join('\n')}\n\n${after.join('\n')}`, button };
}

/** What happened to one share of an answer. */
export type AnswerOutcome =
  | { readonly kind: 'done' }
  /** Glance said 404: the owner withdrew the share or deleted the image; the row is gone from the tree. */
  | { readonly kind: 'withdrawn'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  /** Cancelled before this one started. */
  | { readonly kind: 'notStarted' };

export interface AnswerRow {
  readonly share: InboxShare;
  readonly outcome: AnswerOutcome;
}

/** The rows still to do: failed or not started. Done and withdrawn rows are never sent again. */
export function retryAnswers(rows: readonly AnswerRow[]): InboxShare[] {
  return rows.filter((r) => r.outcome.kind === 'failed' || r.outcome.kind === 'notStarted').map((r) => r.share);
}

/** One sentence for the notification: what changed and what did not. */
export function answerSummary(status: MemberStatus, rows: readonly AnswerRow[], label: (image: GlanceImage) => string = imageLabel): string {
  const done = rows.filter((r) => r.outcome.kind === 'done').length;
  const withdrawn = rows.filter((r) => r.outcome.kind === 'withdrawn');
  const failed = rows.filter((r) => r.outcome.kind === 'failed');
  const notStarted = rows.filter((r) => r.outcome.kind === 'notStarted').length;
  const verb = answered(status);
  if (withdrawn.length === 0 && failed.length === 0 && notStarted === 0) return l10n.t('{0}: {1}.', verb, count(done, 'share'));
  const parts = [l10n.t('{0}: {1} of {2}', verb, done, count(rows.length, 'share'))];
  if (withdrawn.length > 0) {
    const names = withdrawn.map((r) => `"${label(r.share.image)}"`).join(', ');
    parts.push(
      withdrawn.length === 1
        ? l10n.t('{0} is no longer shared with you (withdrawn by the owner, or deleted) and left the list', names)
        : l10n.t('{0} are no longer shared with you (withdrawn by the owner, or deleted) and left the list', names),
    );
  }
  if (failed.length > 0) {
    const first = failed[0];
    const why = first.outcome.kind === 'failed' ? first.outcome.message : '';
    const words = { n: failed.length, status: first.share.status, image: label(first.share.image), why };
    parts.push(
      failed.length === 1 ? l10n.t('{n} failed and is still {status} ("{image}": {why})', words) : l10n.t('{n} failed and are still {status} ("{image}": {why})', words),
    );
  }
  if (notStarted > 0) parts.push(l10n.t('{0} not started (cancelled), unchanged', notStarted));
  // The parts are whole clauses; "; " and the full stop join them in every language the bundle serves.
  return `${parts.join('; ')}.`;
}

function outcomeWords(kind: AnswerOutcome['kind']): string {
  switch (kind) {
    case 'done':
      return l10n.t('done');
    case 'withdrawn':
      return l10n.t('no longer shared (withdrawn or deleted)');
    case 'failed':
      return l10n.t('FAILED, unchanged');
    case 'notStarted':
      return l10n.t('not started, unchanged');
  }
}

/** The per-share result as Markdown, for a document the user keeps: names as text, in code spans. */
export function answerReport(status: MemberStatus, rows: readonly AnswerRow[]): string {
  const cell = markdownCode;
  const lines = [
    l10n.t('# {0}: shares with my projects', answered(status)),
    '',
    answerSummary(status, rows, imagePlainLabel),
    '',
    l10n.t('| Image | Image ID | Scope | Was | Result |'),
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const why = r.outcome.kind === 'failed' ? `: ${plainText(r.outcome.message).replace(/\|/g, '\\|')}` : '';
      return `| ${cell(imagePlainLabel(r.share.image))} | ${cell(r.share.image.id)} | ${cell(scopeName(r.share.scope.cloud, r.share.scope.project, r.share.scope.region, plainText))} | ${r.share.status} | ${outcomeWords(r.outcome.kind)}${why} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
