// Connections in a real extension host against the real local Keystone + Glance.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Node } from '../../src/ui/tree/nodes';
import { api, scopeNamed, settledScopes, stackDir, stackIds } from './stack';
import { waitFor } from './support';

async function label(node: Node): Promise<string> {
  const { ctx } = await api();
  const item = ctx.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('connections from the stack\u2019s clouds.yaml', () => {
  const ids = stackIds();

  it('shows one connected root row per cloud, labelled cloud · project', async () => {
    const scopes = await settledScopes();
    const byCloud = Object.fromEntries(scopes.map((s) => [s.cloud.name, s]));
    for (const cloud of ['admin', 'alice', 'bob', 'carol-producer', 'carol-consumer', 'dave', 'alice-appcred']) {
      assert.equal(byCloud[cloud]?.state.kind, 'connected', `${cloud}: ${byCloud[cloud]?.state.kind}`);
    }
    const { ctx } = await api();
    const labels = await Promise.all(ctx.tree.rows().map(label));
    assert.ok(labels.includes('alice · producer'), labels.join(' | '));
    assert.ok(labels.includes('bob · consumer'));
    assert.ok(labels.includes('carol-consumer · consumer'));
    assert.ok(labels.includes('alice-appcred · producer'));
  });

  it('a connected scope row has the user and the menu flags its state allows', async () => {
    const { ctx } = await api();
    const alice = await scopeNamed('alice');
    const item = ctx.tree.getTreeItem({ kind: 'scope', scopeId: alice.id });
    assert.equal(item.description, 'alice · RegionOne');
    assert.match(String(item.contextValue), /^scope;state:connected;can:rescope;can:copyProjectId/);
    const appcred = await scopeNamed('alice-appcred');
    assert.doesNotMatch(
      String(ctx.tree.getTreeItem({ kind: 'scope', scopeId: appcred.id }).contextValue),
      /can:rescope/,
      'an application credential cannot switch projects',
    );
  });

  it('adds carol\u2019s consumer project side by side, then switches it, then hides it', async () => {
    const { ctx } = await api();
    const carol = await scopeNamed('carol-producer');
    const projects = await ctx.connections.projectsOf(carol);
    assert.deepEqual(projects.map((p) => p.name).sort(), ['consumer', 'producer']);
    const added = await ctx.connections.addScope(carol, { id: ids.projects.consumer, name: 'consumer' });
    await waitFor(() => ctx.connections.find(added.id)?.state.kind === 'connected', 'the added scope to connect');
    const connected = ctx.connections.find(added.id)!;
    assert.ok(connected.state.kind === 'connected' && connected.state.connection.session.projectScope?.id === ids.projects.consumer);
    assert.ok((await Promise.all(ctx.tree.rows().map(label))).filter((l) => l.startsWith('carol-producer · ')).length === 2);

    await ctx.connections.switchProject(connected, { id: ids.projects.producer, name: 'producer' });
    await ctx.connections.removeScope(ctx.connections.scopes.find((s) => s.extra && s.cloud.name === 'carol-producer')!);
    assert.equal(ctx.connections.scopes.filter((s) => s.cloud.name === 'carol-producer').length, 1);
  });

  it('copies my project ID', async () => {
    const alice = await scopeNamed('alice');
    await vscode.commands.executeCommand('glanceShare.copyProjectId', { kind: 'scope', scopeId: alice.id });
    assert.equal(await vscode.env.clipboard.readText(), ids.projects.producer);
  });
});

describe('credentials: wrong and missing passwords', () => {
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-exthost-'));
    const stack = fs.readFileSync(path.join(stackDir(), 'clouds.yaml'), 'utf8');
    const authUrl = /auth_url:\s*"?([^"\s]+)"?/.exec(stack)?.[1] ?? '';
    fs.writeFileSync(
      path.join(dir, 'clouds.yaml'),
      [
        'clouds:',
        '  wrong:',
        `    auth: {auth_url: "${authUrl}", username: bob, password: not-bobs-password, project_name: consumer, user_domain_name: Default, project_domain_name: Default}`,
        '    region_name: RegionOne',
        '  nopass:',
        `    auth: {auth_url: "${authUrl}", username: bob, project_name: consumer, user_domain_name: Default, project_domain_name: Default}`,
        '    region_name: RegionOne',
        '  broken:',
        '    auth: {username: nobody}',
        '',
      ].join('\n'),
    );
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', path.join(dir, 'clouds.yaml'), vscode.ConfigurationTarget.Global);
    const { ctx } = await api();
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'wrong'), 'the new clouds.yaml to be read');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('glanceShare').update('cloudsFile', undefined, vscode.ConfigurationTarget.Global);
    const { ctx } = await api();
    await waitFor(() => ctx.connections.scopes.some((s) => s.cloud.name === 'alice'), 'the stack\u2019s clouds to come back');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a wrong password gives an error row with Retry and Show Log, not an exception', async () => {
    const { ctx } = await api();
    const wrong = await scopeNamed('wrong');
    assert.equal(wrong.state.kind, 'error');
    const [row] = ctx.tree.rows({ kind: 'scope', scopeId: wrong.id });
    const item = ctx.tree.getTreeItem(row);
    assert.equal(item.label, 'Could not connect');
    assert.equal(item.contextValue, 'error', 'the error context value gives the inline Retry and Show Log actions');
    assert.match(String(item.description), /Keystone refused the credentials/);
    assert.equal(item.command?.command, 'glanceShare.retry');
    assert.doesNotMatch(`${item.description} ${item.tooltip}`, /not-bobs-password/);
    // A screen reader hears what the rows say, not their tooltips (a file path, a status line).
    assert.match(String(item.accessibilityInformation?.label), /^Could not connect: Keystone refused the credentials/);
    const scopeItem = ctx.tree.getTreeItem({ kind: 'scope', scopeId: wrong.id });
    assert.equal(scopeItem.accessibilityInformation?.label, 'wrong · consumer, not connected');
  });

  it('a cloud without password asks for it, and signs in once it is given', async () => {
    const { ctx } = await api();
    const nopass = await scopeNamed('nopass');
    assert.equal(nopass.state.kind, 'needsSecret');
    const [row] = ctx.tree.rows({ kind: 'scope', scopeId: nopass.id });
    assert.equal(ctx.tree.getTreeItem(row).command?.command, 'glanceShare.enterPassword');
    await ctx.connections.provideSecret(nopass, 'bobpass', false);
    await waitFor(() => ctx.connections.find(nopass.id)?.state.kind === 'connected', 'nopass to sign in with the given password');
  });

  it('a cloud with a broken config shows under Configuration problems, naming the key', async () => {
    const { ctx } = await api();
    const problems = ctx.tree.rows().find((n) => n.kind === 'configProblems');
    assert.ok(problems, 'a Configuration problems row');
    const [error] = ctx.tree.rows(problems);
    const item = ctx.tree.getTreeItem(error);
    assert.equal(item.label, 'Cloud "broken"');
    assert.match(String(item.description), /clouds\.broken\.auth\.auth_url is missing/);
  });
});
