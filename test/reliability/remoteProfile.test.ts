// A remote vendor profile (`profile: https://host`, the form vexxhost's bundled profile points to):
// its /.well-known/openstack/api document, served over TLS with the test's own CA, read by
// glance-share and by openstacksdk (the openstack CLI's loader, /usr/bin/python3) from the same
// clouds.yaml: the same auth URL and regions; then a real sign-in to the stack through it. A
// document that is not there, and a CA that is not trusted, are errors that name the URL.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect, fetchRemoteProfile, loadCloudConfigs, withRemoteProfiles, type LoadedCloudConfigs } from '../../src/openstack';
import { LocalServer, memoryLogger, sendJson } from '../support/localServer';
import { stackInfo } from '../support/stack';
import { makeCertificates, tlsFront } from '../support/tlsFront';

/** openstacksdk's view of every (cloud, region): [cloud, region, auth_url], or the exception's text. */
async function sdkClouds(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const script = [
    'import json, sys, openstack.config',
    'try:',
    '    c = openstack.config.OpenStackConfig(config_files=[sys.argv[1]], vendor_files=[])',
    "    print(json.dumps(sorted([r.name, r.region_name, r.config['auth'].get('auth_url')] for r in c.get_all_clouds())))",
    'except Exception as e:',
    "    print('ERROR ' + str(e))",
  ].join('\n');
  const clean: NodeJS.ProcessEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: dir, LANG: 'C.UTF-8', ...env };
  // Asynchronous: the profile's server runs in this process.
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', script, path.join(dir, 'clouds.yaml')], { env: clean, encoding: 'utf8', timeout: 60_000 });
  return stdout.trim();
}

async function ours(dir: string, env: NodeJS.ProcessEnv): Promise<LoadedCloudConfigs> {
  const options = { env: { ...env, OS_CLIENT_CONFIG_FILE: path.join(dir, 'clouds.yaml') }, cwd: dir, home: dir, etcDir: path.join(dir, 'etc') };
  return withRemoteProfiles(options, loadCloudConfigs(options), (url) => fetchRemoteProfile(url, { env }));
}

describe('a remote vendor profile (/.well-known/openstack/api), as the openstack CLI reads it', function () {
  this.timeout(120_000);
  let dir: string;
  let ca: string;
  let server: LocalServer;
  let front: { url: string; close: () => Promise<void> };
  const keystoneUrl = stackInfo().keystoneUrl;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-remote-profile-'));
    const certs = makeCertificates(dir);
    ca = certs.ca;
    server = new LocalServer((req, res) => {
      if (req.url === '/.well-known/openstack/api') {
        sendJson(res, 200, { name: 'gs-test-vendor', profile: { auth: { auth_url: keystoneUrl }, regions: ['RegionOne', 'RegionTwo'], identity_api_version: '3' } });
      } else {
        sendJson(res, 404, { error: 'not here' });
      }
    });
    front = await tlsFront(await server.start(), certs.key, certs.cert);
  });

  after(async () => {
    await front?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeClouds(profile: string): void {
    fs.writeFileSync(
      path.join(dir, 'clouds.yaml'),
      [
        'clouds:',
        '  remote:',
        `    profile: ${profile}`,
        '    auth: {username: alice, password: alicepass, project_name: producer, user_domain_name: Default, project_domain_name: Default}',
        '',
      ].join('\n'),
    );
  }

  it('gives the same auth URL and regions as openstacksdk, and signs in to the stack through it', async () => {
    writeClouds(front.url);
    const env = { REQUESTS_CA_BUNDLE: ca };
    const reference = JSON.parse(await sdkClouds(dir, env)) as Array<[string, string, string]>;
    const loaded = await ours(dir, env);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(loaded.cloudRegions.map((c) => [c.name, c.regionName, c.auth.authUrl]).sort(), reference);
    assert.deepEqual(reference, [
      ['remote', 'RegionOne', keystoneUrl],
      ['remote', 'RegionTwo', keystoneUrl],
    ]);
    assert.equal(server.requests.filter((r) => r.url === '/.well-known/openstack/api').length >= 2, true, 'both read the document');
    const connection = await connect(loaded.clouds[0], { logger: memoryLogger().logger });
    try {
      assert.equal(connection.session.projectScope?.name, 'producer');
    } finally {
      connection.dispose();
    }
  });

  it('a host with no document there: both refuse the cloud, and glance-share names the URL and the answer', async () => {
    // The same CA and certificate (it names 127.0.0.2 too), on a host that answers 404 to everything.
    const missing = new LocalServer((_req, res) => sendJson(res, 404, { error: 'not here' }));
    const missingFront = await tlsFront(await missing.start(), path.join(dir, 'server.key'), path.join(dir, 'server.pem'), undefined, '127.0.0.2');
    try {
      writeClouds(missingFront.url);
      const env = { REQUESTS_CA_BUNDLE: ca };
      assert.match(await sdkClouds(dir, env), /^ERROR .*remote profile that could not be fetched: 404/);
      const loaded = await ours(dir, env);
      assert.equal(loaded.cloudRegions.length, 0);
      assert.equal(loaded.errors.length, 1, loaded.errors.map((e) => e.message).join('\n'));
      assert.ok(
        loaded.errors[0].message.includes(`a remote profile that could not be fetched from ${missingFront.url}/.well-known/openstack/api: 404`),
        loaded.errors[0].message,
      );
    } finally {
      await missingFront.close();
      await missing.stop();
    }
  });

  it('a CA neither trusts: both refuse, and glance-share says the certificate is the reason', async () => {
    writeClouds(front.url);
    assert.match(await sdkClouds(dir, {}), /^ERROR .*(CERTIFICATE_VERIFY_FAILED|certificate verify failed)/i);
    const loaded = await ours(dir, {});
    assert.equal(loaded.cloudRegions.length, 0);
    assert.match(loaded.errors[0]?.message ?? '', /could not be fetched from .*: .*certificate/i);
  });
});
