import * as assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { HttpError, NetworkError, ResponseFormatError, TRANSPORT_CLOSED, Transport } from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

describe('transport: faults a real Glance will not produce on demand', () => {
  let server: LocalServer;
  let base: string;
  let transport: Transport;
  const { lines, logger } = memoryLogger();

  beforeEach(async () => {
    server = new LocalServer((_req, res) => sendJson(res, 200, {}));
    base = await server.start();
    transport = new Transport({ logger, timeoutMs: 500, retries: 2, retryBaseDelayMs: 5 });
  });
  afterEach(async () => {
    transport.dispose();
    await server.stop();
  });

  const get = () => transport.send({ service: 'glance', operation: 'listImages', method: 'GET', url: `${base}/v2/images` });

  it('asks for JSON on every request', async () => {
    await get();
    assert.equal(server.requests[0].headers.accept, 'application/json');
  });

  it('retries an idempotent GET after a 503, a bounded number of times', async () => {
    let calls = 0;
    server.setHandler((_req, res) => (++calls < 3 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, { images: [] })));
    const response = await get();
    assert.deepEqual(response.data, { images: [] });
    assert.equal(server.requests.length, 3);
    assert.equal(transport.requestCount.glance, 3);
  });

  it('gives up after the retries with a clear 503 error', async () => {
    server.setHandler((_req, res) => sendJson(res, 503, { message: 'Service Unavailable<br /><br />' }));
    await assert.rejects(get(), (error: unknown) => {
      assert.ok(error instanceof HttpError);
      assert.equal(error.status, 503);
      assert.match(error.explanation, /server error \(HTTP 503\)/);
      assert.match(error.message, /Glance answered 503 to GET \/v2\/images: Service Unavailable\)$/);
      return true;
    });
    assert.equal(server.requests.length, 3, '1 try + 2 retries');
  });

  it('never retries a POST (a member must not be added twice)', async () => {
    server.setHandler((_req, res) => sendJson(res, 503, { message: 'busy' }));
    await assert.rejects(
      transport.send({ service: 'glance', operation: 'addMember', method: 'POST', url: `${base}/v2/images/i/members`, body: { member: 'p' } }),
      HttpError,
    );
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].body, '{"member":"p"}');
  });

  it('retries a GET whose connection was reset, and explains it if it persists', async () => {
    server.setHandler((_req, _res, socket) => socket.destroy());
    await assert.rejects(get(), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.code, 'ECONNRESET');
      assert.match(error.explanation, /closed the connection before answering/);
      return true;
    });
    assert.equal(server.requests.length, 3);
  });

  it('a stalled response becomes a timeout error', async () => {
    server.setHandler(() => undefined);
    await assert.rejects(get(), (error: unknown) => error instanceof NetworkError && error.code === 'ETIMEDOUT' && /did not answer in time/.test(error.explanation));
  });

  it('truncated JSON is a format error, not a crash', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"images": [{"id": "a"');
    });
    await assert.rejects(get(), (error: unknown) => error instanceof ResponseFormatError && /incomplete or invalid JSON/.test(error.message));
  });

  it('an HTML page with status 200 is reported as such', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Please log in</body></html>');
    });
    await assert.rejects(get(), (error: unknown) => error instanceof ResponseFormatError && /HTML page instead of JSON/.test(error.message));
  });

  it('an HTML error page still yields the server\u2019s words', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>No image found with ID x<br /><br /></body></html>');
    });
    await assert.rejects(get(), (error: unknown) => error instanceof HttpError && error.serverMessage === 'No image found with ID x');
  });

  it('a refused connection names the service and the host', async () => {
    await server.stop();
    await assert.rejects(get(), (error: unknown) => error instanceof NetworkError && error.code === 'ECONNREFUSED' && error.explanation.includes(new URL(base).host));
  });

  it('logs method, path and status, never headers', async () => {
    lines.length = 0;
    await transport.send({ service: 'glance', operation: 'getImage', method: 'GET', url: `${base}/v2/images/x`, headers: { 'X-Auth-Token': 'tok-should-not-appear' } });
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^debug GET \/v2\/images\/x → 200 \(\d+ ms\)$/);
  });
});

describe('transport: dispose closes its sockets and fails what is in flight', () => {
  let server: LocalServer;
  let base: string;
  let transport: Transport;
  /** Sockets the server accepted, with a promise that settles when each closes. */
  let accepted: Array<{ socket: Socket; closed: Promise<void> }>;
  const { logger } = memoryLogger();

  beforeEach(async () => {
    accepted = [];
    server = new LocalServer((_req, res) => sendJson(res, 200, {}));
    base = await server.start();
    // A long timeout: a request that fails here fails because of dispose(), never of the clock.
    transport = new Transport({ logger, timeoutMs: 60_000, retries: 2, retryBaseDelayMs: 5 });
  });
  afterEach(async () => {
    transport.dispose();
    await server.stop();
  });

  const get = (on = transport) => on.send({ service: 'glance', operation: 'listImages', method: 'GET', url: `${base}/v2/images` });
  const track = (socket: Socket) => {
    if (!accepted.some((a) => a.socket === socket)) accepted.push({ socket, closed: new Promise((resolve) => socket.once('close', () => resolve())) });
  };
  const isClosed = (error: unknown) => error instanceof NetworkError && error.code === TRANSPORT_CLOSED && /connection was closed/.test(error.explanation);

  it('closes the kept-alive socket: the server sees it close', async () => {
    server.setHandler((_req, res, socket) => {
      track(socket);
      sendJson(res, 200, {});
    });
    await get();
    assert.equal(accepted.length, 1);
    assert.deepEqual(
      transport.openSockets().map((s) => s.localPort),
      [accepted[0].socket.remotePort],
      'kept alive after the answer',
    );
    transport.dispose();
    await accepted[0].closed;
    assert.deepEqual(transport.openSockets(), []);
    assert.equal(transport.isDisposed, true);
  });

  it('a request in flight fails with a clear error and is not retried', async () => {
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    server.setHandler((_req, _res, socket) => {
      track(socket);
      arrived(); // and never answers
    });
    const pending = get();
    await arrival;
    transport.dispose();
    await assert.rejects(pending, isClosed);
    await accepted[0].closed;
    assert.equal(server.requests.length, 1);
  });

  it('requests queued for a socket fail too, and no new socket is opened for them', async () => {
    server.setHandler((_req, _res, socket) => track(socket));
    const pending = Array.from({ length: 10 }, () => get());
    const settled = Promise.allSettled(pending);
    // maxSockets is 8: two wait in the agent's queue.
    while (server.requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 10));
    transport.dispose();
    const results = await settled;
    assert.ok(
      results.every((r) => r.status === 'rejected' && isClosed(r.reason)),
      JSON.stringify(results.map((r) => r.status)),
    );
    await Promise.all(accepted.map((a) => a.closed));
    assert.equal(server.requests.length, 8);
    assert.equal(accepted.length, 8);
  });

  it('after dispose nothing is sent, and disposing again is harmless', async () => {
    transport.dispose();
    transport.dispose();
    await assert.rejects(get(), isClosed);
    assert.equal(server.requests.length, 0);
  });

  it('a fork has sockets of its own: it keeps working after the original is disposed', async () => {
    const fork = transport.fork();
    try {
      await get();
      transport.dispose();
      assert.deepEqual(await get(fork).then((r) => r.status), 200);
      assert.equal(fork.openSockets().length, 1);
    } finally {
      fork.dispose();
    }
  });
});
