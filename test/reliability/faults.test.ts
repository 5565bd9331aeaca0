// What a real Glance will not do on demand, from a small local server: each fault must end in a
// clear message; reads are retried a bounded number of times; a member POST is never repeated.
import * as assert from 'node:assert/strict';
import { GlanceClient, HttpError, NetworkError, ResponseFormatError, Transport, type TransportRequest } from '../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../support/localServer';

describe('faults from a local server, through the Glance client', () => {
  let server: LocalServer;
  let glance: GlanceClient;
  let transport: Transport;

  beforeEach(async () => {
    server = new LocalServer((_req, res) => sendJson(res, 200, { images: [] }));
    const base = await server.start();
    transport = new Transport({ logger: memoryLogger().logger, timeoutMs: 800, retries: 2, retryBaseDelayMs: 20 });
    glance = new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base);
  });
  afterEach(async () => {
    transport.dispose();
    await server.stop();
  });

  const cases: Array<[string, Parameters<LocalServer['setHandler']>[0], (e: unknown) => boolean, number]> = [
    [
      '503 on every try',
      (_q, res) => sendJson(res, 503, { message: 'Service Unavailable' }),
      (e) => e instanceof HttpError && e.status === 503 && /server error/.test(e.explanation),
      3,
    ],
    [
      'connection reset',
      (_q, _r, socket) => socket.destroy(),
      (e) => e instanceof NetworkError && e.code === 'ECONNRESET' && /closed the connection/.test(e.explanation),
      3,
    ],
    [
      'truncated JSON',
      (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"images": [{"id": "a", "visibility": "pri');
      },
      (e) => e instanceof ResponseFormatError && /cannot read/.test(e.explanation),
      1,
    ],
    [
      'an HTML error page (a proxy in front of Glance)',
      (_q, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
      },
      (e) => e instanceof HttpError && e.status === 502 && e.serverMessage === 'nginx',
      3,
    ],
    [
      'a response that stalls past the timeout',
      () => undefined,
      (e) => e instanceof NetworkError && e.code === 'ETIMEDOUT' && /did not answer in time/.test(e.explanation),
      3,
    ],
  ];

  for (const [name, handler, check, attempts] of cases) {
    it(`${name}: a clear message after ${attempts} attempt(s)`, async () => {
      server.setHandler(handler);
      await assert.rejects(glance.listAllImages(), (e: unknown) => {
        assert.ok(check(e), `unexpected: ${String(e)}`);
        return true;
      });
      assert.equal(server.requests.length, attempts);
    });
  }

  it('a read that fails once then succeeds is retried transparently', async () => {
    let n = 0;
    server.setHandler((_q, res, socket) => (n++ === 0 ? socket.destroy() : sendJson(res, 200, { images: [{ id: 'a', visibility: 'private' }] })));
    assert.deepEqual(
      (await glance.listAllImages()).map((i) => i.id),
      ['a'],
    );
    assert.equal(server.requests.length, 2);
  });

  it('a member POST whose answer is lost is reported, not repeated (no silent duplicate)', async () => {
    server.setHandler((_q, _r, socket) => socket.destroy());
    await assert.rejects(glance.addMember('img', 'p'.repeat(32)), (e: unknown) => e instanceof NetworkError && e.code === 'ECONNRESET');
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, 1);
  });

  it('a member PUT or DELETE that meets a 503 is not repeated either', async () => {
    server.setHandler((_q, res) => sendJson(res, 503, {}));
    await assert.rejects(glance.updateMemberStatus('img', 'p', 'accepted'), HttpError);
    await assert.rejects(glance.removeMember('img', 'p'), HttpError);
    assert.equal(server.requests.length, 2);
  });
});
