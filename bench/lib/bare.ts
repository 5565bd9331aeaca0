// (b) The limit: plain fetch, a token obtained beforehand, the same listings with the same
// query strings the client sends (limit=1000 first, then the filters), walked side by side like
// the client walks them, following `next` and doing nothing else. No client code is imported.

export type Listing = 'owned' | 'pending' | 'accepted' | 'rejected';
export const LISTINGS: readonly Listing[] = ['owned', 'pending', 'accepted', 'rejected'];

/** Query of each listing, in the client's parameter order (glance.ts listImagePages + scopeLoader.ts). */
export function listingQuery(listing: Listing, projectId: string, tag: string | undefined): string {
  const params = new URLSearchParams({ limit: '1000' });
  if (listing === 'owned') {
    params.set('owner', projectId);
  } else {
    params.set('visibility', 'shared');
    params.set('member_status', listing);
  }
  if (tag) params.set('tag', tag);
  return params.toString();
}

export interface WalkResult {
  readonly requests: number;
  /** Images returned, all of them. */
  readonly images: number;
  /** Of those, owned by the scope's own project (in a member_status listing: waste). */
  readonly own: number;
  readonly bytes: number;
  readonly ms: number;
}

export interface BareScopeResult {
  readonly ms: number;
  readonly requests: number;
  /**
   * From the start to the first page with an image the client keeps (what it could paint): any
   * image of the owned listing, another project's image in a member_status listing.
   */
  readonly firstPageMs: number;
  /** CPU time (user + system) of this process during the walks. */
  readonly cpuMs: number;
  readonly listings: Record<Listing, WalkResult>;
}

async function getJson(url: string, token: string): Promise<{ body: { images: Array<{ owner?: string }>; next?: string }; bytes: number }> {
  const response = await fetch(url, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as { images: Array<{ owner?: string }>; next?: string }, bytes: Buffer.byteLength(text) };
}

export interface WalkHooks {
  /** After every response, with the number of images in it and how many of those the scope owns. */
  readonly onPage?: (images: number, own: number) => void;
}

export async function bareWalk(glanceUrl: string, token: string, query: string, projectId: string, hooks: WalkHooks = {}): Promise<WalkResult> {
  const started = performance.now();
  let url: string | undefined = `${glanceUrl}/v2/images?${query}`;
  let requests = 0;
  let images = 0;
  let own = 0;
  let bytes = 0;
  while (url) {
    const page = await getJson(url, token);
    requests++;
    bytes += page.bytes;
    images += page.body.images.length;
    let ownHere = 0;
    for (const image of page.body.images) if (image.owner === projectId) ownHere++;
    own += ownHere;
    hooks.onPage?.(page.body.images.length, ownHere);
    url = page.body.next && page.body.images.length > 0 ? `${glanceUrl}${page.body.next}` : undefined;
  }
  return { requests, images, own, bytes, ms: performance.now() - started };
}

/**
 * The scope's listings side by side, as the client walks them. With `staggered`, each walk starts
 * only when the previous one has its first response (owned, then pending, ...): a what-if for
 * first paint, not what the client does.
 */
export async function bareScope(
  glanceUrl: string,
  token: string,
  projectId: string,
  tag: string | undefined,
  only: readonly Listing[] = LISTINGS,
  staggered = false,
): Promise<BareScopeResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let firstPageMs = NaN;
  let gate: Promise<void> = Promise.resolve();
  const walks = only.map((listing) => {
    let opened: () => void = () => undefined;
    const previous = gate;
    gate = new Promise<void>((resolve) => (opened = resolve));
    const onPage = (images: number, own: number) => {
      opened();
      const kept = listing === 'owned' ? images : images - own;
      if (kept > 0 && Number.isNaN(firstPageMs)) firstPageMs = performance.now() - started;
    };
    const walk = async () => {
      if (staggered) await previous;
      try {
        return await bareWalk(glanceUrl, token, listingQuery(listing, projectId, tag), projectId, { onPage });
      } finally {
        opened();
      }
    };
    return walk();
  });
  const results = await Promise.all(walks);
  const ms = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  const empty: WalkResult = { requests: 0, images: 0, own: 0, bytes: 0, ms: 0 };
  const listings = Object.fromEntries(LISTINGS.map((l) => [l, results[only.indexOf(l)] ?? empty])) as Record<Listing, WalkResult>;
  return { ms, requests: results.reduce((s, w) => s + w.requests, 0), firstPageMs, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000, listings };
}

/** One page's round trip: the first page of one listing, alone. */
export async function bareOnePage(
  glanceUrl: string,
  token: string,
  listing: Listing,
  projectId: string,
  tag: string | undefined,
): Promise<{ ms: number; images: number }> {
  const started = performance.now();
  const page = await getJson(`${glanceUrl}/v2/images?${listingQuery(listing, projectId, tag)}`, token);
  return { ms: performance.now() - started, images: page.body.images.length };
}
