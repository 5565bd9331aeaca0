// Keystone and Glance behind a local TLS endpoint with a self-signed CA: refused without cacert,
// accepted with it, and accepted without it only when the config says insecure (with a warning).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect, NetworkError, type CloudConfig } from '../../src/openstack';
import { memoryLogger } from '../support/localServer';
import { stackCloud, stackInfo } from '../support/stack';

/** A CA and a certificate for 127.0.0.1 signed by it, made with the openssl CLI. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=glance-share test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  return { ca: path.join(dir, 'ca.pem'), key: path.join(dir, 'server.key'), cert: path.join(dir, 'server.pem') };
}

/** TLS in front of one of the stack's HTTP services: a plain forwarding proxy on 127.0.0.1. */
async function tlsFront(target: string, key: string, cert: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('TLS with a self-signed CA', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let keystone: Awaited<ReturnType<typeof tlsFront>>;
  let glance: Awaited<ReturnType<typeof tlsFront>>;
  let cloud: CloudConfig;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-tls-'));
    certs = makeCertificates(dir);
    const info = stackInfo();
    keystone = await tlsFront(info.keystoneUrl.replace(/\/v3$/, ''), certs.key, certs.cert);
    glance = await tlsFront(info.glanceUrl, certs.key, certs.cert);
    const base = stackCloud('alice');
    cloud = { ...base, auth: { ...base.auth, authUrl: `${keystone.url}/v3` }, imageEndpointOverride: glance.url, verify: true, cacert: undefined };
  });

  after(async () => {
    await keystone?.close();
    await glance?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the connection without cacert, and says to set it', async () => {
    await assert.rejects(connect(cloud, { logger: memoryLogger().logger, retries: 0 }), (e: unknown) => {
      assert.ok(e instanceof NetworkError, String(e));
      assert.match(e.code, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
      assert.match(e.explanation, /not trusted: set "cacert" in clouds\.yaml/);
      return true;
    });
  });

  it('works with cacert pointing at the CA', async () => {
    const connection = await connect({ ...cloud, cacert: certs.ca }, { logger: memoryLogger().logger });
    assert.equal(connection.glance.endpoint, glance.url);
    const images = await connection.glance.listAllImages({ limit: 3 });
    assert.ok(Array.isArray(images));
  });

  it('works without cacert only when the config says insecure, and warns', async () => {
    const { lines, logger } = memoryLogger();
    const connection = await connect({ ...cloud, verify: false }, { logger });
    await connection.glance.listAllImages({ limit: 3 });
    assert.ok(lines.some((l) => /^warn TLS certificate verification is OFF for cloud "alice" because its configuration says so/.test(l)), lines.join('\n'));
  });

  it('a cacert path that does not exist is a config error naming it', async () => {
    await assert.rejects(connect({ ...cloud, cacert: path.join(dir, 'missing.pem') }, { logger: memoryLogger().logger }), /cacert ".*missing\.pem" cannot be read \(ENOENT\)/);
  });
});
