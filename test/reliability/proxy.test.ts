// Keystone and Glance behind TLS fronts with a self-signed CA on 127.0.0.2, reached through a real
// proxy (Debian's tinyproxy on 127.0.0.1): sign in, list and share through CONNECT tunnels, with
// the cloud's own cacert / verify applied inside the tunnel; the proxy from HTTPS_PROXY or from
// VS Code's http.proxy; NO_PROXY and http.noProxy respected; a proxy that wants authentication,
// one that refuses CONNECT, and one that is not there, each named in the error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { connect, NetworkError, PROXY_AUTH_REQUIRED, PROXY_TUNNEL_REFUSED, type CloudConfig, type ConnectOptions, type ProxyConfig } from '../../src/openstack';
import { memoryLogger } from '../support/localServer';
import { createImage, deleteImage, stackCloud, stackIds, stackInfo, uniqueName } from '../support/stack';
import { freePort, startTinyproxy, type Tinyproxy } from '../support/tinyproxy';
import { makeCertificates, tlsFront } from '../support/tlsFront';

/** Not 127.0.0.1: VS Code sends localhost, 127.0.0.1 and ::1 direct whatever http.proxy says, and so do we for that setting. */
const FRONT_HOST = '127.0.0.2';

describe('proxies: a real tinyproxy in front of the TLS endpoints', () => {
  let dir: string;
  let ca: string;
  let cloud: CloudConfig;
  let authorities: string[];
  let plain: Tinyproxy;
  let authed: Tinyproxy;
  let only443: Tinyproxy;
  /** https:// in front of the plain tinyproxy: a proxy reached over TLS, with a certificate of the test CA. */
  let tlsProxyUrl: string;
  const closers: Array<() => Promise<void>> = [];
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-proxy-'));
    const certs = makeCertificates(dir);
    ca = certs.ca;
    const info = stackInfo();
    const keystone = await tlsFront(info.keystoneUrl.replace(/\/v3$/, ''), certs.key, certs.cert, undefined, FRONT_HOST);
    const glance = await tlsFront(info.glanceUrl, certs.key, certs.cert, undefined, FRONT_HOST);
    closers.push(keystone.close, glance.close);
    authorities = [new URL(keystone.url).host, new URL(glance.url).host];
    const base = stackCloud('alice');
    cloud = { ...base, auth: { ...base.auth, authUrl: `${keystone.url}/v3` }, imageEndpointOverride: glance.url, verify: true, cacert: ca };
    plain = await startTinyproxy();
    authed = await startTinyproxy({ basicAuth: { user: 'glance', password } });
    only443 = await startTinyproxy({ connectPorts: [443] });
    closers.push(plain.stop, authed.stop, only443.stop);
    const open = new Set<net.Socket>();
    const tlsProxy = tls.createServer({ key: fs.readFileSync(certs.key), cert: fs.readFileSync(certs.cert) }, (client) => {
      const upstream = net.connect(plain.port, '127.0.0.1');
      open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => tlsProxy.listen(0, '127.0.0.1', resolve));
    tlsProxyUrl = `https://127.0.0.1:${(tlsProxy.address() as AddressInfo).port}`;
    closers.unshift(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of open) socket.destroy();
          tlsProxy.close(() => resolve());
        }),
    );
  });

  after(async () => {
    for (const close of closers) await close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const through = (proxy: ProxyConfig, extra: Partial<ConnectOptions> = {}) => {
    const { lines, logger } = memoryLogger();
    return { lines, options: { logger, retries: 0, proxy, ...extra } };
  };
  const connects = (proxy: Tinyproxy) => proxy.requests().filter((r) => r.startsWith('CONNECT '));

  it('signs in, lists and shares through HTTPS_PROXY: the proxy logs a CONNECT to Keystone and to Glance', async () => {
    const before = connects(plain).length;
    const { lines, options } = through({ env: { HTTPS_PROXY: plain.url } });
    const alice = await connect(cloud, options);
    const image = await createImage(alice, uniqueName('proxy'), 'shared');
    try {
      const member = await alice.glance.addMember(image.id, stackIds().projects.consumer);
      assert.equal(member.status, 'pending');
      const listed = await alice.glance.listAllImages({ owner: alice.session.projectScope!.id });
      assert.ok(listed.some((i) => i.id === image.id));
      assert.deepEqual(
        (await alice.glance.listMembers(image.id)).map((m) => m.member_id),
        [stackIds().projects.consumer],
      );
    } finally {
      await deleteImage(alice, image.id);
      alice.dispose();
    }
    const tunnels = connects(plain).slice(before);
    for (const authority of authorities) {
      assert.ok(tunnels.includes(`CONNECT ${authority} HTTP/1.1`), `${authority} in ${tunnels.join(' | ')}`);
    }
    // Keep-alive inside the tunnels: far fewer CONNECTs than the sign-in plus six Glance requests.
    assert.ok(tunnels.length <= 4, tunnels.join(' | '));
    assert.ok(
      lines.some((l) => l.includes(`go through the proxy ${plain.url} (from HTTPS_PROXY)`)),
      lines.join('\n'),
    );
  });

  it("the cloud's TLS inside the tunnel is the cloud's: without cacert refused with the cloud's certificate advice; verify: false accepted", async () => {
    const { options } = through({ env: { https_proxy: plain.url } });
    await assert.rejects(connect({ ...cloud, cacert: undefined }, options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.match(e.code, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
      assert.match(e.explanation, /not trusted: set "cacert" in clouds\.yaml/);
      return true;
    });
    const before = connects(plain).length;
    const insecure = await connect({ ...cloud, cacert: undefined, verify: false }, through({ env: { https_proxy: plain.url } }).options);
    try {
      assert.ok(Array.isArray(await insecure.glance.listAllImages({ limit: 1 })));
    } finally {
      insecure.dispose();
    }
    assert.ok(connects(plain).length > before);
  });

  it("VS Code's http.proxy is used over the environment, and http.noProxy sends a host direct", async () => {
    const before = connects(plain).length;
    const refusing = `http://127.0.0.1:${await freePort()}`;
    const viaSetting = await connect(cloud, through({ settings: { proxy: plain.url }, env: { HTTPS_PROXY: refusing } }).options);
    await viaSetting.glance.listAllImages({ limit: 1 });
    viaSetting.dispose();
    assert.ok(connects(plain).length >= before + 2, 'the setting, not HTTPS_PROXY (which refuses), carried both');
    const middle = connects(plain).length;
    const direct = await connect(cloud, through({ settings: { proxy: plain.url, noProxy: [FRONT_HOST] }, env: {} }).options);
    await direct.glance.listAllImages({ limit: 1 });
    direct.dispose();
    assert.equal(connects(plain).length, middle, 'no CONNECT for a host in http.noProxy');
  });

  it('http.proxySupport "off" ignores http.proxy and leaves the environment to decide', async () => {
    const before = connects(plain).length;
    const refusing = `http://127.0.0.1:${await freePort()}`;
    const connection = await connect(cloud, through({ settings: { proxy: refusing, support: 'off' }, env: { HTTPS_PROXY: plain.url } }).options);
    await connection.glance.listAllImages({ limit: 1 });
    connection.dispose();
    assert.ok(connects(plain).length >= before + 2);
  });

  it('NO_PROXY sends the hosts it names direct: no CONNECT logged', async () => {
    const before = plain.requests().length;
    for (const noProxy of [FRONT_HOST, '127.0.0.0/8', '*']) {
      const connection = await connect(cloud, through({ env: { HTTPS_PROXY: plain.url, NO_PROXY: noProxy } }).options);
      await connection.glance.listAllImages({ limit: 1 });
      connection.dispose();
    }
    assert.deepEqual(plain.requests().slice(before), []);
  });

  it('a proxy that wants authentication: 407 without credentials names the proxy and says what to do; the URL user and password are sent', async () => {
    const { lines, options } = through({ env: { HTTPS_PROXY: authed.url } });
    await assert.rejects(connect(cloud, options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, PROXY_AUTH_REQUIRED);
      assert.ok(e.explanation.includes(`The proxy ${authed.url} (from HTTPS_PROXY) requires authentication (HTTP 407)`), e.explanation);
      assert.match(e.explanation, /http:\/\/user:password@host:port/);
      return true;
    });
    assert.ok(lines.length > 0);
    const withCredentials = authed.url.replace('http://', `http://glance:${password}@`);
    const signedIn = await connect(cloud, through({ env: { HTTPS_PROXY: withCredentials } }).options);
    assert.ok(Array.isArray(await signedIn.glance.listAllImages({ limit: 1 })));
    signedIn.dispose();
  });

  it('wrong proxy credentials: the error and the log name the proxy but never the password', async () => {
    const wrong = `wrong-${password}`;
    const { lines, options } = through({ settings: { proxy: authed.url.replace('http://', `http://glance:${wrong}@`) }, env: {} });
    await assert.rejects(connect(cloud, options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, PROXY_AUTH_REQUIRED);
      assert.ok(e.explanation.includes(`The proxy ${authed.url} (from the VS Code setting "http.proxy") refused its credentials (HTTP 407)`), e.explanation);
      for (const text of [e.message, e.explanation, String(e.stack), ...lines]) {
        assert.ok(!text.includes(wrong), 'password leaked');
        assert.ok(!text.includes(Buffer.from(`glance:${wrong}`).toString('base64')), 'Proxy-Authorization leaked');
      }
      return true;
    });
  });

  it('a proxy that refuses CONNECT (403) and one that refuses the connection: both named, with what to do', async () => {
    await assert.rejects(connect(cloud, through({ env: { HTTPS_PROXY: only443.url } }).options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, PROXY_TUNNEL_REFUSED);
      assert.ok(e.explanation.includes(`The proxy ${only443.url} (from HTTPS_PROXY) refused to connect to Keystone at ${authorities[0]} (HTTP 403)`), e.explanation);
      assert.ok(e.explanation.includes('add it to NO_PROXY'), e.explanation);
      return true;
    });
    const nothing = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(connect(cloud, through({ settings: { proxy: `http://someone:secret@${nothing.slice(7)}` } }).options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.equal(e.code, 'ECONNREFUSED');
      assert.ok(e.explanation.includes(`The proxy ${nothing} (from the VS Code setting "http.proxy") refused the connection`), e.explanation);
      assert.ok(e.explanation.includes('"http.noProxy"') || e.explanation.includes('NO_PROXY'), e.explanation);
      assert.ok(!e.explanation.includes('secret'));
      return true;
    });
  });

  it("an https:// proxy: its own certificate is checked (http.proxyStrictSSL), and the cloud's TLS runs inside that TLS", async () => {
    await assert.rejects(connect(cloud, through({ settings: { proxy: tlsProxyUrl } }).options), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.ok(e.explanation.includes(`The TLS certificate of the proxy ${tlsProxyUrl} (from the VS Code setting "http.proxy") is not accepted`), e.explanation);
      assert.match(e.explanation, /"http\.proxyStrictSSL" to false/);
      return true;
    });
    const before = connects(plain).length;
    const connection = await connect(cloud, through({ settings: { proxy: tlsProxyUrl, strictSSL: false } }).options);
    await connection.glance.listAllImages({ limit: 1 });
    connection.dispose();
    assert.ok(connects(plain).length >= before + 2);
    // strictSSL is the proxy's alone: the cloud without its cacert is still refused inside the tunnel.
    await assert.rejects(connect({ ...cloud, cacert: undefined }, through({ settings: { proxy: tlsProxyUrl, strictSSL: false } }).options), (e: unknown) => {
      assert.ok(e instanceof NetworkError && /set "cacert" in clouds\.yaml/.test(e.explanation), String(e));
      return true;
    });
  });

  it('plain http:// clouds go through HTTP_PROXY by forwarding (the proxy logs the absolute URLs)', async () => {
    const before = plain.requests().length;
    const connection = await connect(stackCloud('alice'), through({ env: { HTTP_PROXY: plain.url } }).options);
    await connection.glance.listAllImages({ limit: 1 });
    connection.dispose();
    const forwarded = plain.requests().slice(before);
    assert.ok(
      forwarded.some((r) => /^POST http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens HTTP\/1\.1$/.test(r)),
      forwarded.join(' | '),
    );
    assert.ok(
      forwarded.some((r) => r.startsWith(`GET ${stackInfo().glanceUrl}/v2/images`)),
      forwarded.join(' | '),
    );
  });
});
