import * as assert from 'node:assert/strict';
import { GlanceClient, Transport, loadScopeImages, scopeListings, type TransportRequest } from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

describe('scope loader', () => {
  it('asks for owned, each member status, and others only when asked', () => {
    assert.deepEqual(scopeListings('me', {}).map(([l]) => l), ['owned', 'pending', 'accepted', 'rejected']);
    assert.deepEqual(scopeListings('me', { includeCommunity: true, only: ['community'] }), [['community', { visibility: 'community' }]]);
    assert.deepEqual(scopeListings('me', { tag: 't' })[1], ['pending', { visibility: 'shared', member_status: 'pending', tag: 't' }]);
  });

  it('walks a listing again once when the marker image was deleted between two pages', async () => {
    let ownedCalls = 0;
    const server = new LocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.get('owner') !== 'me') {
        sendJson(res, 200, { images: [] });
        return;
      }
      ownedCalls++;
      if (ownedCalls === 1) {
        sendJson(res, 200, { images: [{ id: 'a', visibility: 'private', owner: 'me' }], next: `/v2/images?${url.searchParams}&marker=a` });
      } else if (ownedCalls === 2) {
        sendJson(res, 400, { message: 'No image found with ID a<br /><br />' });
      } else {
        sendJson(res, 200, { images: [{ id: 'b', visibility: 'private', owner: 'me' }] });
      }
    });
    const base = await server.start();
    const transport = new Transport({ logger: memoryLogger().logger });
    try {
      const glance = new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base);
      const scope = await loadScopeImages(glance, 'me');
      assert.deepEqual(scope.owned.map((i) => i.id), ['b'], 'the second walk\u2019s result, not a mix');
      assert.equal(ownedCalls, 3);
    } finally {
      transport.dispose();
      await server.stop();
    }
  });
});
