import { HttpError } from './errors';
import type { GlanceClient } from './glance';
import { MEMBER_STATUSES, type GlanceImage, type ImageListFilters, type MemberStatus } from './models';

/** What one project scope's tree needs, straight from Glance. */
export interface ScopeImages {
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
  /** Load only these listings (e.g. community when its group is expanded); default: all that apply. */
  readonly only?: readonly ScopeListing[];
}

/**
 * The listings, and why each one is needed:
 * - owned: `owner=<me>`. The default member_status does not filter one's own images, and own
 *   community images are included (glance-api.md rows 52, 47).
 * - incoming by status: `visibility=shared&member_status=<s>`. Images do not carry the caller's
 *   member status, so each status is its own listing; Glance also returns this project's own shared
 *   images there (row 47), which are dropped here.
 * - community / public of other projects: `visibility=community|public`, own ones dropped.
 */
export function scopeListings(projectId: string, options: ScopeLoadOptions): Array<[ScopeListing, ImageListFilters]> {
  const tag = options.tag ? { tag: options.tag } : {};
  const listings: Array<[ScopeListing, ImageListFilters]> = [['owned', { owner: projectId, ...tag }]];
  for (const status of MEMBER_STATUSES) {
    listings.push([status, { visibility: 'shared', member_status: status, ...tag }]);
  }
  if (options.includeCommunity) {
    listings.push(['community', { visibility: 'community', ...tag }]);
  }
  if (options.includePublic) {
    listings.push(['public', { visibility: 'public', ...tag }]);
  }
  const only = options.only;
  return only ? listings.filter(([listing]) => only.includes(listing)) : listings;
}

/**
 * Load a scope's images with one paged walk per listing, walks running side by side.
 * Requests: for each listing, floor(n / 1000) + 1, where n is what that listing returns (Glance
 * sends a `next` link after every full page, so a multiple of 1000 costs one empty page).
 * With O owned images, S of them shared, I_s incoming per status and nothing else asked for:
 * (floor(O/1000)+1) + Σ_s (floor((S+I_s)/1000)+1): 4 requests for anything under 1,000 images.
 */
export async function loadScopeImages(glance: GlanceClient, projectId: string, options: ScopeLoadOptions = {}): Promise<ScopeImages> {
  let requests = 0;
  const walk = async ([listing, filters]: [ScopeListing, ImageListFilters]): Promise<[ScopeListing, GlanceImage[]]> => {
    const keepOwn = listing === 'owned';
    for (let attempt = 0; ; attempt++) {
      const found: GlanceImage[] = [];
      try {
        for await (const page of glance.listImagePages(filters)) {
          requests++;
          const images = keepOwn ? page.images : page.images.filter((image) => image.owner !== projectId);
          found.push(...images);
          if (images.length > 0) {
            options.onPage?.(listing, images);
          }
        }
        return [listing, found];
      } catch (error) {
        // Glance pages by marker (the last image's ID): if that image is deleted between two
        // pages, the next page is a 400 "No image found". Walking again from the start once
        // gets a consistent listing; callers of onPage see those images again (same IDs).
        const staleMarker = error instanceof HttpError && error.status === 400 && found.length > 0 && /no image found/i.test(error.serverMessage);
        if (!staleMarker || attempt > 0) throw error;
      }
    }
  };
  const results = new Map(await Promise.all(scopeListings(projectId, options).map(walk)));
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
