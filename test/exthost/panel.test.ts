// The members panel's host in a real extension host: its message protocol against the real Glance,
// and one source of truth with the tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { MembersPanel } from '../../src/ui/panel/membersPanel';
import type { ImageNode } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

describe('members panel (host side, real Glance)', () => {
  const ids = stackIds();
  let alice: ScopeConnection;
  let image: GlanceImage;
  let aliceScopeId: string;
  let bobScopeId: string;

  before(async () => {
    alice = await connectAs('alice');
    image = await createImage(alice, uniqueName('exthost-panel'), 'shared');
    await alice.glance.addMember(image.id, ids.projects.consumer);
    aliceScopeId = (await scopeNamed('alice')).id;
    bobScopeId = (await scopeNamed('bob')).id;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteImage(alice, image.id);
  });

  async function openPanel(scopeId: string, memberStatus?: 'pending'): Promise<MembersPanel> {
    const { ctx } = await api();
    const node: ImageNode = { kind: 'image', scopeId, path: `${scopeId}/test/${image.id}`, image, memberStatus };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const panel = ctx.panels.find({ scopeId, imageId: image.id });
    assert.ok(panel, 'a panel for this image');
    // The first state follows the webview's ready: a cold workbench takes a while to load its page.
    await waitFor(() => panel.lastState !== undefined, 'the panel\u2019s first state', 50_000);
    return panel;
  }

  it('the owner\u2019s panel lists the members with their status', async () => {
    const panel = await openPanel(aliceScopeId);
    const state = panel.lastState!;
    assert.equal(state.role, 'owned');
    assert.deepEqual(
      state.members.map((m) => [m.projectId, m.status]),
      [[ids.projects.consumer, 'pending']],
    );
    assert.equal(state.members[0].projectName, 'consumer', 'bob\u2019s scope knows the name of the consumer project');
    assert.equal(panel.panel.title, `Members: ${image.name} · producer`);
  });

  it('reopening reveals the same panel instead of a second one', async () => {
    const { ctx } = await api();
    const first = ctx.panels.find({ scopeId: aliceScopeId, imageId: image.id });
    const again = await openPanel(aliceScopeId);
    assert.equal(again, first);
  });

  it('adds several projects through the protocol, with a result per ID; invalid IDs never reach Glance', async function () {
    // The share ends by re-reading the listings of the projects it added (reloadProjects): alone,
    // this test took 57 s on a loaded 2-core machine, before the panel changes and after them.
    this.timeout(120_000);
    const panel = await openPanel(aliceScopeId);
    await panel.receive({ type: 'addMembers', text: `${ids.projects.other}, consumer-by-name, ${ids.projects.consumer.toUpperCase()}` });
    const members = await alice.glance.listMembers(image.id);
    assert.deepEqual(members.map((m) => m.member_id).sort(), [ids.projects.consumer, ids.projects.other].sort());
    assert.ok(!members.some((m) => m.member_id === 'consumer-by-name'));
    await waitFor(() => panel.lastState?.members.length === 2, 'the panel to show 2 members');
    assert.deepEqual(panel.lastState?.counts, { pending: 2, accepted: 0, rejected: 0 });
  });

  it('ignores and logs unknown or malformed messages', async () => {
    const panel = await openPanel(aliceScopeId);
    const before = panel.rejectedMessages;
    await panel.receive({ type: 'deleteImage', imageId: image.id });
    await panel.receive({ type: 'setMyStatus', status: 'owner' });
    await panel.receive('<script>alert(1)</script>');
    assert.equal(panel.rejectedMessages, before + 3);
    assert.equal((await alice.glance.getImage(image.id)).id, image.id, 'nothing happened to the image');
  });

  it('the member\u2019s panel accepts, and the tree follows (one source of truth)', async () => {
    const { ctx } = await api();
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
    const panel = await openPanel(bobScopeId, 'pending');
    assert.equal(panel.lastState?.role, 'incoming');
    assert.equal(panel.lastState?.myStatus, 'pending');
    assert.deepEqual(
      panel.lastState?.members.map((m) => m.projectId),
      [ids.projects.consumer],
      'a member sees only its own row',
    );
    await panel.receive({ type: 'setMyStatus', status: 'accepted' });
    assert.equal((await alice.glance.getMember(image.id, ids.projects.consumer)).status, 'accepted');
    await waitFor(() => {
      const main = ctx.images.main(bobScopeId);
      return main.kind === 'loaded' && main.value.incoming.accepted.some((i) => i.id === image.id);
    }, 'the tree to show the image under Accepted');
  });

  it('a change made in the tree updates the open panel', async () => {
    const panel = await openPanel(bobScopeId, 'pending');
    const node: ImageNode = { kind: 'image', scopeId: bobScopeId, path: 'x', image, memberStatus: 'accepted' };
    await vscode.commands.executeCommand('glanceShare.reject', node, [node]);
    await waitFor(() => panel.lastState?.myStatus === 'rejected', 'the panel to show rejected');
  });
});

describe('members panel: what it reads, and when (real Glance)', () => {
  const ids = stackIds();
  let alice: ScopeConnection;
  /** The panel's image, shared with consumer (bob's project). */
  let watched: GlanceImage;
  /** Another shared image of the same scope. */
  let unrelated: GlanceImage;
  let aliceScopeId: string;
  let bobScopeId: string;
  let panel: MembersPanel;

  before(async () => {
    alice = await connectAs('alice');
    watched = await createImage(alice, 'exthost-panel-reads', 'shared');
    unrelated = await createImage(alice, 'exthost-panel-unrelated', 'shared');
    await alice.glance.addMember(watched.id, ids.projects.consumer);
    aliceScopeId = (await scopeNamed('alice')).id;
    bobScopeId = (await scopeNamed('bob')).id;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await deleteImage(alice, watched.id);
    await deleteImage(alice, unrelated.id);
  });

  /** The Glance requests alice's scope in the extension has sent so far. */
  async function aliceGlanceRequests(): Promise<number> {
    const scope = (await api()).ctx.connections.find(aliceScopeId);
    assert.ok(scope?.state.kind === 'connected', 'alice is signed in');
    return scope.state.connection.session.transport.requestCount.glance;
  }

  async function show(image: GlanceImage): Promise<MembersPanel> {
    const { ctx } = await api();
    const node: ImageNode = { kind: 'image', scopeId: aliceScopeId, path: `${aliceScopeId}/reads/${image.id}`, image };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const opened = ctx.panels.find({ scopeId: aliceScopeId, imageId: image.id });
    assert.ok(opened, 'a panel for this image');
    return opened;
  }

  it('opening a panel reads Glance once, after the webview is ready: GET image + GET members', async () => {
    const { ctx } = await api();
    // Nothing else of alice's scope may be reading meanwhile: its listing has settled.
    await waitFor(() => ctx.images.main(aliceScopeId).kind === 'loaded' && !ctx.images.isLoading(aliceScopeId), 'alice\u2019s images to be listed');
    const before = await aliceGlanceRequests();
    panel = await show(watched);
    // Both triggers of an open have happened once the webview said ready and its state came back.
    await waitFor(() => panel.isReady && panel.lastState !== undefined, 'the webview\u2019s ready and the first state', 30_000);
    assert.equal(panel.reads, 1, 'one read (the command no longer reads on top of the webview\u2019s ready)');
    assert.equal((await aliceGlanceRequests()) - before, 2, 'GET /v2/images/{id} and GET /v2/images/{id}/members');
    assert.deepEqual(
      panel.lastState?.members.map((m) => [m.projectId, m.status]),
      [[ids.projects.consumer, 'pending']],
    );
  });

  it('does not read again when another image of the same scope changes', async () => {
    const { ctx } = await api();
    const reads = panel.reads;
    // What a share and a visibility change from the tree end with, on another image of alice's
    // scope: the store re-reads its members, then takes its new visibility. Both fire the
    // scope's change event (which used to re-read every panel of the scope) before they return.
    await alice.glance.addMember(unrelated.id, ids.projects.other);
    await ctx.images.refreshMembers(aliceScopeId, unrelated.id);
    assert.deepEqual(
      ctx.images.members(aliceScopeId, unrelated.id)?.map((m) => m.member_id),
      [ids.projects.other],
    );
    ctx.images.applyOwnedImage(aliceScopeId, await alice.glance.setVisibility(unrelated.id, 'private'));
    assert.equal(panel.refreshPending, false, 'no read of the watched image is scheduled');
    assert.equal(panel.reads, reads, 'nor did one start');
  });

  it('reads again when this image\u2019s members change, also from another scope (bob accepts in the tree)', async () => {
    const reads = panel.reads;
    const node: ImageNode = { kind: 'image', scopeId: bobScopeId, path: `${bobScopeId}/reads/${watched.id}`, image: watched, memberStatus: 'pending' };
    await vscode.commands.executeCommand('glanceShare.accept', node, [node]);
    await waitFor(() => panel.lastState?.members[0]?.status === 'accepted', 'alice\u2019s panel to show bob\u2019s answer');
    assert.equal(panel.reads, reads + 1, 'exactly one read for the change');
  });
});
