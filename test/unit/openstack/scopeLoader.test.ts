import * as assert from 'node:assert/strict';
import {
  GlanceClient,
  HttpError,
  STALE_MARKER_WALKS,
  Transport,
  loadPendingShares,
  loadScopeImages,
  scopeListings,
  type GlanceImage,
  type TransportRequest,
} from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

type Listed = Pick<GlanceImage, 'id' | 'visibility' | 'owner'>;

/**
 * A Glance whose `walked` listing deletes its marker image between two pages: the first walk gets
 * `first` and a next link, then a 400 "No image found"; the walk from the start gets `after`.
 * Every other listing is empty. Runs `test` with a client on it, then stops it.
 */
async function withStaleMarker(
  walked: (url: URL) => boolean,
  first: Listed,
  after: Listed[],
  test: (glance: GlanceClient, calls: () => number, asked: readonly string[]) => Promise<void>,
): Promise<void> {
  let calls = 0;
  const asked: string[] = [];
  const server = new LocalServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    // An Image API before hidden images (2.7): the walks here are the plain ones.
    if (url.pathname === '/versions') return sendJson(res, 200, { versions: [{ id: 'v2.6', status: 'CURRENT' }] });
    asked.push(`${url.searchParams.get('visibility') ?? 'owner'}/${url.searchParams.get('member_status') ?? '-'}`);
    if (!walked(url)) return sendJson(res, 200, { images: [] });
    calls++;
    if (calls === 1) sendJson(res, 200, { images: [first], next: `/v2/images?${url.searchParams}&marker=${first.id}` });
    else if (calls === 2) sendJson(res, 400, { message: `No image found with ID ${first.id}<br /><br />` });
    else sendJson(res, 200, { images: after });
  });
  const base = await server.start();
  const transport = new Transport({ logger: memoryLogger().logger });
  try {
    await test(new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base), () => calls, asked);
  } finally {
    transport.dispose();
    await server.stop();
  }
}

/** A client on a local Glance that answers with `handler`; stopped after `test`. */
async function withGlance(handler: ConstructorParameters<typeof LocalServer>[0], test: (glance: GlanceClient) => Promise<void>): Promise<void> {
  const server = new LocalServer(handler);
  const base = await server.start();
  const transport = new Transport({ logger: memoryLogger().logger });
  try {
    await test(new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base));
  } finally {
    transport.dispose();
    await server.stop();
  }
}

describe('scope loader', () => {
  it('asks for owned and pending in one listing, then each answered status, and others only when asked', () => {
    assert.deepEqual(
      scopeListings('me', {}).map(([l]) => l),
      ['ownedAndPending', 'accepted', 'rejected'],
    );
    assert.deepEqual(scopeListings('me', { tag: 't' })[0], ['ownedAndPending', { member_status: 'pending', tag: 't' }]);
    assert.deepEqual(scopeListings('me', { includeCommunity: true, only: ['community'] }), [['community', { visibility: 'community' }]]);
    // An Image API before 2.5 has no `shared` visibility: owned and pending are walked apart.
    assert.deepEqual(scopeListings('me', { sharedVisibility: false, tag: 't' }).slice(0, 2), [
      ['owned', { owner: 'me', tag: 't' }],
      ['pending', { visibility: 'shared', member_status: 'pending', tag: 't' }],
    ]);
    // The periodic check asks for pending alone: the shared listing, not every own image.
    assert.deepEqual(scopeListings('me', { only: ['pending'] }), [['pending', { visibility: 'shared', member_status: 'pending' }]]);
    assert.deepEqual(scopeListings('me', { hidden: true, only: ['owned', 'pending'] }), [
      ['ownedAndPending', { member_status: 'pending' }],
      ['ownedAndPending', { member_status: 'pending', os_hidden: true }],
    ]);
  });

  it('places the owned-and-pending listing: own images of every visibility, others’ shared as pending, others’ public left to their group', async () => {
    await withGlance(
      (req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.searchParams.get('member_status') !== 'pending' || url.searchParams.has('visibility')) return sendJson(res, 200, { images: [] });
        sendJson(res, 200, {
          images: [
            { id: 'p', visibility: 'private', owner: 'me' },
            { id: 's', visibility: 'shared', owner: 'me' },
            { id: 'c', visibility: 'community', owner: 'me' },
            { id: 'u', visibility: 'public', owner: 'me' },
            { id: 'theirs', visibility: 'shared', owner: 'them' },
            { id: 'their-public', visibility: 'public', owner: 'them' },
          ],
        });
      },
      async (glance) => {
        const pages: string[] = [];
        const scope = await loadScopeImages(glance, 'me', { onPage: (listing, images) => pages.push(`${listing}: ${images.map((i) => i.id).join(' ')}`) });
        assert.deepEqual(scope.owned.map((i) => i.id).sort(), ['c', 'p', 's', 'u']);
        assert.deepEqual(
          scope.incoming.pending.map((i) => i.id),
          ['theirs'],
        );
        assert.deepEqual(pages, ['owned: p s c u', 'pending: theirs']);
        assert.equal(scope.listedAsAdmin, false);
        assert.equal(scope.firstGroupsRequests, 1, 'My images and Pending from one request');
        assert.equal(scope.requests, 3, 'then accepted and rejected, one each');
      },
    );
  });

  it('an admin token (another project’s private image in the owned-and-pending listing): owned from owner=<me>, nothing incoming', async () => {
    const asked: string[] = [];
    await withGlance(
      (req, res) => {
        const url = new URL(req.url, 'http://x');
        asked.push(url.searchParams.toString());
        if (url.searchParams.get('owner') === 'me') return sendJson(res, 200, { images: [{ id: 'mine', visibility: 'private', owner: 'me' }] });
        sendJson(res, 200, {
          images: [
            { id: 'mine', visibility: 'private', owner: 'me' },
            { id: 'someone-elses', visibility: 'private', owner: 'them' },
          ],
        });
      },
      async (glance) => {
        const scope = await loadScopeImages(glance, 'me');
        assert.equal(scope.listedAsAdmin, true);
        assert.deepEqual(
          scope.owned.map((i) => i.id),
          ['mine'],
        );
        assert.deepEqual([scope.incoming.pending, scope.incoming.accepted, scope.incoming.rejected], [[], [], []]);
        assert.deepEqual(asked, ['limit=1000&member_status=pending', 'limit=1000&owner=me'], 'no answered listing: an admin sees every project’s there');
        assert.equal(scope.requests, 2);
      },
    );
  });

  it('walks a listing again once when the marker image was deleted between two pages', async () => {
    const owned = (url: URL) => url.searchParams.get('member_status') === 'pending' && !url.searchParams.has('visibility');
    await withStaleMarker(owned, { id: 'a', visibility: 'private', owner: 'me' }, [{ id: 'b', visibility: 'private', owner: 'me' }], async (glance, calls) => {
      const scope = await loadScopeImages(glance, 'me');
      assert.deepEqual(
        scope.owned.map((i) => i.id),
        ['b'],
        'the second walk\u2019s result, not a mix',
      );
      assert.equal(calls(), 3);
    });
  });

  it('the periodic check\u2019s pending listing is the scope load\u2019s: one listing, own images dropped, stale marker walked again', async () => {
    const pendingListing = (url: URL) => url.searchParams.get('member_status') === 'pending';
    const after: Listed[] = [
      { id: 'mine', visibility: 'shared', owner: 'me' },
      { id: 'new', visibility: 'shared', owner: 'them' },
    ];
    await withStaleMarker(pendingListing, { id: 'gone', visibility: 'shared', owner: 'them' }, after, async (glance, calls, asked) => {
      const pending = await loadPendingShares(glance, 'me');
      assert.deepEqual(
        pending.map((i) => i.id),
        ['new'],
        'this project\u2019s own shared image is not a share waiting for it',
      );
      assert.deepEqual([...new Set(asked)], ['shared/pending'], 'only the pending listing');
      assert.equal(calls(), 3, 'walked again once after the stale marker');
    });
  });

  it('the periodic check lists hidden pending shares too where the endpoint has Image API 2.7, and only there', async () => {
    for (const [version, expected] of [
      ['v2.7', ['plain', 'secret']],
      ['v2.6', ['plain']],
    ] as const) {
      const asked: string[] = [];
      // The versions document as Glance's /versions sends it, with the version under test.
      const server = new LocalServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname === '/versions')
          return sendJson(res, 200, {
            versions: [
              { id: version, status: 'CURRENT' },
              { id: 'v2.1', status: 'SUPPORTED' },
            ],
          });
        asked.push(url.search);
        const hidden = url.searchParams.get('os_hidden') === 'true';
        sendJson(res, 200, { images: [{ id: hidden ? 'secret' : 'plain', visibility: 'shared', owner: 'them', os_hidden: hidden }] });
      });
      const base = await server.start();
      const transport = new Transport({ logger: memoryLogger().logger });
      try {
        const glance = new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base);
        const pending = await loadPendingShares(glance, 'me');
        assert.deepEqual(pending.map((i) => i.id).sort(), expected, version);
        assert.equal(asked.length, expected.length, `${version}: one pending listing, plus its hidden walk where there are hidden images`);
        assert.ok(asked.every((q) => q.includes('member_status=pending')));
        await loadPendingShares(glance, 'me');
        assert.equal(server.requests.filter((r) => r.url === '/versions').length, 1, 'the versions document is read once per client');
      } finally {
        transport.dispose();
        await server.stop();
      }
    }
  });

  it('walks again a bounded number of times when markers keep going stale, then names the cause (not a filter)', async () => {
    // Every walk: one page with a next link, then the marker is gone (a cleanup deleting image
    // after image while the tree loads).
    let calls = 0;
    const server = new LocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.has('visibility')) return sendJson(res, 200, { images: [] });
      calls++;
      if (!url.searchParams.has('marker'))
        return sendJson(res, 200, { images: [{ id: `i${calls}`, visibility: 'private', owner: 'me' }], next: `/v2/images?${url.searchParams}&marker=i${calls}` });
      sendJson(res, 400, { message: `No image found with ID ${url.searchParams.get('marker')}<br /><br />` });
    });
    const base = await server.start();
    const transport = new Transport({ logger: memoryLogger().logger });
    try {
      const glance = new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base);
      const error: unknown = await loadScopeImages(glance, 'me').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof HttpError, 'the last walk’s error');
      assert.equal(calls, 2 * (STALE_MARKER_WALKS + 1), 'the first walk and STALE_MARKER_WALKS more, two requests each');
      assert.doesNotMatch(error.explanation, /filter/i);
      assert.match(error.explanation, /deleted while this list was being read/);
    } finally {
      transport.dispose();
      await server.stop();
    }
  });
  it('with firstPageSize, the first walk asks a short first page and full pages after it; the answered listings full pages', async () => {
    // A Glance that pages like the real one: `limit` and `marker` honoured, a next link after a full
    // page repeating the query it answered (limit included) with the last image as marker.
    const listing = (url: URL): Listed[] => {
      if (!url.searchParams.has('visibility'))
        return Array.from({ length: 250 }, (_, i) => ({ id: `own-${String(i).padStart(4, '0')}`, visibility: 'private' as const, owner: 'me' }));
      if (url.searchParams.get('member_status') === 'accepted')
        return Array.from({ length: 1500 }, (_, i) => ({ id: `acc-${String(i).padStart(4, '0')}`, visibility: 'shared' as const, owner: 'them' }));
      return [];
    };
    const asked: string[] = [];
    await withGlance(
      (req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname === '/versions') return sendJson(res, 200, { versions: [{ id: 'v2.6', status: 'CURRENT' }] });
        asked.push(url.search.slice(1));
        const all = listing(url);
        const limit = Number(url.searchParams.get('limit'));
        const marker = url.searchParams.get('marker');
        const start = marker ? all.findIndex((i) => i.id === marker) + 1 : 0;
        const images = all.slice(start, start + limit);
        const next = new URLSearchParams(url.searchParams);
        next.set('marker', images.at(-1)?.id ?? '');
        sendJson(res, 200, images.length === limit ? { images, next: `/v2/images?${next}` } : { images });
      },
      async (glance) => {
        const scope = await loadScopeImages(glance, 'me', { firstPageSize: 100, tag: 't' });
        assert.equal(scope.owned.length, 250);
        assert.equal(scope.incoming.accepted.length, 1500);
        assert.deepEqual(asked.slice(0, 2), ['limit=100&tag=t&member_status=pending', 'limit=1000&tag=t&member_status=pending&marker=own-0099']);
        // Accepted and rejected are staggered, not ordered: which of their requests comes first varies.
        assert.deepEqual(asked.slice(2).sort(), [
          'limit=1000&tag=t&visibility=shared&member_status=accepted',
          'limit=1000&tag=t&visibility=shared&member_status=accepted&marker=acc-0999',
          'limit=1000&tag=t&visibility=shared&member_status=rejected',
        ]);
        assert.equal(scope.requests, 5);
        assert.equal(scope.firstGroupsRequests, 2, 'floor((250 - 100) / 1000) + 2');
      },
    );
  });

  it('starts each listing once the one before it has its first page and the answered ones once My images and Pending are complete', async () => {
    const name = (url: URL) => (url.searchParams.has('visibility') ? (url.searchParams.get('member_status') ?? '?') : 'owned+pending');
    const server = new LocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const images =
        name(url) === 'owned+pending'
          ? [
              { id: 'owned-1', visibility: 'shared', owner: 'me' },
              { id: 'pending-1', visibility: 'shared', owner: 'them' },
            ]
          : [{ id: `${name(url)}-1`, visibility: 'shared', owner: 'them' }];
      sendJson(res, 200, { images });
    });
    const base = await server.start();
    const transport = new Transport({ logger: memoryLogger().logger });
    // What the client sends and receives, in order: "ask owned", "got owned", ...
    const events: string[] = [];
    try {
      const glance = new GlanceClient(
        {
          request: async (r: TransportRequest) => {
            events.push(`ask ${name(new URL(r.url))}`);
            const response = await transport.send(r);
            events.push(`got ${name(new URL(r.url))}`);
            return response;
          },
        },
        base,
      );
      const scope = await loadScopeImages(glance, 'me', { onFirstGroups: () => events.push('first groups complete') });
      assert.deepEqual(events, ['ask owned+pending', 'got owned+pending', 'first groups complete', 'ask accepted', 'got accepted', 'ask rejected', 'got rejected']);
      assert.deepEqual(
        [scope.owned, scope.incoming.pending, scope.incoming.accepted, scope.incoming.rejected].map((l) => l.map((i) => i.id)),
        [['owned-1'], ['pending-1'], ['accepted-1'], ['rejected-1']],
      );
    } finally {
      transport.dispose();
      await server.stop();
    }
  });
});
