// The versions document and the gating it drives. A Glance older than the local stack's cannot be
// run here, so a local server serves an old document (the real one is in test/integration/hidden.test.ts).
import * as assert from 'node:assert/strict';
import { GlanceClient, Transport, capabilitiesOf, loadScopeImages, missingFeatureText, parseVersionsDocument, type TransportRequest } from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

const doc = (...ids: string[]) => ({ versions: ids.map((id, i) => ({ id, status: i === 0 ? 'CURRENT' : 'SUPPORTED', links: [] })) });

describe('image API versions', () => {
  it('takes the highest v2.x of the document, whatever its status', () => {
    assert.deepEqual(parseVersionsDocument(doc('v2.15', 'v2.13', 'v2.0', 'v1.1')), { id: 'v2.15', major: 2, minor: 15 });
    assert.deepEqual(
      parseVersionsDocument({
        versions: [
          { id: 'v2.3', status: 'SUPPORTED' },
          { id: 'v2.10', status: 'DEPRECATED' },
        ],
      })?.id,
      'v2.10',
    );
    assert.equal(parseVersionsDocument(doc('v1.1', 'v1.0')), undefined);
    assert.equal(parseVersionsDocument({ error: 'x' }), undefined);
    assert.equal(parseVersionsDocument('<html>'), undefined);
  });

  it('gates community and shared before 2.5, hidden before 2.7; nothing without a version', () => {
    const at = (minor: number) => capabilitiesOf({ id: `v2.${minor}`, major: 2, minor });
    assert.deepEqual([at(3).community, at(3).sharedVisibility, at(3).hidden], [false, false, false]);
    assert.deepEqual([at(5).community, at(5).sharedVisibility, at(5).hidden], [true, true, false]);
    assert.deepEqual([at(7).community, at(7).hidden], [true, true]);
    assert.deepEqual([capabilitiesOf(undefined).community, capabilitiesOf(undefined).hidden], [true, true]);
    assert.equal(missingFeatureText(at(3), 'community'), "This cloud's Glance, v2.3, has no community visibility (Image API 2.5 or later).");
  });

  describe('against a server with an old versions document', () => {
    let server: LocalServer;
    let base: string;
    let transport: Transport;
    let versions: unknown;
    let lines: string[];
    const client = () => {
      const log = memoryLogger();
      lines = log.lines;
      return new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base, log.logger);
    };

    before(async () => {
      server = new LocalServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname === '/versions') return versions === undefined ? sendJson(res, 404, { message: 'not here' }) : sendJson(res, 200, versions);
        if (url.searchParams.has('os_hidden') || url.searchParams.get('visibility') === 'community')
          return sendJson(res, 400, { message: 'an old Glance would refuse this' });
        sendJson(res, 200, { images: [{ id: 'mine', visibility: 'private', owner: 'me' }] });
      });
      base = await server.start();
      transport = new Transport({ logger: memoryLogger().logger });
    });
    after(async () => {
      transport.dispose();
      await server.stop();
    });

    it('reads the document once per client and walks no hidden listing before 2.7', async () => {
      versions = doc('v2.3', 'v2.2', 'v2.1', 'v2.0');
      server.requests.length = 0;
      const glance = client();
      const capabilities = await glance.capabilities();
      assert.equal(capabilities.version?.id, 'v2.3');
      assert.equal(glance.knownCapabilities, capabilities);
      const loaded = await loadScopeImages(glance, 'me', { hidden: (await glance.capabilities()).hidden });
      assert.deepEqual(
        loaded.owned.map((i) => i.id),
        ['mine'],
      );
      assert.equal(server.requests.filter((r) => r.url === '/versions').length, 1);
      assert.ok(!server.requests.some((r) => r.url.includes('os_hidden')), 'no os_hidden walk');
    });

    it('walks hidden listings from 2.7 on', async () => {
      versions = doc('v2.7');
      server.requests.length = 0;
      const glance = client();
      await assert.rejects(loadScopeImages(glance, 'me', { hidden: (await glance.capabilities()).hidden }), /old Glance would refuse/);
      assert.ok(server.requests.some((r) => r.url.includes('os_hidden=true')));
    });

    it('an endpoint without a readable document withholds nothing, and says so in the log', async () => {
      versions = undefined;
      const glance = client();
      const capabilities = await glance.capabilities();
      assert.equal(capabilities.version, undefined);
      assert.ok(capabilities.hidden && capabilities.community);
      assert.ok(
        lines.some((l) => /could not read its API versions/.test(l)),
        lines.join('\n'),
      );
    });
  });
});
