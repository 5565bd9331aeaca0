/**
 * Bulk membership as a plan: images × projects, planned against what Glance holds now, shown
 * before anything changes, applied, reported row by row. The rules and the words are here (pure);
 * reading Glance and sending the changes is src/ui/bulkShare.ts.
 *
 * A retry plans again, against Glance's members as they are then, only the pairs that failed or
 * never started: a pair added meanwhile (by the first run, or by someone else) is planned as
 * "already a member" and not sent again, so no member is ever sent twice.
 */
import * as l10n from '@vscode/l10n';
import type { GlanceImage, GlanceMember, MemberStatus } from '../openstack/models';
import { allowedActions, roleOf, type Viewpoint } from './actions';
import { count } from './counting';
import { plainText } from './displayText';
import { imageLabel, imagePlainLabel } from './grouping';

/** Glance's `image_member_quota` default (docs/glance-behaviour.md#member-quota). */
export const DEFAULT_MEMBER_QUOTA = 128;

/** One image as it was just read from Glance, or why it could not be. */
export type ReadImage =
  | { readonly image: GlanceImage; readonly members: readonly GlanceMember[]; readonly unreadable?: undefined }
  | { readonly image: GlanceImage; readonly members?: undefined; readonly unreadable: string };

/** What the plan will do with one image × project. */
export type PairPlan =
  | { readonly kind: 'add' }
  /** Glance would answer 409: nothing to send. */
  | { readonly kind: 'alreadyMember'; readonly status: MemberStatus | 'other' }
  /** The image would pass Glance's member quota (413): not sent. */
  | { readonly kind: 'overQuota' }
  /** This scope may not do it (ownership, visibility, roles, a refusal seen): not sent. */
  | { readonly kind: 'notAllowed'; readonly why: string }
  /** The image could not be read just now (deleted, no longer visible): not sent. */
  | { readonly kind: 'unreadable'; readonly why: string };

export interface PlannedPair {
  readonly image: GlanceImage;
  readonly projectId: string;
  readonly plan: PairPlan;
}

export interface PlannedImage {
  readonly image: GlanceImage;
  /** Private now: set to shared before its first member is added. */
  readonly makeShared: boolean;
  /** Members it has now. */
  readonly existing: number;
}

export interface BulkPlan {
  /** Every image of the plan, in the order given; `makeShared` only where members will be added. */
  readonly images: readonly PlannedImage[];
  readonly pairs: readonly PlannedPair[];
  readonly quota: number;
}

export interface PairRequest {
  readonly imageId: string;
  readonly projectId: string;
}

/** Every image × every project, images first: the plan of a selection and a pick of projects. */
export function crossPairs(imageIds: readonly string[], projectIds: readonly string[]): PairRequest[] {
  return imageIds.flatMap((imageId) => projectIds.map((projectId) => ({ imageId, projectId })));
}

/** Why this project may not add members to this image, or undefined when it may. */
export function whyNotShareable(image: GlanceImage, viewpoint: Viewpoint): string | undefined {
  if (allowedActions(image, viewpoint).includes('share')) return undefined;
  if (roleOf(image, viewpoint) !== 'owned') return l10n.t('not an image of this project: only its owner adds members');
  if (image.visibility === 'community' || image.visibility === 'public' || image.visibility === 'other')
    return image.visibility === 'other'
      ? l10n.t('it is of a visibility this client does not know: only shared images have members (Set Visibility… first)')
      : l10n.t('it is {0}: only shared images have members (Set Visibility… first)', image.visibility);
  const writes = viewpoint.permissions?.writes;
  if (writes && !writes.addMember.allowed) return l10n.t('this scope may not add members: {0}', writes.addMember.why);
  if (writes && !writes.setVisibility.allowed) return l10n.t('it is private and this scope may not make it shared: {0}', writes.setVisibility.why);
  return l10n.t('Glance would refuse it here');
}

/**
 * The plan: for each requested pair (in order), what will be sent. Duplicate pairs are planned
 * once; the own project is never a member of its image. Quota: an image's members now plus the
 * ones this plan adds stay within `quota`; the pairs past it are over quota, in request order.
 */
export function planBulkShare(read: readonly ReadImage[], requests: readonly PairRequest[], viewpoint: Viewpoint, quota: number = DEFAULT_MEMBER_QUOTA): BulkPlan {
  const byId = new Map(read.map((r) => [r.image.id, r]));
  const seen = new Set<string>();
  const adds = new Map<string, number>();
  const pairs: PlannedPair[] = [];
  for (const { imageId, projectId } of requests) {
    const r = byId.get(imageId);
    const key = `${imageId}\n${projectId}`;
    if (!r || seen.has(key) || projectId === viewpoint.projectId) continue;
    seen.add(key);
    const image = r.image;
    let plan: PairPlan;
    if (r.unreadable !== undefined) {
      plan = { kind: 'unreadable', why: r.unreadable };
    } else {
      const member = r.members.find((m) => m.member_id === projectId);
      const why = whyNotShareable(image, viewpoint);
      if (member) plan = { kind: 'alreadyMember', status: member.status };
      else if (why) plan = { kind: 'notAllowed', why };
      else if (r.members.length + (adds.get(imageId) ?? 0) >= quota) plan = { kind: 'overQuota' };
      else {
        plan = { kind: 'add' };
        adds.set(imageId, (adds.get(imageId) ?? 0) + 1);
      }
    }
    pairs.push({ image, projectId, plan });
  }
  const sharedVisibility = viewpoint.capabilities?.sharedVisibility !== false;
  const images = read
    .filter((r) => pairs.some((p) => p.image.id === r.image.id))
    .map((r) => ({
      image: r.image,
      // Before Image API 2.5 there is no shared visibility: private images take members as they are.
      makeShared: r.image.visibility === 'private' && sharedVisibility && (adds.get(r.image.id) ?? 0) > 0,
      existing: r.members?.length ?? 0,
    }));
  return { images, pairs, quota };
}

/** Pairs that will be sent. */
export function pairsToAdd(plan: BulkPlan): PlannedPair[] {
  return plan.pairs.filter((p) => p.plan.kind === 'add');
}

/**
 * Whether the user must see the plan before it is applied: anything but one image × one project
 * that is simply added to an image already shared.
 */
export function planNeedsConfirmation(plan: BulkPlan): boolean {
  return plan.pairs.length !== 1 || plan.pairs[0].plan.kind !== 'add' || plan.images.some((i) => i.makeShared);
}

/** How many entries each part of a modal lists before "and N more". */
const LISTED = 12;

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LISTED).map(line);
  if (items.length > LISTED) lines.push(l10n.t('  \u2026 and {0} more', items.length - LISTED));
  return lines;
}

/** How a project is named in the plan's words: by name where one of the user's scopes knows it. */
export type ProjectNamer = (projectId: string) => string | undefined;

function projectWords(projectId: string, name: ProjectNamer): string {
  const n = name(projectId);
  return n ? `${n} (${projectId})` : projectId;
}

/** The question before anything changes, the plan it lists, and the button that applies it (none: nothing to send). */
export function bulkConfirmation(plan: BulkPlan, name: ProjectNamer): { readonly message: string; readonly detail: string; readonly button?: string } {
  const adds = pairsToAdd(plan);
  const kind = (k: PairPlan['kind']) => plan.pairs.filter((p) => p.plan.kind === k);
  const privates = plan.images.filter((i) => i.makeShared);
  const imageCount = new Set(plan.pairs.map((p) => p.image.id)).size;
  const projectCount = new Set(plan.pairs.map((p) => p.projectId)).size;
  const pair = (p: PlannedPair) => `  \u2022 ${imageLabel(p.image)} \u2192 ${projectWords(p.projectId, name)}`;
  const sections: string[] = [];
  if (adds.length > 0) sections.push([l10n.t('{0} to add:', count(adds.length, 'member')), ...listed(adds, pair)].join('\n'));
  if (privates.length > 0)
    sections.push(
      [l10n.t('Made shared first (private now; only shared images can have members):'), ...listed(privates, (i) => `  \u2022 ${imageLabel(i.image)}`)].join('\n'),
    );
  const already = kind('alreadyMember');
  if (already.length > 0)
    sections.push(
      [l10n.t('Already members, left as they are:'), ...listed(already, (p) => `${pair(p)} (${p.plan.kind === 'alreadyMember' ? p.plan.status : ''})`)].join('\n'),
    );
  const over = kind('overQuota');
  if (over.length > 0) {
    const existing = (p: PlannedPair) => plan.images.find((i) => i.image.id === p.image.id)?.existing ?? 0;
    sections.push(
      [
        l10n.t('Over the member quota ({0} per image, glanceShare.memberQuota), not sent:', plan.quota),
        ...listed(over, (p) => l10n.t('{0} (has {1})', pair(p), count(existing(p), 'member'))),
      ].join('\n'),
    );
  }
  const denied = kind('notAllowed');
  if (denied.length > 0)
    sections.push([l10n.t('Not allowed in this scope, not sent:'), ...listed(denied, (p) => `${pair(p)}: ${p.plan.kind === 'notAllowed' ? p.plan.why : ''}`)].join('\n'));
  const unreadable = kind('unreadable');
  if (unreadable.length > 0)
    sections.push([l10n.t('Could not be read, not sent:'), ...listed(unreadable, (p) => `${pair(p)}: ${p.plan.kind === 'unreadable' ? p.plan.why : ''}`)].join('\n'));
  const detail = `${sections.join('\n\n')}${adds.length > 0 ? `\n\n${l10n.t('Each project must accept before the image shows in its list. Nothing else changes.')}` : ''}`;
  if (adds.length === 0) return { message: l10n.t('Nothing to share: none of the {0} needs a new member.', count(plan.pairs.length, 'pair')), detail };
  const button = privates.length > 0 ? l10n.t('Make Shared and Share') : l10n.t('Share');
  if (plan.pairs.length === 1 && privates.length === 1)
    return { message: l10n.t('"{0}" is private. Only shared images can have members.', imageLabel(privates[0].image)), detail, button };
  return { message: l10n.t('Share {0} with {1}: {2} to add?', count(imageCount, 'image'), count(projectCount, 'project'), count(adds.length, 'member')), detail, button };
}

/** What happened to one pair of an apply. */
export type PairOutcome =
  | { readonly kind: 'added'; readonly status: MemberStatus | 'other' }
  /** A member before (planned so), or added meanwhile by someone else (409 at apply): what was asked is true. */
  | { readonly kind: 'alreadyMember'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  /** Cancelled before this one started. */
  | { readonly kind: 'notStarted' }
  /** Planned not to be sent: over quota, not allowed, unreadable. */
  | { readonly kind: 'skipped'; readonly message: string };

export interface PairResult {
  readonly image: GlanceImage;
  readonly projectId: string;
  readonly outcome: PairOutcome;
}

/** The make-shared step of a private image. */
export interface VisibilityResult {
  readonly image: GlanceImage;
  readonly outcome: { readonly kind: 'madeShared' } | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'notStarted' };
}

export interface BulkResult {
  readonly visibility: readonly VisibilityResult[];
  readonly pairs: readonly PairResult[];
}

/** Why a planned pair was not sent, in the result's words. */
export function skippedWhy(plan: PairPlan, quota: number): string | undefined {
  switch (plan.kind) {
    case 'overQuota':
      return l10n.t('over the member quota of {0}', quota);
    case 'notAllowed':
      return l10n.t('not allowed: {0}', plan.why);
    case 'unreadable':
      return l10n.t('could not be read: {0}', plan.why);
    default:
      return undefined;
  }
}

/** The pairs still to do: failed or not started. Added, already-member and skipped pairs are never sent again. */
export function retryPairs(result: BulkResult): PairRequest[] {
  return result.pairs.filter((r) => r.outcome.kind === 'failed' || r.outcome.kind === 'notStarted').map((r) => ({ imageId: r.image.id, projectId: r.projectId }));
}

/** Members added, per kind of outcome. */
function tally(result: BulkResult) {
  const of = (k: PairOutcome['kind']) => result.pairs.filter((r) => r.outcome.kind === k);
  return { added: of('added'), already: of('alreadyMember'), failed: of('failed'), notStarted: of('notStarted'), skipped: of('skipped') };
}

/** One sentence for the notification: what changed and what did not. */
export function bulkSummary(result: BulkResult, name: ProjectNamer): string {
  const t = tally(result);
  const images = new Set(t.added.map((r) => r.image.id)).size;
  const made = result.visibility.filter((v) => v.outcome.kind === 'madeShared').length;
  const added = count(t.added.length, 'member');
  const parts = [t.added.length > 0 ? l10n.t('{0} added to {1}', added, count(images, 'image')) : l10n.t('{0} added', added)];
  if (made > 0) parts.push(l10n.t('{0} made shared', count(made, 'image')));
  if (t.already.length > 0) parts.push(t.already.length === 1 ? l10n.t('{0} already a member', t.already.length) : l10n.t('{0} already members', t.already.length));
  if (t.failed.length > 0) {
    const first = t.failed[0];
    const words = {
      n: t.failed.length,
      image: imageLabel(first.image),
      project: projectWords(first.projectId, name),
      why: first.outcome.kind === 'failed' ? first.outcome.message : '',
    };
    parts.push(
      t.failed.length === 1
        ? l10n.t('{n} failed and is not a member ({image} \u2192 {project}: {why})', words)
        : l10n.t('{n} failed and are not members ({image} \u2192 {project}: {why})', words),
    );
  }
  const visibilityFailed = result.visibility.filter((v) => v.outcome.kind === 'failed').length;
  if (visibilityFailed > 0) parts.push(l10n.t('{0} could not be made shared', count(visibilityFailed, 'image')));
  if (t.notStarted.length > 0) parts.push(l10n.t('{0} not started (cancelled), unchanged', t.notStarted.length));
  if (t.skipped.length > 0) parts.push(l10n.t('{0} not sent (see the plan)', t.skipped.length));
  // The parts are whole clauses; "; " and the full stop join them in every language the bundle serves.
  return l10n.t('Share: {0}.', parts.join('; '));
}

function outcomeText(outcome: PairOutcome): string {
  switch (outcome.kind) {
    case 'added':
      return l10n.t('added, {0}', outcome.status);
    case 'alreadyMember':
      return l10n.t('already a member, unchanged ({0})', outcome.message);
    case 'failed':
      return l10n.t('FAILED, not a member: {0}', outcome.message);
    case 'skipped':
      return l10n.t('not sent: {0}', outcome.message);
    case 'notStarted':
      return l10n.t('not started, not a member');
  }
}

/** The per-row result as Markdown, for a document the user keeps or copies: names as text, in code spans. */
export function bulkReport(result: BulkResult, name: ProjectNamer): string {
  const cell = (text: string) => `\`${plainText(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  const words = (text: string) => plainText(text).replace(/\|/g, '\\|');
  const lines = [
    l10n.t('# Sharing images with projects'),
    '',
    words(bulkSummary(result, name)),
    '',
    l10n.t('| Image | Image ID | Project | Project ID | Result |'),
    '| --- | --- | --- | --- | --- |',
    ...result.visibility.map(
      (v) =>
        `| ${cell(imagePlainLabel(v.image))} | ${cell(v.image.id)} |  |  | ${v.outcome.kind === 'madeShared' ? l10n.t('made shared') : v.outcome.kind === 'failed' ? l10n.t('FAILED to make shared: {0}', words(v.outcome.message)) : l10n.t('not made shared (cancelled)')} |`,
    ),
    ...result.pairs.map((r) => {
      const n = name(r.projectId);
      return `| ${cell(imagePlainLabel(r.image))} | ${cell(r.image.id)} | ${n ? cell(n) : ''} | ${cell(r.projectId)} | ${words(outcomeText(r.outcome))} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
