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
  return 'less than a minute';
}

/** "pending for 3 days", "accepted 2 hours ago"; the status alone while the member row is not read. */
export function shareAge(share: InboxShare, now: number): string {
  const since = statusSince(share);
  if (since === undefined) return share.status;
  const span = durationText(Math.max(0, now - since));
  if (share.status === 'pending') return `pending for ${span}`;
  return span === 'less than a minute' ? `${share.status} just now` : `${share.status} ${span} ago`;
}

/** What the inbox row shows: the image, since when and from whom, and which of the user's scopes it was shared with. */
export function inboxRow(share: InboxShare, now: number): { readonly label: string; readonly description: string; readonly detail: string } {
  const owner = share.ownerName !== undefined ? displayText(share.ownerName) : share.image.owner ? displayText(share.image.owner) : 'an unknown project';
  return {
    label: imageLabel(share.image),
    description: `${shareAge(share, now)} · from ${owner}`,
    detail: `to ${inboxScopeLabel(share.scope)}`,
  };
}

export const ANSWER_VERBS: Readonly<Record<MemberStatus, string>> = { accepted: 'Accept', rejected: 'Reject', pending: 'Reset to pending' };
const ANSWERED: Readonly<Record<MemberStatus, string>> = { accepted: 'Accepted', rejected: 'Rejected', pending: 'Reset to pending' };

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

const CONSEQUENCE: Readonly<Record<MemberStatus, string>> = {
  accepted: 'Accepted images join each project\u2019s image list (openstack image list, the server create dialogs).',
  rejected: 'Rejected images leave each project\u2019s image list; servers already booted from them keep running, and a share can be accepted again later.',
  pending: 'Reset shares wait for an answer again and leave each project\u2019s image list.',
};

/** The question before anything changes: the changes listed per scope, then what stays as it is. */
export function answerConfirmation(plan: AnswerPlan): { readonly message: string; readonly detail: string; readonly button: string } {
  const verb = ANSWER_VERBS[plan.status];
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
  if (n > LISTED) lines.push(`  \u2026 and ${n - LISTED} more`);
  const names = (shares: readonly InboxShare[]) =>
    shares
      .slice(0, 5)
      .map((s) => imageLabel(s.image))
      .join(', ') + (shares.length > 5 ? ` and ${shares.length - 5} more` : '');
  const after: string[] = [CONSEQUENCE[plan.status]];
  if (plan.unchanged.length > 0) after.push(`Already ${plan.status}, unchanged: ${names(plan.unchanged)}.`);
  if (plan.notAllowed.length > 0) after.push(`Not answered (this token may not answer shares in that scope): ${names(plan.notAllowed)}.`);
  return {
    message: plan.status === 'pending' ? `Reset ${count(n, 'share')} to pending?` : `${verb} ${count(n, 'share')}?`,
    detail: `${lines.join('\n')}\n\n${after.join('\n')}`,
    button: plan.status === 'pending' ? `Reset ${count(n, 'Share')}` : `${verb} ${count(n, 'Share')}`,
  };
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
  const verb = ANSWERED[status];
  if (withdrawn.length === 0 && failed.length === 0 && notStarted === 0) return `${verb}: ${count(done, 'share')}.`;
  const parts = [`${verb}: ${done} of ${count(rows.length, 'share')}`];
  if (withdrawn.length > 0) {
    const names = withdrawn.map((r) => `"${label(r.share.image)}"`).join(', ');
    parts.push(`${names} ${withdrawn.length === 1 ? 'is' : 'are'} no longer shared with you (withdrawn by the owner, or deleted) and left the list`);
  }
  if (failed.length > 0) {
    const first = failed[0];
    const why = first.outcome.kind === 'failed' ? first.outcome.message : '';
    parts.push(`${failed.length} failed and ${failed.length === 1 ? 'is' : 'are'} still ${first.share.status} ("${label(first.share.image)}": ${why})`);
  }
  if (notStarted > 0) parts.push(`${notStarted} not started (cancelled), unchanged`);
  return `${parts.join('; ')}.`;
}

const OUTCOME_WORDS: Readonly<Record<AnswerOutcome['kind'], string>> = {
  done: 'done',
  withdrawn: 'no longer shared (withdrawn or deleted)',
  failed: 'FAILED, unchanged',
  notStarted: 'not started, unchanged',
};

/** The per-share result as Markdown, for a document the user keeps: names as text, in code spans. */
export function answerReport(status: MemberStatus, rows: readonly AnswerRow[]): string {
  const cell = markdownCode;
  const lines = [
    `# ${ANSWERED[status]}: shares with my projects`,
    '',
    answerSummary(status, rows, imagePlainLabel),
    '',
    '| Image | Image ID | Scope | Was | Result |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const why = r.outcome.kind === 'failed' ? `: ${plainText(r.outcome.message).replace(/\|/g, '\\|')}` : '';
      return `| ${cell(imagePlainLabel(r.share.image))} | ${cell(r.share.image.id)} | ${cell(scopeName(r.share.scope.cloud, r.share.scope.project, r.share.scope.region, plainText))} | ${r.share.status} | ${OUTCOME_WORDS[r.outcome.kind]}${why} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
