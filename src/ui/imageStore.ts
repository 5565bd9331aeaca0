import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { StepQueue } from '../common/stepQueue';
import {
  MEMBER_STATUSES,
  asError,
  FIRST_PAGE_SIZE,
  HttpError,
  loadScopeImages,
  type GlanceImage,
  type ImageListFilters,
  type GlanceMember,
  type ImageApiCapabilities,
  type ImageVisibility,
  type LoadedScope,
  type Logger,
  type MemberStatus,
  type ScopeConnection,
  type ScopeListing,
} from '../openstack';
import {
  PagedGroups,
  derivePermissions,
  firstNewPending,
  groupImages,
  groupScopeImages,
  listsLikeAdmin,
  withIncomingStatus,
  withOwnedImage,
  withoutImage,
  type GlanceWrite,
  type ImageGroups,
  type ScopePermissions,
} from '../sharing';
import type { Connections, Scope } from './connections';
import type { Settings } from './settings';

/** What the store needs of the settings to tell what a token may do. */
export type PermissionSettings = Pick<Settings, 'adminRoles' | 'policyProfile'>;
const DEFAULT_PERMISSION_SETTINGS: PermissionSettings = { adminRoles: ['admin'], policyProfile: () => 'auto' };

export type Loadable<T> =
  { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'loaded'; readonly value: T } | { readonly kind: 'error'; readonly error: Error };

export type OthersListing = 'community' | 'public';

/**
 * An image now shows in a new place of a scope's groups: moved there by the user's own change
 * (an answer, a visibility), or a share that arrived waiting on a reload (never on a scope's
 * first load: everything would be new then). The tree brings it into view.
 */
export interface ImageArrival {
  readonly scopeId: string;
  readonly image: GlanceImage;
  /** The group under the scope, as in an image row's path: 'incoming/accepted', 'mine/shared', … */
  readonly place: `incoming/${MemberStatus}` | `mine/${ImageVisibility}`;
  readonly cause: 'answer' | 'visibility' | 'newShare';
}

/** One image (Glance IDs are unique per cloud) changed, seen from this scope. */
export interface ImageChange {
  readonly scopeId: string;
  readonly imageId: string;
}

interface ScopeEntry {
  connection: ScopeConnection;
  main: Loadable<ImageGroups>;
  others: Record<OthersListing, Loadable<readonly GlanceImage[]>>;
  /** What the pages read so far hold, while a first load is under way: painted before the walk ends. */
  partial?: ImageGroups;
  /** A load is under way; on a reload `main` keeps the last listing until the new one is complete. */
  loading: boolean;
  /** The load under way has its owned and pending images complete (My images and Pending); Accepted and Rejected may follow. */
  firstGroupsDone: boolean;
  /** The load in progress; an older one (superseded by a refresh) drops its results. */
  loadToken?: object;
  /** The community or public load under way, if any: its token tells a superseded one. */
  othersLoads: Partial<Record<OthersListing, { readonly token: object; readonly done: Promise<void> }>>;
  /** Members of owned shared images, read when their group is opened. */
  members: Map<string, readonly GlanceMember[]>;
  membersInFlight: Set<string>;
  /** Changes Glance refused with a 403 since the last refresh, with its reason. */
  refusals: Map<GlanceWrite, string>;
  /** Glance ignored member_status for this token (listsLikeAdmin): an admin by another name. */
  adminDetected: boolean;
}

/** Figures of one scope's load. */
export interface LoadFigures {
  readonly requests: number;
  readonly ms: number;
  readonly firstPaintMs?: number;
  /** Requests and time until My images and Pending were complete (Accepted and Rejected follow). */
  readonly firstGroupsRequests: number;
  readonly firstGroupsMs?: number;
}

/** Member lists read at once when a Shared group opens; more would be a burst of requests. */
const MEMBER_SUMMARY_LIMIT = 200;
const MEMBER_SUMMARY_CONCURRENCY = 4;

const IDLE = { kind: 'idle' } as const;

/** While a first load walks its pages, how often the tree is told (the first page at once). */
const PAINT_INTERVAL_MS = 250;

/** Images regrouped in one step of a load's StepQueue (a page is four of them). */
const REGROUP_SLICE = 250;

/**
 * The groups of a finished load: those built page by page, unless a listing was walked again
 * after a stale marker and an image seen on the first walk is gone (then fewer images came
 * back than were paged, and the finished listing is grouped from scratch).
 */
function finalGroups(paged: PagedGroups, loaded: LoadedScope): ImageGroups {
  const seen = paged.counts();
  const distinct = (images: readonly GlanceImage[]) => new Set(images.map((i) => i.id)).size;
  const same = seen.owned === distinct(loaded.owned) && MEMBER_STATUSES.every((s) => seen[s] === distinct(loaded.incoming[s]));
  return same ? paged.groups() : groupScopeImages(loaded);
}

function shows(groups: ImageGroups, imageId: string): boolean {
  return [...Object.values(groups.owned), ...Object.values(groups.incoming)].some((images) => images.some((i) => i.id === imageId));
}

/**
 * The images of each connected scope, as the tree groups them. My images and Shared with me
 * load as soon as a scope connects (they feed the pending badge); other projects' community and
 * public images only when their group is expanded.
 */
export class ImageStore extends DisposableBase {
  private readonly entries = new Map<string, ScopeEntry>();
  /**
   * The listing a scope showed before it signed in again (the view's Refresh reconnects every
   * scope), until its new connection has listed: what that load's arrivals are told from. A
   * scope with neither this nor a listing of its own is on its first load.
   */
  private readonly lastListing = new Map<string, ImageGroups>();
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with the ID of the scope whose images changed (any of them, a page of a load included). */
  readonly onDidChange = this.changed.event;
  private readonly imageChanged = this._register(new vscode.EventEmitter<ImageChange>());
  /**
   * Fires when glance-share changed one image or its members (share, unshare, an answer, a new
   * visibility), whichever scope did it: a members panel follows only its own image.
   */
  readonly onDidChangeImage = this.imageChanged.event;
  private readonly arrived = this._register(new vscode.EventEmitter<ImageArrival>());
  /** Fires when an image moves to another group by the user's change, or a share arrives on a reload (at most one per load). */
  readonly onDidArrive = this.arrived.event;
  /** Figures of each scope's last full load, for the log and the scale tests. */
  readonly lastLoad = new Map<string, LoadFigures>();

  constructor(
    private readonly connections: Connections,
    private readonly logger: Logger,
    private readonly settings: () => PermissionSettings = () => DEFAULT_PERMISSION_SETTINGS,
  ) {
    super();
    this._register(connections.onDidChange(() => this.sync()));
  }

  /**
   * The scope's groups. While a reload is under way, the last listing (the tree stays put and open
   * groups stay open); while a first load is, what has arrived so far (see `isLoading`).
   */
  main(scopeId: string): Loadable<ImageGroups> {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loading' && entry.partial) return { kind: 'loaded', value: entry.partial };
    return entry?.main ?? IDLE;
  }

  isLoading(scopeId: string): boolean {
    return this.entries.get(scopeId)?.loading === true;
  }

  /**
   * Pending, as `main` shows it, is the whole list: a finished or kept listing, or a first load
   * past its owned-and-pending walk. False while that walk's pages are still arriving.
   */
  pendingComplete(scopeId: string): boolean {
    const entry = this.entries.get(scopeId);
    return !!entry && (!entry.partial || entry.firstGroupsDone);
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
    return this.permissions(scopeId)?.admin === true;
  }

  /**
   * What this scope's token may change (src/sharing/permissions.ts): its roles under the cloud's
   * policy profile and admin roles, what its listings showed, and the refusals since the last refresh.
   */
  permissions(scopeId: string): ScopePermissions | undefined {
    const entry = this.entries.get(scopeId);
    const scope = this.connections.find(scopeId);
    if (!entry || !scope) return undefined;
    const settings = this.settings();
    return derivePermissions({
      roles: entry.connection.session.roles,
      adminRoles: settings.adminRoles,
      profile: settings.policyProfile(scope.cloud.name),
      adminDetected: entry.adminDetected,
      refusals: entry.refusals,
    });
  }

  /**
   * Glance refused a change: a 403 means this token may not make that change in this scope, so
   * it is withheld (with Glance's reason) until the scope is refreshed. Other errors say nothing
   * about permissions.
   */
  noteRefusal(scopeId: string, write: GlanceWrite, error: unknown): void {
    const entry = this.entries.get(scopeId);
    if (!entry || !(error instanceof HttpError) || error.status !== 403) return;
    entry.refusals.set(write, error.serverMessage);
    this.logger.warn(`Glance refused ${write} for this token in ${scopeId}: withheld until the scope is refreshed`);
    this.changed.fire(scopeId);
  }

  /**
   * Invitations waiting over all scopes: the view's badge. Two scopes of the same project (alice
   * and carol both in producer) see the same invitations: each counts once. Two regions of one
   * project are two Glances with their own members: each region's count.
   */
  pendingTotal(): number {
    const waiting = new Set<string>();
    for (const [id, entry] of this.entries) {
      // An admin token's "incoming" is every project's shares: none of them waits for this project.
      if (entry.main.kind !== 'loaded' || this.incomingUnknown(id)) continue;
      const where = `${entry.connection.glance.endpoint} ${entry.main.value.projectId}`;
      for (const image of entry.main.value.incoming.pending) waiting.add(`${where}/${image.id}`);
    }
    return waiting.size;
  }

  /** What the scope's image endpoint can do (its API version), once read; undefined before. */
  capabilities(scopeId: string): ImageApiCapabilities | undefined {
    return this.entries.get(scopeId)?.connection.glance.knownCapabilities;
  }

  /** What Glance narrows every listing to: the server-side part of the view's filter. */
  private listFilters: ImageListFilters = {};

  /** Narrow every listing Glance sends (tag, status, created_at); each scope loads again when it changes. */
  async setListFilters(filters: ImageListFilters): Promise<void> {
    if (JSON.stringify(filters) === JSON.stringify(this.listFilters)) return;
    this.listFilters = filters;
    await Promise.all([...this.entries.keys()].map((id) => this.reload(id)));
  }

  async reload(scopeId: string): Promise<void> {
    const entry = this.entries.get(scopeId);
    if (!entry) return;
    // Member summaries may have changed (the other side answered): read them again when shown.
    entry.members.clear();
    // A refresh asks Glance again: what it refused before is offered again.
    entry.refusals.clear();
    const reloads: Array<Promise<void>> = [this.loadMain(scopeId, entry)];
    for (const listing of ['community', 'public'] as const) {
      if (entry.others[listing].kind !== 'idle') reloads.push(this.loadOthers(scopeId, listing, true));
    }
    await Promise.all(reloads);
  }

  /** The loaded scopes signed in to this project on this Glance (e.g. bob and carol both in consumer). */
  scopesOfProject(projectId: string, glanceEndpoint: string): string[] {
    return [...this.entries].filter(([, e]) => e.connection.session.projectScope?.id === projectId && e.connection.glance.endpoint === glanceEndpoint).map(([id]) => id);
  }

  /** Every project that is a member of one of this scope's images, as far as member lists were read (no request). */
  knownMembers(scopeId: string): string[] {
    const ids = new Set<string>();
    for (const members of this.entries.get(scopeId)?.members.values() ?? []) members.forEach((m) => ids.add(m.member_id));
    return [...ids];
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
    const wanted = images.filter((i) => i.visibility === 'shared' && !entry.members.has(i.id) && !entry.membersInFlight.has(i.id)).slice(0, MEMBER_SUMMARY_LIMIT);
    if (wanted.length === 0) return;
    wanted.forEach((i) => entry.membersInFlight.add(i.id));
    const queue = [...wanted];
    const worker = async () => {
      for (let image = queue.shift(); image; image = queue.shift()) {
        try {
          entry.members.set(image.id, await entry.connection.glance.listMembers(image.id));
        } catch (error) {
          // A replaced connection fails what it still had in flight: nobody shows that entry any more.
          if (this.entries.get(scopeId) === entry) this.logger.warn(`Members of ${image.id}: ${asError(error).message}`);
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
      if (this.entries.get(scopeId) !== entry) return;
      entry.members.delete(imageId);
      this.logger.warn(`Members of ${imageId}: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
    this.imageChanged.fire({ scopeId, imageId });
  }

  /** An owned image changed (visibility): show it in its new group at once. */
  applyOwnedImage(scopeId: string, image: GlanceImage): void {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loaded') {
      const moved = !entry.main.value.owned[image.visibility].some((i) => i.id === image.id);
      entry.main = { kind: 'loaded', value: withOwnedImage(entry.main.value, image) };
      this.changed.fire(scopeId);
      if (moved) this.arrived.fire({ scopeId, image, place: `mine/${image.visibility}`, cause: 'visibility' });
    }
    this.imageChanged.fire({ scopeId, imageId: image.id });
  }

  /** This scope answered a share: move the image to its new status at once. */
  applyIncomingStatus(scopeId: string, imageId: string, status: MemberStatus): void {
    const entry = this.entries.get(scopeId);
    if (entry?.main.kind === 'loaded') {
      const moved = !entry.main.value.incoming[status].some((i) => i.id === imageId);
      entry.main = { kind: 'loaded', value: withIncomingStatus(entry.main.value, imageId, status) };
      this.changed.fire(scopeId);
      const image = entry.main.value.incoming[status].find((i) => i.id === imageId);
      if (moved && image) this.arrived.fire({ scopeId, image, place: `incoming/${status}`, cause: 'answer' });
    }
    this.imageChanged.fire({ scopeId, imageId });
  }

  /**
   * Glance says an image is gone for this scope (deleted, or its share withdrawn): take it off at
   * once, in every scope of the same project (they see the same images,
   * docs/glance-behaviour.md#membership-per-project), so rows, counts and the badge are right
   * before any reload. A load in progress would bring it back from a page read before: its
   * partial result is corrected too, and the caller reloads to confirm.
   */
  dropImage(scopeId: string, imageId: string): void {
    const projectId = this.entries.get(scopeId)?.connection.session.projectScope?.id;
    if (!projectId) return;
    for (const [id, entry] of this.entries) {
      if (entry.connection.session.projectScope?.id !== projectId) continue;
      const shown = (entry.main.kind === 'loaded' && shows(entry.main.value, imageId)) || (!!entry.partial && shows(entry.partial, imageId));
      if (entry.main.kind === 'loaded') entry.main = { kind: 'loaded', value: withoutImage(entry.main.value, imageId) };
      if (entry.partial) entry.partial = withoutImage(entry.partial, imageId);
      entry.members.delete(imageId);
      // Only when a row went: an open panel of this image refreshes on each change, and a change
      // for nothing would have it read the missing image again, and again.
      if (shown) this.changed.fire(id);
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

  /**
   * Read other projects' community or public images: the load under way if there is one (the tree
   * awaits it when the group opens), a new one if `again` (a refresh, a new filter). A loaded list
   * stays shown until the new one is complete.
   */
  loadOthers(scopeId: string, listing: OthersListing, again = false): Promise<void> {
    const entry = this.entries.get(scopeId);
    if (!entry) return Promise.resolve();
    const inFlight = entry.othersLoads[listing];
    if (inFlight && !again) return inFlight.done;
    const token = {};
    const done = this.readOthers(scopeId, entry, listing, token).finally(() => {
      if (entry.othersLoads[listing]?.token === token) entry.othersLoads[listing] = undefined;
    });
    entry.othersLoads[listing] = { token, done };
    return done;
  }

  private async readOthers(scopeId: string, entry: ScopeEntry, listing: OthersListing, token: object): Promise<void> {
    const projectId = entry.connection.session.projectScope?.id;
    if (!projectId) return;
    // Checked after an await, when loadOthers has recorded this load: a newer one (again) wins.
    const current = () => this.entries.get(scopeId) === entry && entry.othersLoads[listing]?.token === token;
    // No change event here: the tree awaits this load (getChildren) and is told when it ends.
    if (entry.others[listing].kind !== 'loaded') entry.others[listing] = { kind: 'loading' };
    try {
      if (listing === 'community' && !(await entry.connection.glance.capabilities()).community) {
        // No request Glance would refuse: the tree says why the group is empty (capabilities).
        if (!current()) return;
        entry.others[listing] = { kind: 'loaded', value: [] };
        this.changed.fire(scopeId);
        return;
      }
      const loaded = await loadScopeImages(entry.connection.glance, projectId, {
        includeCommunity: listing === 'community',
        includePublic: listing === 'public',
        only: [listing],
        filters: this.listFilters,
      });
      if (!current()) return;
      entry.others[listing] = { kind: 'loaded', value: groupImages(loaded[listing] ?? []) };
    } catch (error) {
      if (!current()) return;
      entry.others[listing] = { kind: 'error', error: asError(error) };
      this.logger.error(`Loading ${listing} images: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
  }

  /** Follow the connections: load new scopes, forget gone or reconnected ones. */
  private sync(): void {
    const live = new Map<string, Scope>();
    for (const scope of this.connections.scopes) {
      if (scope.state.kind === 'connected') live.set(scope.id, scope);
    }
    const shown = new Set(this.connections.scopes.map((s) => s.id));
    for (const id of [...this.lastListing.keys()]) if (!shown.has(id)) this.lastListing.delete(id);
    for (const [id, entry] of this.entries) {
      const scope = live.get(id);
      if (!scope || scope.state.kind !== 'connected' || scope.state.connection !== entry.connection) {
        if (entry.main.kind === 'loaded' && shown.has(id)) this.lastListing.set(id, entry.main.value);
        this.entries.delete(id);
        this.changed.fire(id);
      }
    }
    for (const [id, scope] of live) {
      if (!this.entries.has(id) && scope.state.kind === 'connected') {
        const entry: ScopeEntry = {
          connection: scope.state.connection,
          main: IDLE,
          loading: false,
          firstGroupsDone: false,
          others: { community: IDLE, public: IDLE },
          othersLoads: {},
          members: new Map(),
          membersInFlight: new Set(),
          refusals: new Map(),
          adminDetected: false,
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
    // A reload keeps what is shown until the new listing is complete: rows do not blank to
    // "Loading…" and collapse; the scope row says "loading…" meanwhile.
    const reloading = entry.main.kind === 'loaded';
    if (!reloading) entry.main = { kind: 'loading' };
    entry.loading = true;
    entry.firstGroupsDone = false;
    entry.partial = undefined;
    this.changed.fire(scopeId);
    const started = Date.now();
    let firstPaintMs: number | undefined;
    let firstGroupsMs: number | undefined;
    let arrival: GlanceImage | undefined;
    // Pages are grouped as they arrive (each page merged in, not everything regrouped), and a
    // first load shows them: a large project paints its first groups after one round trip. The
    // tree is told at most every PAINT_INTERVAL_MS after that, not after each of 50 pages.
    const paged = new PagedGroups(projectId);
    // A page is regrouped in slices, a few per turn of the event loop (StepQueue): at 50,000
    // images one page of 1,000 merged at once held the extension host for 23 ms beside parsing it.
    const regroup = new StepQueue();
    // Set once the load has its result or failed: slices still queued then change nothing.
    let settled = false;
    const live = () => current() && !settled;
    let lastPaint = 0;
    let paintTimer: NodeJS.Timeout | undefined;
    const paint = () => {
      paintTimer = undefined;
      if (!live()) return;
      entry.partial = paged.groups();
      lastPaint = Date.now();
      firstPaintMs ??= lastPaint - started;
      this.changed.fire(scopeId);
    };
    const schedulePaint = () => {
      if (reloading || paintTimer || !live()) return;
      const wait = lastPaint + PAINT_INTERVAL_MS - Date.now();
      if (wait <= 0) paint();
      else paintTimer = setTimeout(paint, wait);
    };
    const onPage = (listing: ScopeListing, page: readonly GlanceImage[]) => {
      if (listing === 'community' || listing === 'public' || !current()) return;
      for (let from = 0; from < page.length; from += REGROUP_SLICE) {
        const slice = page.slice(from, from + REGROUP_SLICE);
        regroup.push(() => live() && paged.add(listing, slice));
      }
      regroup.push(schedulePaint);
    };
    try {
      // Hidden images are left out of every default listing: walk them too where Glance has them.
      const { hidden, sharedVisibility } = await entry.connection.glance.capabilities();
      if (!current()) return;
      const loaded = await loadScopeImages(entry.connection.glance, projectId, {
        hidden,
        sharedVisibility,
        onPage,
        firstPageSize: FIRST_PAGE_SIZE,
        // After the first walk's pages are regrouped: then My images and Pending are whole.
        onFirstGroups: () =>
          regroup.push(() => {
            firstGroupsMs = Date.now() - started;
            if (!live()) return;
            entry.firstGroupsDone = true;
            // Pending is whole now: paint at once, so the tree may open it (it waits for this).
            if (!reloading) {
              clearTimeout(paintTimer);
              paint();
            }
          }),
        filters: this.listFilters,
        ...(this.permissions(scopeId)?.admin ? { only: ['owned'] } : {}),
      });
      await regroup.idle();
      settled = true;
      clearTimeout(paintTimer);
      if (!current()) return;
      if ((loaded.listedAsAdmin || listsLikeAdmin(projectId, loaded.incoming)) && !entry.adminDetected) {
        entry.adminDetected = true;
        this.logger.info(`Glance lists every project's shares to ${entry.connection.session.user.name} in ${scopeId}: an admin token, whatever its role is called`);
      }
      const before = entry.main.kind === 'loaded' ? entry.main.value : this.lastListing.get(scopeId);
      entry.main = { kind: 'loaded', value: finalGroups(paged, loaded) };
      this.lastListing.delete(scopeId);
      entry.loading = false;
      entry.partial = undefined;
      // A share that arrived since the last listing; none on a first load (all of it is new then).
      arrival = before?.projectId === projectId && !this.incomingUnknown(scopeId) ? firstNewPending(before, entry.main.value) : undefined;
      this.lastLoad.set(scopeId, { requests: loaded.requests, ms: Date.now() - started, firstPaintMs, firstGroupsRequests: loaded.firstGroupsRequests, firstGroupsMs });
      this.logger.info(
        `Loaded ${loaded.owned.length} own and ${loaded.incoming.pending.length + loaded.incoming.accepted.length + loaded.incoming.rejected.length} shared images ` +
          `for project ${entry.connection.session.projectScope?.name} in ${loaded.requests} requests, ${Date.now() - started} ms ` +
          `(My images and Pending after ${loaded.firstGroupsRequests} requests, ${firstGroupsMs ?? '?'} ms)`,
      );
    } catch (error) {
      settled = true;
      clearTimeout(paintTimer);
      if (!current()) return;
      entry.main = { kind: 'error', error: asError(error) };
      entry.loading = false;
      entry.partial = undefined;
      this.logger.error(`Loading images of project ${entry.connection.session.projectScope?.name}: ${asError(error).message}`);
    }
    this.changed.fire(scopeId);
    if (arrival) this.arrived.fire({ scopeId, image: arrival, place: 'incoming/pending', cause: 'newShare' });
  }
}
