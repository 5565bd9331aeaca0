import { HttpError } from './errors';
import type { GlanceClient } from './glance';
import { MEMBER_STATUSES, type GlanceImage, type ImageListFilters, type MemberStatus } from './models';

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
}

export type ScopeListing = 'owned' | MemberStatus | 'community' | 'public';

export interface ScopeLoadOptions {
  readonly includeCommunity?: boolean;
  readonly includePublic?: boolean;
  /** Called with each page as it arrives, so a view can paint before the walk ends. */
  readonly onPage?: (listing: ScopeListing, images: readonly GlanceImage[]) => void;
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
}

/**
 * The listings, and why each one is needed:
 * - owned: `owner=<me>`. The default member_status does not filter one's own images, and own
 *   community images are included (docs/glance-behaviour.md#owner-listing).
 * - incoming by status: `visibility=shared&member_status=<s>`. Images do not carry the caller's
 *   member status, so each status is its own listing; Glance also returns this project's own shared
 *   images there (docs/glance-behaviour.md#own-in-member-status), which are dropped here.
 * - community / public of other projects: `visibility=community|public`, own ones dropped.
 * - with `hidden`, owned and each member status once more with `os_hidden=true`: a listing has
 *   either hidden images only or none, and the tree shows both.
 */
export function scopeListings(projectId: string, options: ScopeLoadOptions): Array<[ScopeListing, ImageListFilters]> {
  const tag = { ...options.filters, ...(options.tag ? { tag: options.tag } : {}) };
  const listings: Array<[ScopeListing, ImageListFilters]> = [['owned', { ...tag, owner: projectId }]];
  for (const status of MEMBER_STATUSES) {
    listings.push([status, { ...tag, visibility: 'shared', member_status: status }]);
  }
  if (options.includeCommunity) {
    listings.push(['community', { ...tag, visibility: 'community' }]);
  }
  if (options.includePublic) {
    listings.push(['public', { ...tag, visibility: 'public' }]);
  }
  if (options.hidden) {
    for (const [listing, filters] of [...listings]) {
      if (listing !== 'community' && listing !== 'public') listings.push([listing, { ...filters, os_hidden: true }]);
    }
  }
  const only = options.only;
  return only ? listings.filter(([listing]) => only.includes(listing)) : listings;
}

/**
 * How many times one listing is walked again after a stale marker before the error is shown.
 * Each walk costs its pages again; images deleted one after another during a long walk (a cleanup
 * script) can break a few walks in a row, but not many.
 */
export const STALE_MARKER_WALKS = 3;

/**
 * Load a scope's images with one paged walk per listing, walks running side by side (each
 * started once the one before it has its first page).
 * Requests: for each listing, floor(n / 1000) + 1, where n is what that listing returns (Glance
 * sends a `next` link after every full page, so a multiple of 1000 costs one empty page).
 * With O owned images, S of them shared, I_s incoming per status and nothing else asked for:
 * (floor(O/1000)+1) + Σ_s (floor((S+I_s)/1000)+1): 4 requests for anything under 1,000 images,
 * 8 with `hidden` (the hidden walks count their own images the same way).
 */
export async function loadScopeImages(glance: GlanceClient, projectId: string, options: ScopeLoadOptions = {}): Promise<LoadedScope> {
  let requests = 0;
  const walk = async ([listing, filters]: [ScopeListing, ImageListFilters], answered: () => void = () => undefined): Promise<[ScopeListing, GlanceImage[]]> => {
    const keepOwn = listing === 'owned';
    for (let attempt = 0; ; attempt++) {
      const found: GlanceImage[] = [];
      try {
        for await (const page of glance.listImagePages(filters)) {
          requests++;
          answered();
          const images = keepOwn ? page.images : page.images.filter((image) => image.owner !== projectId);
          found.push(...images);
          if (images.length > 0) {
            options.onPage?.(listing, images);
          }
        }
        return [listing, found];
      } catch (error) {
        // Glance pages by marker (the last image's ID): if that image is deleted between two
        // pages, the next page is a 400 "No image found". Walking again from the start gets a
        // consistent listing; callers of onPage see those images again (same IDs). The error
        // that remains after the last walk says what happened (explainHttpError), not "a filter".
        if (!isStaleMarker(error) || found.length === 0 || attempt >= STALE_MARKER_WALKS) throw error;
      }
    }
  };
  // A listing and its hidden walk report under one name: their images go together. The hidden
  // walks (usually one short page each) start when the visible ones are done: eight listings at
  // once against one Glance delayed the first painted page several times over. The visible walks
  // are staggered: each starts once the one before it has its first page, so the first group is
  // painted after about one page's round trip instead of four served side by side (bench note
  // 2026-12-02-tree-loads: 10,000 owned images, first page 690 ms staggered vs 1754 ms side by
  // side, and the whole load 15.0 s vs 20.1 s against one Glance worker).
  const results = new Map<ScopeListing, GlanceImage[]>();
  const listings = scopeListings(projectId, options);
  let previousAnswered: Promise<void> = Promise.resolve();
  const visible = await Promise.all(
    listings
      .filter(([, filters]) => !filters.os_hidden)
      .map(async (listing) => {
        const mayStart = previousAnswered;
        let answered: () => void = () => undefined;
        previousAnswered = new Promise<void>((resolve) => (answered = resolve));
        try {
          await mayStart;
          return await walk(listing, answered);
        } finally {
          answered(); // a walk that failed or returned nothing lets the next one start
        }
      }),
  );
  const hidden = await Promise.all(listings.filter(([, filters]) => filters.os_hidden).map((listing) => walk(listing)));
  for (const [listing, images] of [...visible, ...hidden]) {
    results.set(listing, [...(results.get(listing) ?? []), ...images]);
  }
  const get = (listing: ScopeListing): GlanceImage[] => results.get(listing) ?? [];
  return {
    projectId,
    owned: get('owned'),
    incoming: { pending: get('pending'), accepted: get('accepted'), rejected: get('rejected') },
    community: options.includeCommunity ? get('community') : undefined,
    public: options.includePublic ? get('public') : undefined,
    requests,
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
