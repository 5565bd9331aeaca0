import * as vscode from 'vscode';
import { loadScopeImages, type GlanceImage, type GlanceMember, type Logger, type MemberStatus, type ScopeConnection, type ScopeListing } from '../openstack';
import { groupScopeImages, withIncomingStatus, withOwnedImage, type ImageGroups } from '../sharing';
import type { Connections, Scope } from './connections';

export type Loadable<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'error'; readonly error: Error };

export type OthersListing = 'community' | 'public';

interface ScopeEntry {
  connection: ScopeConnection;
  main: Loadable<ImageGroups>;
  others: Record<OthersListing, Loadable<readonly GlanceImage[]>>;
  /** What the pages read so far hold, while `main` is loading: painted before the walk ends. */
  partial?: ImageGroups;
  /** The load in progress; an older one (superseded by a refresh) drops its results. */
  loadToken?: object;
  /** Members of owned shared images, read when their group is opened. */
  members: Map<string, readonly GlanceMember[]>;
  membersInFlight: Set<string>;
}

/** Member lists read at once when a Shared group opens; more would be a burst of requests. */
const MEMBER_SUMMARY_LIMIT = 200;
const MEMBER_SUMMARY_CONCURRENCY = 4;

const IDLE = { kind: 'idle' } as const;

/**
 * The images of each connected scope, as the tree groups them. My images and Shared with me
 * load as soon as a scope connects (they feed the pending badge); other projects' community and
 * public images only when their group is expanded.
 */
export class ScopeImages implements vscode.Disposable {
  private readonly entries = new Map<string, ScopeEntry>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the ID of the scope whose images changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Figures of each scope's last full load, for the log and the scale tests. */
  readonly lastLoad = new Map<string, { readonly requests: number; readonly ms: number; readonly firstPaintMs?: number }>();

  constructor(
    private readonly connections: Connections,
    private readonly logger: Logger,
  ) {
    this.subscription = connections.onDidChange(() => this.sync());
  }

  /** The scope's groups; while loading, what has arrived so far (see `isLoading`). */
  main(scopeId: string): Loadable<ImageGroups> {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loading' && entry.partial) return { kind: 'loaded', value: entry.partial };
    return entry?.main ?? IDLE;
  }

  isLoading(scopeId: string): boolean {
    return this.entries.get(scopeId)?.main.kind === 'loading';
  }

  others(scopeId: string, listing: OthersListing): Loadable<readonly GlanceImage[]> {
    return this.entries.get(scopeId)?.others[listing] ?? IDLE;
  }

  /**
   * Glance ignores member_status for an admin token and lists every project's shared images, so
   * an admin scope cannot tell which were shared with its own project (measured: 30 "incoming"
   * images, 10 under each status, none of them shared with admin). Such scopes show no incoming.
   */
  incomingUnknown(scopeId: string): boolean {
    return this.entries.get(scopeId)?.connection.session.isAdmin === true;
  }

  /**
   * Invitations waiting over all scopes: the view's badge. Two scopes of the same project (alice
   * and carol both in producer) see the same invitations: each counts once.
   */
  pendingTotal(): number {
    const waiting = new Set<string>();
    for (const entry of this.entries.values()) {
      if (entry.main.kind !== 'loaded') continue;
      for (const image of entry.main.value.incoming.pending) waiting.add(`${entry.main.value.projectId}/${image.id}`);
    }
    return waiting.size;
  }

  async reload(scopeId: string): Promise<void> {
    const entry = this.entries.get(scopeId);
    if (!entry) return;
    // Member summaries may have changed (the other side answered): read them again when shown.
    entry.members.clear();
    const reloads: Array<Promise<void>> = [this.loadMain(scopeId, entry)];
    for (const listing of ['community', 'public'] as const) {
      if (entry.others[listing].kind !== 'idle') reloads.push(this.loadOthers(scopeId, listing));
    }
    await Promise.all(reloads);
  }

  /** An owned shared image's members, if read. */
  members(scopeId: string, imageId: string): readonly GlanceMember[] | undefined {
    return this.entries.get(scopeId)?.members.get(imageId);
  }

  /**
   * Read the members of owned shared images shown in an opened group, a few requests at a time,
   * so their rows can say "2 accepted · 1 pending". Nothing is read to draw the tree itself.
   */
  async loadMembers(scopeId: string, images: readonly GlanceImage[]): Promise<void> {
    const entry = this.entries.get(scopeId);
    if (!entry) return;
    const wanted = images
      .filter((i) => i.visibility === 'shared' && !entry.members.has(i.id) && !entry.membersInFlight.has(i.id))
      .slice(0, MEMBER_SUMMARY_LIMIT);
    if (wanted.length === 0) return;
    wanted.forEach((i) => entry.membersInFlight.add(i.id));
    const queue = [...wanted];
    const worker = async () => {
      for (let image = queue.shift(); image; image = queue.shift()) {
        try {
          entry.members.set(image.id, await entry.connection.glance.listMembers(image.id));
        } catch (error) {
          this.logger.warn(`Members of ${image.id}: ${asError(error).message}`);
        } finally {
          entry.membersInFlight.delete(image.id);
        }
      }
    };
    await Promise.all(Array.from({ length: MEMBER_SUMMARY_CONCURRENCY }, worker));
    if (this.entries.get(scopeId) === entry) this.changed.fire(scopeId);
  }

  /** After a share or an unshare: read that image's members again (one request), which also confirms the change. */
  async refreshMembers(scopeId: string, imageId: string): Promise<void> {
    const entry = this.entries.get(scopeId);
    if (!entry) return;
    try {
      entry.members.set(imageId, await entry.connection.glance.listMembers(imageId));
    } catch (error) {
      entry.members.delete(imageId);
      this.logger.warn(`Members of ${imageId}: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
  }

  /** An owned image changed (visibility): show it in its new group at once. */
  applyOwnedImage(scopeId: string, image: GlanceImage): void {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loaded') {
      entry.main = { kind: 'loaded', value: withOwnedImage(entry.main.value, image) };
      this.changed.fire(scopeId);
    }
  }

  /** This scope answered a share: move the image to its new status at once. */
  applyIncomingStatus(scopeId: string, imageId: string, status: MemberStatus): void {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loaded') {
      entry.main = { kind: 'loaded', value: withIncomingStatus(entry.main.value, imageId, status) };
      this.changed.fire(scopeId);
    }
  }

  /**
   * Other scopes that see the effect of a change (the consumer's scope after a share, shown side
   * by side): reload just those, not every scope.
   */
  async reloadProjects(projectIds: readonly string[], except?: string): Promise<void> {
    const targets = [...this.entries.entries()].filter(([id, e]) => id !== except && projectIds.includes(e.connection.session.projectScope?.id ?? ''));
    await Promise.all(targets.map(([id]) => this.reload(id)));
  }

  async loadOthers(scopeId: string, listing: OthersListing): Promise<void> {
    const entry = this.entries.get(scopeId);
    const projectId = entry?.connection.session.projectScope?.id;
    if (!entry || !projectId) return;
    // No change event here: the caller (the tree, asking for the group's children) already shows
    // "Loading…", and refreshing while VS Code registers that row makes it a duplicate ID.
    entry.others[listing] = { kind: 'loading' };
    try {
      const loaded = await loadScopeImages(entry.connection.glance, projectId, {
        includeCommunity: listing === 'community',
        includePublic: listing === 'public',
        only: [listing],
      });
      if (this.entries.get(scopeId) !== entry) return;
      entry.others[listing] = { kind: 'loaded', value: [...(loaded[listing] ?? [])].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id)) };
    } catch (error) {
      entry.others[listing] = { kind: 'error', error: asError(error) };
      this.logger.error(`Loading ${listing} images: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Follow the connections: load new scopes, forget gone or reconnected ones. */
  private sync(): void {
    const live = new Map<string, Scope>();
    for (const scope of this.connections.scopes) {
      if (scope.state.kind === 'connected') live.set(scope.id, scope);
    }
    for (const [id, entry] of this.entries) {
      const scope = live.get(id);
      if (!scope || scope.state.kind !== 'connected' || scope.state.connection !== entry.connection) {
        this.entries.delete(id);
        this.changed.fire(id);
      }
    }
    for (const [id, scope] of live) {
      if (!this.entries.has(id) && scope.state.kind === 'connected') {
        const entry: ScopeEntry = {
          connection: scope.state.connection,
          main: IDLE,
          others: { community: IDLE, public: IDLE },
          members: new Map(),
          membersInFlight: new Set(),
        };
        this.entries.set(id, entry);
        void this.loadMain(id, entry);
      }
    }
  }

  private async loadMain(scopeId: string, entry: ScopeEntry): Promise<void> {
    const projectId = entry.connection.session.projectScope?.id;
    if (!projectId) return;
    const token = {};
    entry.loadToken = token;
    const current = () => this.entries.get(scopeId) === entry && entry.loadToken === token;
    entry.main = { kind: 'loading' };
    entry.partial = undefined;
    this.changed.fire(scopeId);
    const started = Date.now();
    let firstPaintMs: number | undefined;
    // Pages are shown as they arrive: a large project paints its first groups after one round trip.
    // By ID: a listing walked again after a stale marker sends its first images a second time.
    const soFar = { owned: new Map<string, GlanceImage>(), pending: new Map<string, GlanceImage>(), accepted: new Map<string, GlanceImage>(), rejected: new Map<string, GlanceImage>() };
    const onPage = (listing: ScopeListing, page: readonly GlanceImage[]) => {
      if (listing === 'community' || listing === 'public' || !current()) return;
      page.forEach((image) => soFar[listing].set(image.id, image));
      entry.partial = groupScopeImages({
        projectId,
        owned: [...soFar.owned.values()],
        incoming: { pending: [...soFar.pending.values()], accepted: [...soFar.accepted.values()], rejected: [...soFar.rejected.values()] },
        requests: 0,
      });
      firstPaintMs ??= Date.now() - started;
      this.changed.fire(scopeId);
    };
    try {
      const loaded = await loadScopeImages(entry.connection.glance, projectId, { onPage, ...(entry.connection.session.isAdmin ? { only: ['owned'] } : {}) });
      if (!current()) return;
      entry.main = { kind: 'loaded', value: groupScopeImages(loaded) };
      entry.partial = undefined;
      this.lastLoad.set(scopeId, { requests: loaded.requests, ms: Date.now() - started, firstPaintMs });
      this.logger.info(
        `Loaded ${loaded.owned.length} own and ${loaded.incoming.pending.length + loaded.incoming.accepted.length + loaded.incoming.rejected.length} shared images ` +
          `for project ${entry.connection.session.projectScope?.name} in ${loaded.requests} requests, ${Date.now() - started} ms`,
      );
    } catch (error) {
      if (!current()) return;
      entry.main = { kind: 'error', error: asError(error) };
      entry.partial = undefined;
      this.logger.error(`Loading images of project ${entry.connection.session.projectScope?.name}: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
