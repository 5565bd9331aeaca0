import { IMAGE_VISIBILITIES, MEMBER_STATUSES, type GlanceImage, type ImageVisibility, type MemberStatus } from '../openstack/models';
import { compareImages, type ImageGroups } from './grouping';

/**
 * One group's images kept sorted as pages arrive: a page is sorted on its own and merged in, so
 * a page of 1,000 costs its own sort and a galloping merge (`mergeSorted`), not a sort of
 * everything read so far (which at 50,000 images stalls the extension host for hundreds of
 * milliseconds per page). The
 * array handed out is never changed afterwards: the tree may still be drawing it.
 */
class SortedGroup {
  private list: readonly GlanceImage[] = [];
  private readonly byId = new Map<string, GlanceImage>();

  get images(): readonly GlanceImage[] {
    return this.list;
  }

  get size(): number {
    return this.byId.size;
  }

  add(page: readonly GlanceImage[]): void {
    // The last copy of an ID wins (a listing walked again after a stale marker sends its first images again).
    const fresh = new Map<string, GlanceImage>();
    for (const image of page) fresh.set(image.id, image);
    if (fresh.size === 0) return;
    const repeated = [...fresh.keys()].some((id) => this.byId.has(id));
    const kept = repeated ? this.list.filter((image) => !fresh.has(image.id)) : this.list;
    for (const [id, image] of fresh) this.byId.set(id, image);
    this.list = mergeSorted(kept, [...fresh.values()].sort(compareImages));
  }

  remove(ids: ReadonlySet<string>): void {
    if (![...ids].some((id) => this.byId.has(id))) return;
    ids.forEach((id) => this.byId.delete(id));
    this.list = this.list.filter((image) => !ids.has(image.id));
  }
}

/**
 * `a` and `b` (each sorted) as one sorted list, `a`'s image first where two sort alike: the linear
 * merge's result. Each image of `b` finds its place in `a` by galloping (1, 2, 4, … ahead, then a
 * binary search), so a page costs about |b| · 2 log2(|a| / |b|) comparisons instead of |a| + |b|:
 * comparing names with the collator is what costs, and at 50,000 images a linear merge compared
 * 50,000 times per page. Copying the array stays linear, and cheap.
 */
export function mergeSorted(a: readonly GlanceImage[], b: readonly GlanceImage[]): readonly GlanceImage[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: GlanceImage[] = new Array<GlanceImage>(a.length + b.length);
  let i = 0;
  let k = 0;
  for (const image of b) {
    const place = upperBound(a, i, image);
    while (i < place) out[k++] = a[i++];
    out[k++] = image;
  }
  while (i < a.length) out[k++] = a[i++];
  return out;
}

/** The first index from `from` on whose image sorts after `image` (a.length if none does). */
function upperBound(a: readonly GlanceImage[], from: number, image: GlanceImage): number {
  let bound = 1;
  while (from + bound - 1 < a.length && compareImages(a[from + bound - 1], image) <= 0) bound *= 2;
  // a[from + bound/2 - 1] sorts before or with `image`; a[from + bound - 1] after it, or is past the end.
  let low = from + (bound >> 1);
  let high = Math.min(from + bound - 1, a.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareImages(a[middle], image) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A scope's My images and Shared with me, built page by page as a load walks Glance's listings
 * (`loadScopeImages`' `onPage`): the same groups `groupScopeImages` makes from the finished load,
 * at a cost per page that does not grow with the scope.
 */
export class PagedGroups {
  private readonly owned = Object.fromEntries(IMAGE_VISIBILITIES.map((v) => [v, new SortedGroup()])) as Record<ImageVisibility, SortedGroup>;
  private readonly incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, new SortedGroup()])) as Record<MemberStatus, SortedGroup>;
  /** Which visibility group each owned image is in. */
  private readonly ownedPlace = new Map<string, ImageVisibility>();

  constructor(private readonly projectId: string) {}

  /** A page of one listing: `owned` (placed by visibility) or a member status. */
  add(listing: 'owned' | MemberStatus, page: readonly GlanceImage[]): void {
    if (listing !== 'owned') {
      this.incoming[listing].add(page);
      return;
    }
    const latest = [...new Map(page.map((image) => [image.id, image])).values()];
    for (const visibility of IMAGE_VISIBILITIES) {
      const here = latest.filter((image) => image.visibility === visibility);
      // An image read again with another visibility (changed between two walks) leaves its old group.
      for (const other of IMAGE_VISIBILITIES) {
        if (other === visibility) continue;
        const moved = new Set(here.filter((image) => this.ownedPlace.get(image.id) === other).map((image) => image.id));
        if (moved.size > 0) this.owned[other].remove(moved);
      }
      here.forEach((image) => this.ownedPlace.set(image.id, visibility));
      this.owned[visibility].add(here);
    }
  }

  /** How many distinct images each listing has sent so far. */
  counts(): { readonly owned: number } & Readonly<Record<MemberStatus, number>> {
    return {
      owned: this.ownedPlace.size,
      pending: this.incoming.pending.size,
      accepted: this.incoming.accepted.size,
      rejected: this.incoming.rejected.size,
    };
  }

  groups(): ImageGroups {
    const owned = Object.fromEntries(IMAGE_VISIBILITIES.map((v) => [v, this.owned[v].images])) as Record<ImageVisibility, readonly GlanceImage[]>;
    const incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, this.incoming[s].images])) as Record<MemberStatus, readonly GlanceImage[]>;
    return { projectId: this.projectId, owned, incoming, pendingCount: incoming.pending.length };
  }
}
