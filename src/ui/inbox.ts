import type * as vscode from 'vscode';
import { mapBounded } from '../common/bounded';
import { asError, loadScopeImages, type GlanceImage, type MemberStatus } from '../openstack';
import {
  INBOX_ORDER,
  allowedActions,
  listsLikeAdmin,
  refusalOf,
  type AnswerOutcome,
  type AnswerRow,
  type ImageAction,
  type InboxScope,
  type InboxShare,
} from '../sharing';
import type { Connections, Scope } from './connections';
import { explanationOf } from './errors';
import { answerEach, type ActionDeps } from './imageActions';
import { targetOf, type ImageTarget } from './imageTargets';
import type { ProjectDirectory } from './projectDirectory';

/** Listings and member rows read at once: as many as the tree's member summaries. */
export const INBOX_CONCURRENCY = 4;

export interface InboxDeps extends ActionDeps {
  readonly connections: Connections;
  readonly directory: ProjectDirectory;
  readonly log: vscode.LogOutputChannel;
}

export interface InboxReading {
  readonly shares: readonly InboxShare[];
  /** Scopes whose listing could not be read, and why: the others are shown all the same. */
  readonly unread: ReadonlyArray<{ readonly scope: InboxScope; readonly reason: string }>;
  /** GET requests made. */
  readonly requests: number;
}

export interface InboxApplyOptions {
  readonly cancelled?: () => boolean;
  readonly onProgress?: (finished: number, total: number, share: InboxShare, outcome: AnswerOutcome) => void;
}

const ACTION_OF: Readonly<Record<MemberStatus, ImageAction>> = { accepted: 'accept', rejected: 'reject', pending: 'resetPending' };

/**
 * The consumer's inbox against Glance, for its command (src/ui/inboxCommands.ts) and the
 * extension-host tests. It reads Glance itself, not the tree: the tree may be narrowed by a
 * filter or not loaded yet, and the plan must be what Glance holds now. Answers go through
 * answerEach, as the tree's Accept and Reject do, so the tree follows and a withdrawn share leaves it.
 */
export class Inbox {
  /** The last read, for the log and the extension-host tests (which cannot see the pick). */
  lastReading: InboxReading | undefined;

  constructor(private readonly deps: InboxDeps) {}

  /**
   * The scopes to read: one per project in each Glance (bob and carol both in consumer see the
   * same shares), preferring one whose token may answer; never an admin token's (Glance lists
   * every project's shares to it, docs/glance-behaviour.md#admin-member-status).
   */
  scopes(): Scope[] {
    const chosen = new Map<string, Scope>();
    for (const scope of this.deps.connections.scopes) {
      const connection = scope.state.kind === 'connected' ? scope.state.connection : undefined;
      const project = connection?.session.projectScope;
      if (!connection || !project || connection.session.isAdmin || this.deps.images.incomingUnknown(scope.id)) continue;
      const key = `${connection.glance.endpoint} ${project.id}`;
      const held = chosen.get(key);
      if (!held || (!this.mayAnswerIn(held) && this.mayAnswerIn(scope))) chosen.set(key, scope);
    }
    return [...chosen.values()];
  }

  /** Every share with those scopes: one listing per scope and status (and its hidden walk), a few at a time. */
  async read(onProgress?: (read: number, total: number) => void): Promise<InboxReading> {
    const scopes = this.scopes();
    const regions = new Set(scopes.flatMap((s) => ((s.region ?? s.cloud.regionName) ? [s.region ?? s.cloud.regionName ?? ''] : [])));
    const jobs = scopes.flatMap((scope) => INBOX_ORDER.map((status) => ({ scope, status })));
    let read = 0;
    let requests = 0;
    const started = Date.now();
    const settled = await mapBounded(jobs, INBOX_CONCURRENCY, async ({ scope, status }) => {
      if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is no longer connected.`);
      const { glance, session } = scope.state.connection;
      const { hidden } = await glance.capabilities();
      const loaded = await loadScopeImages(glance, session.projectScope?.id ?? '', { only: [status], hidden });
      requests += loaded.requests;
      onProgress?.(++read, jobs.length);
      return loaded.incoming[status];
    });
    const shares: InboxShare[] = [];
    const unread = new Map<string, { scope: InboxScope; reason: string }>();
    const names = new Map<string, string | undefined>();
    const listed = new Map<Scope, Partial<Record<MemberStatus, readonly GlanceImage[]>>>();
    for (const [i, s] of settled.entries()) {
      const { scope, status } = jobs[i];
      if (s.ok !== true) {
        const reason = s.ok === false ? explanationOf(asError(s.error)) : 'not read';
        if (!unread.has(scope.id)) this.deps.log.warn(`Shares with ${scope.cloud.name} (${scope.id}) could not be read: ${reason}`);
        unread.set(scope.id, { scope: inboxScope(scope, regions), reason });
      } else {
        listed.set(scope, { ...listed.get(scope), [status]: s.value });
      }
    }
    for (const [scope, byStatus] of listed) {
      if (unread.has(scope.id)) continue;
      const incoming = { pending: byStatus.pending ?? [], accepted: byStatus.accepted ?? [], rejected: byStatus.rejected ?? [] };
      // A token Glance treats as admin (by a role of another name) is listed every project's shares, under every status.
      if (listsLikeAdmin(this.deps.connections.projectIdOf(scope) ?? '', incoming)) {
        this.deps.log.info(`Inbox: Glance lists every project's shares to ${scope.cloud.name} (${scope.id}), an admin token: left out`);
        continue;
      }
      for (const status of INBOX_ORDER) {
        for (const image of new Map(incoming[status].map((i) => [i.id, i])).values()) {
          const owner = image.owner ?? '';
          if (owner && !names.has(owner)) names.set(owner, await this.deps.directory.rawNameOf(scope, owner));
          shares.push({ scope: inboxScope(scope, regions), image, status, ownerName: names.get(owner) });
        }
      }
    }
    this.lastReading = { shares, unread: [...unread.values()], requests };
    this.deps.log.info(`Inbox: ${shares.length} shares in ${jobs.length / 3} scopes, ${requests} requests, ${Date.now() - started} ms`);
    return this.lastReading;
  }

  /**
   * Each share's member row (GET /v2/images/{id}/members/{project}, one request per share, a few
   * at a time): its created_at/updated_at say how long it has been so; listings do not carry them
   * (docs/glance-behaviour.md#member-row-dates).
   * A share gone meanwhile (404) leaves the inbox and the tree; another failure leaves its age unsaid.
   */
  async withAges(shares: readonly InboxShare[], onProgress?: (read: number, total: number) => void): Promise<InboxShare[]> {
    let read = 0;
    const started = Date.now();
    const settled = await mapBounded(shares, INBOX_CONCURRENCY, async (share) => {
      const scope = this.deps.connections.find(share.scope.id);
      if (scope?.state.kind !== 'connected') throw new Error(`${share.scope.cloud} is no longer connected.`);
      const member = await scope.state.connection.glance.getMember(share.image.id, scope.state.connection.session.projectScope?.id ?? '');
      onProgress?.(++read, shares.length);
      return member;
    });
    this.deps.log.info(`Inbox: ${shares.length} member rows read, ${Date.now() - started} ms`);
    return shares.flatMap((share, i): InboxShare[] => {
      const s = settled[i];
      if (s.ok === true) return [{ ...share, member: s.value }];
      if (s.ok === false && refusalOf(s.error, 'member')?.kind === 'shareGone') {
        this.deps.images.dropImage(share.scope.id, share.image.id);
        return [];
      }
      if (s.ok === false) this.deps.log.warn(`Member row of ${share.image.id} in ${share.scope.id}: ${asError(s.error).message}`);
      return [share];
    });
  }

  /** Whether this token may give that answer to this share (its roles, the policy, refusals seen). */
  mayAnswer(share: InboxShare, status: MemberStatus): boolean {
    const t = this.target(share);
    return !!t && allowedActions(t.image, t.viewpoint).includes(ACTION_OF[status]);
  }

  /** Answer each share; one row per share, in the given order. */
  async apply(shares: readonly InboxShare[], status: MemberStatus, options: InboxApplyOptions = {}): Promise<AnswerRow[]> {
    const targets: ImageTarget[] = [];
    const index: number[] = [];
    const rows: AnswerRow[] = shares.map((share, i) => {
      const t = this.target(share);
      if (t) {
        targets.push(t);
        index.push(i);
      }
      return { share, outcome: { kind: 'failed', message: `${share.scope.cloud} is no longer connected: sign in again, then retry.` } };
    });
    const outcomes = await answerEach(this.deps, targets, status, {
      cancelled: options.cancelled,
      onProgress: (finished, total, t, outcome) => options.onProgress?.(finished, total, shares[index[targets.indexOf(t)]], outcome),
    });
    outcomes.forEach((outcome, j) => (rows[index[j]] = { share: shares[index[j]], outcome }));
    return rows;
  }

  private target(share: InboxShare): ImageTarget | undefined {
    return targetOf(this.deps.connections, this.deps.images, { scopeId: share.scope.id, image: share.image, memberStatus: share.status });
  }

  private mayAnswerIn(scope: Scope): boolean {
    return this.deps.images.permissions(scope.id)?.writes.answer.allowed ?? true;
  }
}

/**
 * How a row names its scope. The tree names a region only for a cloud with several; the inbox
 * mixes clouds, so it names every scope's region as soon as the scopes read are in more than one.
 */
export function inboxScope(scope: Scope, regions: ReadonlySet<string> = new Set()): InboxScope {
  const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
  const region = scope.region ?? (regions.size > 1 ? scope.cloud.regionName : undefined);
  return { id: scope.id, cloud: scope.cloud.name, project: project?.name ?? project?.id ?? '', region };
}
