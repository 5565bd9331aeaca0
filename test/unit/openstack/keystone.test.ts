import * as assert from 'node:assert/strict';
import {
  ConfigError,
  GlanceClient,
  KeystoneSession,
  SecretRegistry,
  Transport,
  UnsupportedError,
  buildAuthRequest,
  identityBase,
  type CloudConfig,
} from '../../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

describe('keystone: request bodies', () => {
  it('password with names and domains, project by name', () => {
    const body = buildAuthRequest(
      { type: 'password', authUrl: 'x', username: 'alice', userDomain: { name: 'Default' }, password: 'p' },
      { name: 'producer', domain: { id: 'default' } },
    );
    assert.deepEqual(body, {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'alice', domain: { name: 'Default' }, password: 'p' } } },
        scope: { project: { name: 'producer', domain: { id: 'default' } } },
      },
    });
  });

  it('password by user ID, project by ID; unscoped when there is no project', () => {
    const scoped = buildAuthRequest({ type: 'password', authUrl: 'x', userId: 'u1', password: 'p' }, { id: 'p1' });
    assert.deepEqual(scoped, { auth: { identity: { methods: ['password'], password: { user: { id: 'u1', password: 'p' } } }, scope: { project: { id: 'p1' } } } });
    const unscoped = buildAuthRequest({ type: 'password', authUrl: 'x', userId: 'u1', password: 'p' }, undefined);
    assert.equal((unscoped.auth as Record<string, unknown>).scope, undefined);
  });

  it('application credential never asks for a scope (Keystone answers 401 to that)', () => {
    const body = buildAuthRequest({ type: 'applicationCredential', authUrl: 'x', id: 'ac', secret: 's' }, { id: 'p1' });
    assert.deepEqual(body, { auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac', secret: 's' } } } });
    const byName = buildAuthRequest({ type: 'applicationCredential', authUrl: 'x', name: 'n', username: 'alice', userDomain: { id: 'default' }, secret: 's' }, undefined);
    assert.deepEqual((byName.auth as { identity: { application_credential: unknown } }).identity.application_credential, {
      name: 'n',
      secret: 's',
      user: { name: 'alice', domain: { id: 'default' } },
    });
  });

  it('token method', () => {
    assert.deepEqual(buildAuthRequest({ type: 'token', authUrl: 'x', token: 't' }, { id: 'p' }), {
      auth: { identity: { methods: ['token'], token: { id: 't' } }, scope: { project: { id: 'p' } } },
    });
  });

  it('the identity URL ends in /v3 however it was written', () => {
    assert.equal(identityBase('http://k:5000'), 'http://k:5000/v3');
    assert.equal(identityBase('http://k:5000/v3/'), 'http://k:5000/v3');
    assert.equal(identityBase('https://cloud/identity'), 'https://cloud/identity/v3');
  });
});

/** A catalog with two regions and three interfaces, which the local stack does not have. */
function fakeKeystone(server: LocalServer, base: () => string, options: { lifetimeSeconds?: number } = {}): { issued: number } {
  const state = { issued: 0 };
  server.setHandler((req, res) => {
    if (req.method === 'POST' && req.url === '/v3/auth/tokens') {
      state.issued++;
      const now = Date.now();
      const expires = new Date(now + (options.lifetimeSeconds ?? 3600) * 1000).toISOString();
      sendJson(
        res,
        201,
        {
          token: {
            user: { id: 'u1', name: 'alice', domain: { id: 'default', name: 'Default' } },
            project: { id: 'p1', name: 'producer', domain: { id: 'default', name: 'Default' } },
            roles: [{ id: 'r', name: 'member' }],
            issued_at: new Date(now).toISOString(),
            expires_at: expires,
            catalog: [
              {
                type: 'image',
                name: 'glance',
                endpoints: [
                  { interface: 'public', region_id: 'R1', url: `${base()}/r1-public/` },
                  { interface: 'internal', region_id: 'R1', url: `${base()}/r1-internal` },
                  { interface: 'public', region_id: 'R2', url: `${base()}/r2-public/v2` },
                ],
              },
            ],
          },
        },
        { 'X-Subject-Token': `tok-${state.issued}` },
      );
      return;
    }
    if (req.url.startsWith('/r1-public/v2/images')) {
      if (req.headers['x-auth-token'] === 'tok-1') {
        sendJson(res, 401, { error: { message: 'expired' } });
      } else {
        sendJson(res, 200, { images: [] });
      }
      return;
    }
    sendJson(res, 404, { message: 'nope' });
  });
  return state;
}

describe('keystone: session against a local server', () => {
  let server: LocalServer;
  let base = '';
  let transport: Transport;
  const { lines, logger } = memoryLogger();
  const cloud = (extra: Partial<CloudConfig> = {}): CloudConfig => ({
    name: 'fake',
    source: { kind: 'user' },
    auth: {
      type: 'password',
      authUrl: `${base}/v3`,
      username: 'alice',
      userDomain: { id: 'default' },
      password: 'secret-pw',
      project: { name: 'producer', domain: { id: 'default' } },
    },
    regions: [],
    interface: 'public',
    verify: true,
    ...extra,
  });

  beforeEach(async () => {
    server = new LocalServer(() => undefined);
    base = await server.start();
    transport = new Transport({ logger, retries: 0 });
  });
  afterEach(async () => {
    transport.dispose();
    await server.stop();
  });

  it('picks the image endpoint by interface and region, without a version suffix', async () => {
    fakeKeystone(server, () => base);
    const deps = { transport, logger, knownSecrets: new SecretRegistry() };
    assert.equal((await KeystoneSession.open(cloud({ regionName: 'R1' }), deps)).imageEndpoint(), `${base}/r1-public`);
    assert.equal((await KeystoneSession.open(cloud({ regionName: 'R1', interface: 'internal' }), deps)).imageEndpoint(), `${base}/r1-internal`);
    assert.equal((await KeystoneSession.open(cloud({ regionName: 'R2' }), deps)).imageEndpoint(), `${base}/r2-public`);
    assert.equal((await KeystoneSession.open(cloud({ imageEndpointOverride: 'http://override:9292' }), deps)).imageEndpoint(), 'http://override:9292');
  });

  it('says what to change when the catalog has no matching endpoint', async () => {
    fakeKeystone(server, () => base);
    const deps = { transport, logger, knownSecrets: new SecretRegistry() };
    const elsewhere = await KeystoneSession.open(cloud({ regionName: 'R9' }), deps);
    assert.deepEqual(elsewhere.imageRegions(), ['R1', 'R2']);
    assert.throws(
      () => elsewhere.imageEndpoint(),
      (e: unknown) => e instanceof ConfigError && /^Region "R9" of cloud "fake" has no image service in the catalog \(its image regions: R1, R2\)/.test(e.message),
    );
    const noInterface = await KeystoneSession.open(cloud({ regionName: 'R2', interface: 'internal' }), deps);
    assert.throws(
      () => noInterface.imageEndpoint(),
      (e: unknown) =>
        e instanceof ConfigError && /no image endpoint for interface "internal" in region "R2" \(it has: public@R1, internal@R1, public@R2\)/.test(e.message),
    );
  });

  it('warns when several regions match and none is configured', async () => {
    fakeKeystone(server, () => base);
    lines.length = 0;
    (await KeystoneSession.open(cloud(), { transport, logger, knownSecrets: new SecretRegistry() })).imageEndpoint();
    assert.ok(lines.some((l) => /several regions and no region_name/.test(l)));
  });

  it('on a 401 signs in once more and retries once; concurrent requests share one sign-in', async () => {
    const state = fakeKeystone(server, () => base);
    const session = await KeystoneSession.open(cloud({ regionName: 'R1' }), { transport, logger, knownSecrets: new SecretRegistry() });
    const glance = new GlanceClient(session, session.imageEndpoint());
    const results = await Promise.all([glance.listAllImages(), glance.listAllImages(), glance.listAllImages()]);
    assert.deepEqual(results, [[], [], []]);
    assert.equal(state.issued, 2, 'the first token, then exactly one renewal');
  });

  it('renews a token shortly before it expires, without waiting for a 401', async () => {
    const state = fakeKeystone(server, () => base, { lifetimeSeconds: 100 });
    let clock = 1_000_000;
    const session = await KeystoneSession.open(cloud({ regionName: 'R1' }), { transport, logger, knownSecrets: new SecretRegistry(), now: () => clock });
    clock += 95_000; // inside the last 10% of the lifetime
    await session.listProjects().catch(() => undefined);
    assert.equal(state.issued, 2);
  });

  it('an application credential cannot be rescoped to another project', async () => {
    fakeKeystone(server, () => base);
    const session = await KeystoneSession.open(cloud({ auth: { type: 'applicationCredential', authUrl: `${base}/v3`, id: 'ac', secret: 's' } }), {
      transport,
      logger,
      knownSecrets: new SecretRegistry(),
    });
    assert.equal(await session.rescope('p1'), session);
    await assert.rejects(session.rescope('p2'), UnsupportedError);
  });

  it('refuses to sign in without a password, naming the cloud', async () => {
    const c = cloud();
    const noPassword: CloudConfig = { ...c, auth: { ...c.auth, password: undefined } as CloudConfig['auth'] };
    await assert.rejects(KeystoneSession.open(noPassword, { transport, logger, knownSecrets: new SecretRegistry() }), /Cloud "fake" has no password/);
    assert.equal(server.requests.length, 0);
  });

  it('keeps the password and tokens out of the log', async () => {
    fakeKeystone(server, () => base);
    lines.length = 0;
    const session = await KeystoneSession.open(cloud({ regionName: 'R1' }), { transport, logger, knownSecrets: new SecretRegistry() });
    await new GlanceClient(session, session.imageEndpoint()).listAllImages();
    const all = lines.join('\n');
    assert.ok(all.length > 0);
    assert.doesNotMatch(all, /secret-pw|tok-1|tok-2/);
  });
});
