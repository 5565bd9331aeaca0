// VS Code's "http.proxy" in code-server's extension host: the extension's clouds behind TLS fronts
// on 127.0.0.2 (not 127.0.0.1, which VS Code always sends direct) sign in, list and share through
// a real tinyproxy, whose log shows the CONNECTs. The extension host's own proxy support
// ("http.proxySupport": "override") patches https.request and swaps a caller's agent for its own;
// the insecure cloud (verify: false) proves that our agent, with the cloud's TLS settings, stayed
// in charge, and the last test measures what the patch does to a plain https.request.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';
import { makeCertificates, tlsFront } from '../support/tlsFront';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, stackInfo, uniqueName } from './stack';
import { waitFor } from './support';

const FRONT_HOST = '127.0.0.2';

describe('proxy: http.proxy in the extension host', () => {
  let dir: string;
  let proxy: Tinyproxy;
  let glanceUrl: string;
  let authorities: string[];
  const closers: Array<() => Promise<void>> = [];

  before(async function () {
    this.timeout(120_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-exthost-proxy-'));
    const certs = makeCertificates(dir);
    const info = stackInfo();
    const keystone = await tlsFront(info.keystoneUrl.replace(/\/v3$/, ''), certs.key, certs.cert, undefined, FRONT_HOST);
    const glance = await tlsFront(info.glanceUrl, certs.key, certs.cert, undefined, FRONT_HOST);
    closers.push(keystone.close, glance.close);
    glanceUrl = glance.url;
    authorities = [new URL(keystone.url).host, new URL(glance.url).host];
    proxy = await startTinyproxy();
    closers.push(proxy.stop);
    const auth = `{auth_url: "${keystone.url}/v3", username: alice, password: alicepass, project_name: producer, user_domain_name: Default, project_domain_name: Default}`;
    fs.writeFileSync(
      path.join(dir, 'clouds.yaml'),
      [
        'clouds:',
        '  proxied:',
        `    auth: ${auth}`,
        '    region_name: RegionOne',
        `    cacert: "${certs.ca}"`,
        `    image_endpoint_override: "${glance.url}"`,
        '  proxied-insecure:',
        `    auth: ${auth}`,
        '    region_name: RegionOne',
        '    verify: false',
        `    image_endpoint_override: "${glance.url}"`,
        '',
      ].join('\n'),
    );
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', path.join(dir, 'clouds.yaml'), vscode.ConfigurationTarget.Global);
    const { ctx } = await api();
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'proxied'), 'the proxied clouds to be read', 30_000);
  });

  after(async function () {
    this.timeout(120_000);
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', undefined, vscode.ConfigurationTarget.Global);
    const { ctx } = await api();
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'alice'), 'the stack\u2019s clouds to come back', 30_000);
    for (const close of closers) await close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const connects = () => proxy.requests().filter((r) => r.startsWith('CONNECT '));

  it('signs in, lists and shares through the proxy of http.proxy: both clouds, the proxy logs the CONNECTs', async function () {
    this.timeout(120_000);
    const { ctx } = await api();
    for (const name of ['proxied', 'proxied-insecure']) {
      const scope = await scopeNamed(name);
      assert.equal(scope.state.kind, 'connected', `${name}: ${scope.state.kind === 'error' ? scope.state.error.message : scope.state.kind}`);
      await waitFor(() => ctx.images.main(scope.id).kind === 'loaded', `${name}\u2019s images to load`, 60_000);
    }
    const scope = await scopeNamed('proxied-insecure');
    assert.ok(scope.state.kind === 'connected');
    const connection = scope.state.connection;
    assert.equal(connection.glance.endpoint, glanceUrl);
    // Made with a session of our own (direct: the test's copy of src/openstack has no proxy), shared by the extension's.
    const alice = await connectAs('alice');
    const image = await createImage(alice, uniqueName('exthost-proxy'), 'shared');
    try {
      const member = await connection.glance.addMember(image.id, stackIds().projects.consumer);
      assert.equal(member.status, 'pending');
    } finally {
      await deleteImage(alice, image.id);
      alice.dispose();
    }
    const tunnels = connects();
    for (const authority of authorities) {
      assert.ok(tunnels.includes(`CONNECT ${authority} HTTP/1.1`), `${authority} in ${tunnels.join(' | ')}`);
    }
  });

  it('measured: the extension host itself routes a plain https.request through http.proxy and drops its agent\u2019s rejectUnauthorized', async function () {
    this.timeout(60_000);
    const before = connects().length;
    const agent = new https.Agent({ rejectUnauthorized: false });
    const outcome = await new Promise<string>((resolve) => {
      const request = https.request(`${glanceUrl}/versions`, { agent }, (response) => {
        response.resume();
        resolve(`HTTP ${response.statusCode}`);
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.end();
    });
    // Through the proxy (a CONNECT was logged), and the certificate was checked after all.
    assert.ok(connects().length > before, 'VS Code sent it through the proxy');
    assert.match(outcome, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT/);
  });
});
