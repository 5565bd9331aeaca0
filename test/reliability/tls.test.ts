// Keystone and Glance behind a local TLS endpoint with a self-signed CA: refused without cacert,
// accepted with it, and accepted without it only when the config says insecure (with a warning);
// and a front that requires a client certificate (mutual TLS: clouds.yaml cert/key).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect, NetworkError, type CloudConfig } from '../../src/openstack';
import { memoryLogger } from '../support/localServer';
import { stackCloud, stackInfo } from '../support/stack';
import { makeCertificates, tlsFront } from '../support/tlsFront';

interface Fronted {
  readonly dir: string;
  readonly certs: ReturnType<typeof makeCertificates>;
  readonly glanceUrl: string;
  /** alice of the stack, through the TLS fronts, with no cacert. */
  readonly cloud: CloudConfig;
  readonly close: () => Promise<void>;
}

/** The stack's Keystone and Glance behind TLS fronts; with requireClientCert, they ask for a client certificate signed by the CA. */
async function frontTheStack(requireClientCert: boolean): Promise<Fronted> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-tls-'));
  const certs = makeCertificates(dir);
  const info = stackInfo();
  const clientCa = requireClientCert ? certs.ca : undefined;
  const keystone = await tlsFront(info.keystoneUrl.replace(/\/v3$/, ''), certs.key, certs.cert, clientCa);
  const glance = await tlsFront(info.glanceUrl, certs.key, certs.cert, clientCa);
  const base = stackCloud('alice');
  return {
    dir,
    certs,
    glanceUrl: glance.url,
    cloud: { ...base, auth: { ...base.auth, authUrl: `${keystone.url}/v3` }, imageEndpointOverride: glance.url, verify: true, cacert: undefined },
    close: async () => {
      await keystone.close();
      await glance.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('TLS with a self-signed CA', () => {
  let fronted: Fronted;
  let dir: string;
  let certs: Fronted['certs'];
  let cloud: CloudConfig;

  before(async () => {
    fronted = await frontTheStack(false);
    ({ dir, certs, cloud } = fronted);
  });

  after(async () => {
    await fronted?.close();
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
    assert.equal(connection.glance.endpoint, fronted.glanceUrl);
    const images = await connection.glance.listAllImages({ limit: 3 });
    assert.ok(Array.isArray(images));
  });

  it('works without cacert only when the config says insecure, and warns', async () => {
    const { lines, logger } = memoryLogger();
    const connection = await connect({ ...cloud, verify: false }, { logger });
    await connection.glance.listAllImages({ limit: 3 });
    assert.ok(
      lines.some((l) => /^warn TLS certificate verification is OFF for cloud "alice" because its configuration says so/.test(l)),
      lines.join('\n'),
    );
  });

  it('a cacert path that does not exist is a config error naming it', async () => {
    await assert.rejects(
      connect({ ...cloud, cacert: path.join(dir, 'missing.pem') }, { logger: memoryLogger().logger }),
      /cacert ".*missing\.pem" cannot be read \(ENOENT\)/,
    );
  });
});

describe('mutual TLS: a front that requires a client certificate', () => {
  let fronted: Fronted;
  let dir: string;
  let certs: Fronted['certs'];
  let cloud: CloudConfig;

  before(async () => {
    fronted = await frontTheStack(true);
    ({ dir, certs } = fronted);
    cloud = { ...fronted.cloud, cacert: certs.ca };
  });

  after(async () => {
    await fronted?.close();
  });

  it('is refused without a client certificate', async () => {
    await assert.rejects(connect(cloud, { logger: memoryLogger().logger, retries: 0 }), (e: unknown) => e instanceof NetworkError);
  });

  it('signs in and lists images with cert and key', async () => {
    const connection = await connect({ ...cloud, cert: certs.clientCert, key: certs.clientKey }, { logger: memoryLogger().logger });
    assert.ok(Array.isArray(await connection.glance.listAllImages({ limit: 3 })));
  });

  it('signs in with a cert file that holds its key (no key setting)', async () => {
    const connection = await connect({ ...cloud, cert: certs.clientBundle }, { logger: memoryLogger().logger });
    assert.ok(Array.isArray(await connection.glance.listAllImages({ limit: 3 })));
  });

  it('a key path that does not exist is a config error naming it', async () => {
    await assert.rejects(
      connect({ ...cloud, cert: certs.clientCert, key: path.join(dir, 'nokey.pem') }, { logger: memoryLogger().logger }),
      /key ".*nokey\.pem" cannot be read \(ENOENT\)/,
    );
  });
});
