import { HttpError } from './errors';
import type { GlanceClient } from './glance';
import { type GlanceImage, type ImageListFilters, type MemberStatus } from './models';

/** What one project scope's tree needs, straight from Glance. */
export interface LoadedScope {
  readonly projectId: string;
  /** Images this project owns, every visibility. */
  readonly owned: readonly GlanceImage[];
  /** Images other projects shared with this one, by this project's member status. */
  readonly incoming: Readonly<Record<MemberStatus, readonly GlanceImage[]>>;
  /** Other projects' community images; present only when asked for. */
  readonly community?: readonly GlanceImage[];
  /** Other projects' public images; present only when asked for. */
  readonly public?: readonly GlanceImage[];
  /** GET requests made for this load. */
  readonly requests: number;
  /**
   * GET requests made by the time owned and pending images were complete: My images and Pending,
   * the groups a tree shows first (Accepted and Rejected are walked after them).
   */
  readonly firstGroupsRequests: number;
  /**
   * The owned-and-pending walk met another project's private or community image, which Glance
   * lists only to a token it treats as admin: `owned` then comes from `owner=<me>` and nothing is
   * incoming (docs/glance-behaviour.md#admin-default-listing).
   */
  readonly listedAsAdmin: boolean;
}

export type ScopeListing = 'owned' | MemberStatus | 'community' | 'public';

/** One paged walk: a listing, or owned and pending together from one listing. */
export type ScopeWalk = ScopeListing | 'ownedAndPending';

export interface ScopeLoadOptions {
  readonly includeCommunity?: boolean;
  readonly includePublic?: boolean;
  /** Called with each page as it arrives, so a view can paint before the walk ends. */
  readonly onPage?: (listing: ScopeListing, images: readonly GlanceImage[]) => void;
  /** Called once owned and pending images are complete (My images and Pending), before accepted and rejected are walked. */
  readonly onFirstGroups?: () => void;
  /**
   * The load's first walk (owned and pending, or owned) asks its first page this size, the rest
   * MAX_PAGE_SIZE at a time: a view that paints pages shows its first group after a short page's
   * round trip (FIRST_PAGE_SIZE), for one request more on a walk past that many images.
   */
  readonly firstPageSize?: number;
  /** Narrow every listing to one tag (tests and benchmarks use it to isolate their images). */
  readonly tag?: string;
  /** Narrowing Glance applies to every listing (the view's filter: tag, status, created_at). */
  readonly filters?: ImageListFilters;
  /** Load only these listings (e.g. community when its group is expanded); default: all that apply. */
  readonly only?: readonly ScopeListing[];
  /**
   * Also walk owned and incoming listings with `os_hidden=true` (Glance leaves hidden images out
   * otherwise, docs/glance-behaviour.md#hidden-images). Only where the endpoint has Image API 2.7
   * (`GlanceClient.capabilities()`); other projects' community and public images stay unhidden.
   */
  readonly hidden?: boolean;
  /**
   * The endpoint has the `shared` visibility (Image API 2.5+, `GlanceClient.capabilities()`), so
   * owned and pending images can come from one walk. False: one walk each. Default true.
   */
  readonly sharedVisibility?: boolean;
}

/**
 * The walks, and why each one is needed:
 * - owned and pending together: the default listing with `member_status=pending` (no visibility,
 *   no owner) returns every own image (any visibility, community included), every public image
 *   and the images shared with this project that wait for its answer
 *   (docs/glance-behaviour.md#default-listing-pending). One walk of ⌈(own + public + pending) /
 *   1000⌉ pages, where `visibility=shared&member_status=pending` would repeat every own shared
 *   image (docs/glance-behaviour.md#own-in-member-status) beside an `owner=<me>` walk.
 * - owned alone (`only: ['owned']`, an admin token, or an endpoint before Image API 2.5):
 *   `owner=<me>` (docs/glance-behaviour.md#owner-listing).
 * - incoming by status: `visibility=shared&member_status=<s>`. Images do not carry the caller's
 *   member status, so each status is its own listing; this project's own shared images come back
 *   there too and are dropped.
 * - community / public of other projects: `visibility=community|public`, own ones dropped.
 * - with `hidden`, each of those but community and public once more with `os_hidden=true`: a
 *   listing has either hidden images only or none, and the tree shows both.
 */
export function scopeListings(projectId: string, options: ScopeLoadOptions): Array<[ScopeWalk, ImageListFilters]> {
  const tag = { ...options.filters, ...(options.tag ? { tag: options.tag } : {}) };
  const wanted = (listing: ScopeListing) => !options.only || options.only.includes(listing);
  const together = options.sharedVisibility !== false && wanted('owned') && wanted('pending');
  const listings: Array<[ScopeWalk, ImageListFilters]> = together
    ? [['ownedAndPending', { ...tag, member_status: 'pending' }]]
    : [
        ...(wanted('owned') ? [['owned', { ...tag, owner: projectId }] as [ScopeWalk, ImageListFilters]] : []),
        ...(wanted('pending') ? [['pending', { ...tag, visibility: 'shared', member_status: 'pending' }] as [ScopeWalk, ImageListFilters]] : []),
      ];
  for (const status of ['accepted', 'rejected'] as const) {
    if (wanted(status)) listings.push([status, { ...tag, visibility: 'shared', member_status: status }]);
  }
  if (options.includeCommunity && wanted('community')) listings.push(['community', { ...tag, visibility: 'community' }]);
  if (options.includePublic && wanted('public')) listings.push(['public', { ...tag, visibility: 'public' }]);
  if (options.hidden) {
    for (const [walk, filters] of [...listings]) {
      if (walk !== 'community' && walk !== 'public') listings.push([walk, { ...filters, os_hidden: true }]);
    }
  }
  return listings;
}

/** A walk's images by the listing they belong to, or `admin` when the page shows an admin token. */
function placePage(walk: ScopeWalk, projectId: string, images: readonly GlanceImage[]): Array<[ScopeListing, GlanceImage[]]> | 'admin' {
  if (walk === 'owned') return [['owned', [...images]]];
  const foreign = images.filter((image) => image.owner !== projectId);
  if (walk !== 'ownedAndPending') return [[walk, foreign]];
  // Another project's private or community image is never in this listing for a project's own
  // token: Glance lists every image to an admin (docs/glance-behaviour.md#admin-default-listing).
  if (foreign.some((image) => image.visibility === 'private' || image.visibility === 'community')) return 'admin';
  return [
    ['owned', images.filter((image) => image.owner === projectId)],
    // Public images of other projects come along; their group lists them itself when expanded. A
    // visibility this client does not know stays in view, under Pending with its raw value.
    ['pending', foreign.filter((image) => image.visibility !== 'public')],
  ];
}

/**
 * The first page's size a view asks for its first walk (`firstPageSize`). Glance
 * answers a page of 100 in a fraction of the time of a page of 1000 (bench note
 * 2026-12-02-tree-loads: first paint 0.64-1.11x of one full page's round trip at 10,000 and
 * 50,000 images, from up to 2.57x), and 100 rows fill the view.
 */
export const FIRST_PAGE_SIZE = 100;

/** Thrown inside a load when the owned-and-pending walk shows an admin token (see `placePage`). */
class AdminListing extends Error {}

/**
 * How many times one listing is walked again after a stale marker before the error is shown.
 * Each walk costs its pages again; images deleted one after another during a long walk (a cleanup
 * script) can break a few walks in a row, but not many.
 */
export const STALE_MARKER_WALKS = 3;

/**
 * Load a scope's images with one paged walk per listing: first owned and pending (My images and
 * Pending, what a tree shows first), then accepted and rejected, then other projects' community
 * and public images if asked for. Within each of those steps the walks are staggered (each starts
 * once the one before it has its first page) and their hidden walks follow them.
 * Requests: for each walk, floor(n / 1000) + 1, where n is what that walk returns (Glance sends a
 * `next` link after every full page, so a multiple of 1000 costs one empty page). With O own
 * images (S of them shared), P public images of other projects and I_s incoming per status:
 * owned and pending floor((O + P + I_pending)/1000) + 1, then for accepted and rejected
 * floor((S + I_s)/1000) + 1 each: 3 requests for anything under 1,000 images, 6 with `hidden`.
 * With `firstPageSize` F, the first walk costs 1 for n < F and floor((n - F)/1000) + 2 otherwise.
 */
export async function loadScopeImages(glance: GlanceClient, projectId: string, options: ScopeLoadOptions = {}): Promise<LoadedScope> {
  let requests = 0;
  const walk = async (
    [name, filters]: [ScopeWalk, ImageListFilters],
    answered: () => void = () => undefined,
    firstPage?: number,
  ): Promise<Array<[ScopeListing, GlanceImage[]]>> => {
    for (let attempt = 0; ; attempt++) {
      const found: Array<[ScopeListing, GlanceImage[]]> = [];
      try {
        for await (const page of glance.listImagePages(filters, { firstPage })) {
          requests++;
          answered();
          const placed = placePage(name, projectId, page.images);
          if (placed === 'admin') throw new AdminListing();
          for (const [listing, images] of placed) {
            found.push([listing, images]);
            if (images.length > 0) options.onPage?.(listing, images);
          }
        }
        return found;
      } catch (error) {
        // Glance pages by marker (the last image's ID): if that image is deleted between two
        // pages, the next page is a 400 "No image found". Walking again from the start gets a
        // consistent listing; callers of onPage see those images again (same IDs). The error
        // that remains after the last walk says what happened (explainHttpError), not "a filter".
        if (!isStaleMarker(error) || found.length === 0 || attempt >= STALE_MARKER_WALKS) throw error;
      }
    }
  };
  // The visible walks of a step are staggered: each starts once the one before it has its first
  // page, so the first group is painted after about one page's round trip instead of several
  // served side by side (bench note 2026-12-02-tree-loads: 10,000 owned images, first page 690 ms
  // staggered vs 1754 ms side by side, and the whole load 15.0 s vs 20.1 s against one Glance
  // worker). The hidden walks (usually one short page each) start when the visible ones are done.
  const runStep = async (step: Array<[ScopeWalk, ImageListFilters]>, firstPageSize?: number): Promise<Array<[ScopeListing, GlanceImage[]]>> => {
    let previousAnswered: Promise<void> = Promise.resolve();
    const visible = await Promise.all(
      step
        .filter(([, filters]) => !filters.os_hidden)
        .map(async (listing, index) => {
          const mayStart = previousAnswered;
          let answered: () => void = () => undefined;
          previousAnswered = new Promise<void>((resolve) => (answered = resolve));
          try {
            await mayStart;
            return await walk(listing, answered, index === 0 ? firstPageSize : undefined);
          } finally {
            answered(); // a walk that failed or returned nothing lets the next one start
          }
        }),
    );
    const hidden = await Promise.all(step.filter(([, filters]) => filters.os_hidden).map((listing) => walk(listing)));
    return [...visible, ...hidden].flat();
  };
  const stepOf = ([name]: [ScopeWalk, ImageListFilters]) =>
    name === 'ownedAndPending' || name === 'owned' || name === 'pending' ? 0 : name === 'community' || name === 'public' ? 2 : 1;
  const listings = scopeListings(projectId, options);
  const results = new Map<ScopeListing, GlanceImage[]>();
  let firstGroupsRequests = 0;
  try {
    for (const step of [0, 1, 2]) {
      // One page's images at a time onto each listing's array: copying the growing array for each of
      // 50 pages would stall the extension host at the end of the walk.
      for (const [listing, images] of await runStep(
        listings.filter((l) => stepOf(l) === step),
        step === 0 ? options.firstPageSize : undefined,
      )) {
        const into = results.get(listing) ?? [];
        for (const image of images) into.push(image);
        results.set(listing, into);
      }
      if (step === 0) {
        firstGroupsRequests = requests;
        options.onFirstGroups?.();
      }
    }
  } catch (error) {
    if (!(error instanceof AdminListing)) throw error;
    // Glance lists every image to this token: its own come from owner=<me>, and what was shared
    // with its project cannot be told apart (docs/glance-behaviour.md#admin-member-status).
    const own = await loadScopeImages(glance, projectId, { ...options, only: ['owned'], sharedVisibility: false });
    const total = requests + own.requests;
    return { ...own, requests: total, firstGroupsRequests: total, listedAsAdmin: true };
  }
  const get = (listing: ScopeListing): GlanceImage[] => results.get(listing) ?? [];
  return {
    projectId,
    owned: get('owned'),
    incoming: { pending: get('pending'), accepted: get('accepted'), rejected: get('rejected') },
    community: options.includeCommunity ? get('community') : undefined,
    public: options.includePublic ? get('public') : undefined,
    requests,
    firstGroupsRequests,
    listedAsAdmin: false,
  };
}

/** Glance's answer to a page whose marker image was deleted (docs/glance-behaviour.md#stale-marker). */
export function isStaleMarker(error: unknown): boolean {
  return error instanceof HttpError && error.operation === 'listImages' && error.status === 400 && /no image found/i.test(error.serverMessage);
}

/**
 * The shares waiting for this project's answer: the scope load's own `pending` listing (same
 * filters, own images dropped, the stale-marker retry, hidden shares too where the endpoint has
 * them), for the periodic check of new shares.
 */
export async function loadPendingShares(glance: GlanceClient, projectId: string): Promise<readonly GlanceImage[]> {
  const { hidden } = await glance.capabilities();
  return (await loadScopeImages(glance, projectId, { only: ['pending'], hidden })).incoming.pending;
}
