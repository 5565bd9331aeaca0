// Connection lifecycles in the real extension host against the real Keystone + Glance, reached
// through a holding proxy (test/exthost/holdingProxy.ts): a connection that is replaced or
// removed closes its sockets, failing its requests in flight instead of leaving them running,
// and a slow sign-in from before a reload never overwrites the newer one.
//
// Inside VS Code, the extension host's proxy support wraps every agent in one without
// keep-alive, so a connection's only open sockets are those of requests in flight: that is
// what these tests hold open and watch.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScopeConnection } from '../../src/openstack';
import type { Scope } from '../../src/ui/connections';
import { HoldingProxy } from './holdingProxy';
import { api, settledScopes, stackDir, stackIds } from './stack';
import { waitFor } from './support';

function connectionOf(scope: Scope | undefined): ScopeConnection | undefined {
  return scope?.state.kind === 'connected' ? scope.state.connection : undefined;
}

async function loaded(scopeId: string): Promise<ScopeConnection> {
  const { ctx } = await api();
  await waitFor(() => !!connectionOf(ctx.connections.find(scopeId)) && ctx.images.main(scopeId).kind === 'loaded', `${scopeId} to connect and load its images`, 30_000);
  return connectionOf(ctx.connections.find(scopeId))!;
}

describe('lifecycle: connections are closed when replaced, and an old sign-in never wins', () => {
  const ids = stackIds();
  let dir: string;
  let proxy: HoldingProxy;
  let carolId: string;

  before(async () => {
    const stack = fs.readFileSync(path.join(stackDir(), 'clouds.yaml'), 'utf8');
    const keystone = new URL(/auth_url:\s*"?([^"\s]+)"?/.exec(stack)?.[1] ?? '').origin;
    const { ctx } = await api();
    const glance = (await settledScopes()).map(connectionOf).find((c) => c)?.glance.endpoint;
    assert.ok(glance, 'some stack cloud is connected, to learn the Glance URL from');
    proxy = new HoldingProxy(keystone, glance);
    const origin = await proxy.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-exthost-lifecycle-'));
    fs.writeFileSync(
      path.join(dir, 'clouds.yaml'),
      [
        'clouds:',
        '  carol:',
        `    auth: {auth_url: "${origin}/v3", username: carol, password: carolpass, project_name: producer, user_domain_name: Default, project_domain_name: Default}`,
        '    region_name: RegionOne',
        `    image_endpoint_override: "${origin}"`,
        '',
      ].join('\n'),
    );
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', path.join(dir, 'clouds.yaml'), vscode.ConfigurationTarget.Global);
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'carol'), 'the proxied clouds.yaml to be read');
    carolId = ctx.connections.scopes.find((s) => s.cloud.name === 'carol')!.id;
    await loaded(carolId);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', undefined, vscode.ConfigurationTarget.Global);
    const { ctx } = await api();
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'alice'), 'the stack\u2019s clouds to come back');
    await settledScopes();
    await proxy.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Holds the scope's image listings at the proxy (a Refresh of that scope), then runs `replace`:
   * the replaced connection must close the held requests' sockets, and the listing must settle
   * (fail cleanly) rather than hang.
   */
  async function inFlightClosedBy(scopeId: string, replace: () => Thenable<unknown>): Promise<void> {
    await loaded(scopeId);
    const hold = proxy.hold((method, url) => method === 'GET' && url.startsWith('/v2/images'));
    try {
      const listing = Promise.resolve(vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId }));
      await hold.arrived;
      hold.stopHolding();
      await replace();
      await waitFor(() => hold.openSockets() === 0, 'the replaced connection to close the sockets of its requests in flight');
      await listing;
    } finally {
      hold.release();
    }
  }

  it('Refresh closes the old connection: its requests in flight are cancelled', async () => {
    const { ctx } = await api();
    const old = await loaded(carolId);
    await inFlightClosedBy(carolId, () => vscode.commands.executeCommand('glanceShare.refresh'));
    const now = await loaded(carolId);
    // assert.ok, not equal: a diff of two connections would print their tokens.
    assert.ok(now !== old, 'carol signed in again');
    assert.ok(connectionOf(ctx.connections.find(carolId)) === now);
  });

  it('a settings change that reloads (request timeout) closes the old connection', async () => {
    const settings = vscode.workspace.getConfiguration('glanceShare');
    try {
      await inFlightClosedBy(carolId, () => settings.update('requestTimeoutSeconds', 45, vscode.ConfigurationTarget.Global));
    } finally {
      await settings.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await settledScopes();
    }
  });

  it('Switch Project closes the old project\u2019s connection, Hide Project Scope the shown one\u2019s', async () => {
    const { ctx } = await api();
    const carol = ctx.connections.find(carolId)!;
    const added = await ctx.connections.addScope(carol, { id: ids.projects.consumer, name: 'consumer' });
    await inFlightClosedBy(added.id, () => ctx.connections.switchProject(ctx.connections.find(added.id)!, { id: ids.projects.producer, name: 'producer' }));
    const switched = ctx.connections.scopes.find((s) => s.extra && s.cloud.name === 'carol');
    assert.ok(switched && switched.id !== added.id, 'the extra scope now shows producer');

    await inFlightClosedBy(switched.id, () => vscode.commands.executeCommand('glanceShare.removeProjectScope', { kind: 'scope', scopeId: switched.id }));
    assert.ok(ctx.connections.find(switched.id) === undefined, 'the hidden scope is gone');
    assert.ok(connectionOf(ctx.connections.find(carolId)), 'carol\u2019s own scope stays connected');
  });

  it('a reload whose sign-in answers after a newer reload\u2019s is dropped, never shown or used', async () => {
    const { ctx } = await api();
    await loaded(carolId);
    const held = proxy.hold((method, url) => method === 'POST' && url.endsWith('/auth/tokens'));
    let first: Promise<void> | undefined;
    try {
      first = ctx.connections.reload();
      await held.arrived;
      held.stopHolding();
      await ctx.connections.reload();
      const second = await loaded(carolId);
      held.release();
      await first;
      assert.equal(held.issuedTokens.length, 1, 'the held sign-in got its token after the newer one');
      assert.ok(connectionOf(ctx.connections.find(carolId)) === second, 'the scope keeps the newer sign-in\u2019s connection');
      await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: carolId });
      assert.equal(proxy.glanceTokens.has(held.issuedTokens[0]), false, 'the outdated sign-in\u2019s token never reached Glance');
      assert.ok((await second.session.listProjects()).length > 0, 'the connection shown still works');
    } finally {
      held.release();
      await first;
    }
  });
});
