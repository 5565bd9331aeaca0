import * as assert from 'node:assert/strict';
import { GlanceClient, ResponseFormatError, SecretRegistry, Transport, parseImage, parseMember, type TransportRequest } from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

/** Glance behind a path-prefixing proxy (as in devstack's /image): `next` links lack the prefix. */
describe('glance client: paging behind a path prefix', () => {
  let server: LocalServer;
  let base: string;
  let transport: Transport;
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const img = (id: string) => ({ id, name: id, visibility: 'private', status: 'active', owner: 'p' });

  before(async () => {
    server = new LocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (!url.pathname.startsWith('/image/v2/images')) {
        sendJson(res, 404, { message: 'wrong path' });
        return;
      }
      const limit = Number(url.searchParams.get('limit'));
      const marker = url.searchParams.get('marker');
      const start = marker ? ids.indexOf(marker) + 1 : 0;
      const page = ids.slice(start, start + limit);
      const next = page.length === limit ? `/v2/images?${url.searchParams.toString().replace(/&?marker=[^&]*/, '')}&marker=${page[page.length - 1]}` : undefined;
      sendJson(res, 200, { images: page.map(img), first: '/v2/images', schema: '/v2/schemas/images', ...(next ? { next } : {}) });
    });
    base = await server.start();
    transport = new Transport({ logger: memoryLogger().logger });
  });
  after(async () => {
    transport.dispose();
    await server.stop();
  });

  const requester = { request: (r: TransportRequest) => transport.send(r) };

  it('follows next links under our own endpoint, keeping the filters', async () => {
    server.requests.length = 0;
    const glance = new GlanceClient(requester, `${base}/image`);
    const all = await glance.listAllImages({ limit: 2, visibility: 'private' });
    assert.deepEqual(
      all.map((i) => i.id),
      ids,
    );
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/image/v2/images?limit=2&visibility=private', '/image/v2/images?limit=2&visibility=private&marker=b', '/image/v2/images?limit=2&visibility=private&marker=d'],
    );
  });

  it('stops fetching when the caller stops iterating', async () => {
    server.requests.length = 0;
    const glance = new GlanceClient(requester, `${base}/image`);
    for await (const image of glance.listImages({ limit: 2 })) {
      if (image.id === 'a') break;
    }
    assert.equal(server.requests.length, 1);
  });

  it('asks for 1,000 per page unless told otherwise', async () => {
    server.requests.length = 0;
    await new GlanceClient(requester, `${base}/image`).listAllImages({ owner: 'p' });
    assert.equal(server.requests[0].url, '/image/v2/images?limit=1000&owner=p');
  });
});

describe('glance client: parsing', () => {
  it('rejects an image without id; keeps an unknown visibility as "other" with the raw value', () => {
    assert.throws(() => parseImage({ name: 'x', visibility: 'private' }), ResponseFormatError);
    const odd = parseImage({ id: 'x', visibility: 'secret', status: 'frozen' });
    assert.equal(odd.visibility, 'other');
    assert.equal(odd.rawVisibility, 'secret');
    assert.equal(odd.status, 'frozen');
    assert.equal(parseImage({ id: 'y', visibility: 'shared' }).rawVisibility, undefined);
    assert.equal(parseImage({ id: 'z', visibility: 'shared', os_hidden: true }).os_hidden, true);
  });

  it('keeps a member with an unknown status as "other" with the raw value', () => {
    const member = parseMember({ member_id: 'p', image_id: 'i', status: 'revoked' });
    assert.equal(member.status, 'other');
    assert.equal(member.rawStatus, 'revoked');
    assert.throws(() => parseMember({ image_id: 'i', status: 'pending' }), ResponseFormatError);
  });

  it('keeps untrusted names as they are (markup is text, not HTML)', () => {
    const image = parseImage({ id: 'x', visibility: 'shared', name: '<img src=x onerror=alert(1)>' });
    assert.equal(image.name, '<img src=x onerror=alert(1)>');
    assert.equal(image.size, null);
    assert.deepEqual(image.tags, []);
  });

  it('SecretRegistry is reusable across clouds', () => {
    const secrets = new SecretRegistry();
    secrets.add('one-secret');
    secrets.add('two-secret');
    assert.equal(secrets.redact('one-secret two-secret'), '*** ***');
  });
});
