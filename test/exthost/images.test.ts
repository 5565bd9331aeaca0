// The images tree and the answer commands in a real extension host, against the real Glance.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { ImageNode, Node } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function childrenByLabel(node: Node | undefined): Promise<Map<string, Node>> {
  const { ctx } = await api();
  const map = new Map<string, Node>();
  for (const child of ctx.tree.rows(node)) map.set(labelOf(ctx.tree.getTreeItem(child)).replace(/ \(\d+\)$/, ''), child);
  return map;
}

/** The image's row under a scope's group/subgroup, or undefined. */
async function findImageRow(scopeId: string, group: 'My images' | 'Shared with me', sub: string, imageId: string): Promise<ImageNode | undefined> {
  const groups = await childrenByLabel({ kind: 'scope', scopeId });
  const subgroups = await childrenByLabel(groups.get(group));
  const { ctx } = await api();
  const subgroup = subgroups.get(sub);
  if (!subgroup) return undefined;
  return ctx.tree.rows(subgroup).find((n): n is ImageNode => n.kind === 'image' && n.image.id === imageId);
}

describe('images tree and answering a share', () => {
  const ids = stackIds();
  let alice: ScopeConnection;
  let image: GlanceImage;
  let bobScopeId: string;
  let aliceScopeId: string;

  before(async () => {
    alice = await connectAs('alice');
    image = await createImage(alice, uniqueName('exthost'), 'shared');
    await alice.glance.addMember(image.id, ids.projects.consumer);
    bobScopeId = (await scopeNamed('bob')).id;
    aliceScopeId = (await scopeNamed('alice')).id;
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: aliceScopeId });
  });

  after(async () => {
    // Only what before() made: when it failed half-way, its own error is the one to read.
    if (image) await deleteImage(alice, image.id);
  });

  it('a connected scope has My images, Shared with me, Community and Public', async () => {
    const groups = await childrenByLabel({ kind: 'scope', scopeId: bobScopeId });
    assert.deepEqual([...groups.keys()], ['My images', 'Shared with me', 'Community', 'Public']);
    const statuses = await childrenByLabel(groups.get('Shared with me'));
    assert.deepEqual([...statuses.keys()], ['Pending', 'Accepted', 'Rejected']);
  });

  it('the new share is under bob\u2019s Pending, offers Accept and Reject only, and counts on the badge', async () => {
    const row = await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id);
    assert.ok(row, 'the image is under Pending');
    const { ctx } = await api();
    const item = ctx.tree.getTreeItem(row);
    assert.match(String(item.contextValue), /^image;incoming;visibility:shared;member:pending;can:accept;can:reject;/);
    assert.doesNotMatch(String(item.contextValue), /can:(share|removeMember|setVisibility)/);
    assert.match(String(item.description), /^from producer( · queued)?$/, 'the owner by name (alice\u2019s scope knows it), and the status when not active');
    assert.ok((ctx.view.badge?.value ?? 0) >= 1, 'the pending count is on the view badge');
  });

  it('on alice\u2019s side it is an owned shared image: share and remove member, never accept', async () => {
    const row = await findImageRow(aliceScopeId, 'My images', 'Shared', image.id);
    assert.ok(row);
    const { ctx } = await api();
    const value = String(ctx.tree.getTreeItem(row).contextValue);
    assert.match(value, /;can:share;can:removeMember;/);
    assert.doesNotMatch(value, /can:accept|can:reject/);
  });

  it('once its group is open, alice\u2019s row says who answered: "1 pending"', async () => {
    const { ctx } = await api();
    await findImageRow(aliceScopeId, 'My images', 'Shared', image.id);
    await waitFor(() => ctx.images.members(aliceScopeId, image.id) !== undefined, 'the members of alice\u2019s shared image');
    const row = await findImageRow(aliceScopeId, 'My images', 'Shared', image.id);
    assert.match(String(ctx.tree.getTreeItem(row!).description), /^1 pending( · queued)?$/);
  });

  it('the periodic check announces a new share once, and only once', async () => {
    const { ctx } = await api();
    const fresh = await createImage(alice, uniqueName('exthost-new'), 'shared');
    try {
      await ctx.pendingWatcher.check(); // whatever was waiting before is now seen
      await alice.glance.addMember(fresh.id, ids.projects.consumer);
      // Once per Glance that holds the share: scopes of the consumer project on one endpoint (bob,
      // carol-consumer, remy) count once; the stack's secure-RBAC endpoint serves the same database
      // under another URL and counts on its own, and RegionTwo's Glance has no such image.
      const endpoints = new Set<string>();
      for (const scope of ctx.connections.scopes) {
        if (scope.state.kind !== 'connected' || scope.state.connection.session.projectScope?.id !== ids.projects.consumer) continue;
        const { glance } = scope.state.connection;
        if (
          await glance.getMember(fresh.id, ids.projects.consumer).then(
            () => true,
            () => false,
          )
        )
          endpoints.add(glance.endpoint);
      }
      assert.ok(endpoints.size >= 1);
      assert.equal(await ctx.pendingWatcher.check(), endpoints.size, 'one new share per Glance endpoint (bob and carol-consumer count once)');
      assert.equal(await ctx.pendingWatcher.check(), 0, 'not announced twice');
    } finally {
      await deleteImage(alice, fresh.id);
    }
  });

  it('Accept moves it to Accepted at once, and Glance holds accepted', async () => {
    const row = await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id);
    await vscode.commands.executeCommand('glanceShare.accept', row, [row]);
    assert.ok(await findImageRow(bobScopeId, 'Shared with me', 'Accepted', image.id), 'now under Accepted');
    assert.equal(await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id), undefined);
    assert.equal((await alice.glance.getMember(image.id, ids.projects.consumer)).status, 'accepted');
  });

  it('Reject, then Reset to pending, each land in Glance and in the tree', async () => {
    let row = await findImageRow(bobScopeId, 'Shared with me', 'Accepted', image.id);
    await vscode.commands.executeCommand('glanceShare.reject', row, [row]);
    assert.equal((await alice.glance.getMember(image.id, ids.projects.consumer)).status, 'rejected');
    row = await findImageRow(bobScopeId, 'Shared with me', 'Rejected', image.id);
    assert.ok(row, 'under Rejected');
    await vscode.commands.executeCommand('glanceShare.resetPending', row, [row]);
    assert.equal((await alice.glance.getMember(image.id, ids.projects.consumer)).status, 'pending');
    await waitFor(async () => !!(await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id)), 'the image back under Pending');
  });

  it('carol, consumer-scoped, answers for the consumer project, and bob\u2019s scope follows', async () => {
    const carol = await scopeNamed('carol-consumer');
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: carol.id });
    let row: ImageNode | undefined;
    await waitFor(async () => !!(row = await findImageRow(carol.id, 'Shared with me', 'Pending', image.id)), 'the share under carol-consumer\u2019s Pending');
    await vscode.commands.executeCommand('glanceShare.accept', row, [row]);
    assert.equal((await alice.glance.getMember(image.id, ids.projects.consumer)).status, 'accepted');
    await waitFor(async () => !!(await findImageRow(bobScopeId, 'Shared with me', 'Accepted', image.id)), 'bob\u2019s scope (same project) to show it accepted');
    row = await findImageRow(carol.id, 'Shared with me', 'Accepted', image.id);
    await vscode.commands.executeCommand('glanceShare.resetPending', row, [row]);
    await waitFor(async () => !!(await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id)), 'bob\u2019s scope to show it pending again');
  });

  it('an admin scope does not pretend to know its incoming shares (Glance lists every share to an admin)', async () => {
    const admin = await scopeNamed('admin');
    const groups = await childrenByLabel({ kind: 'scope', scopeId: admin.id });
    const { ctx } = await api();
    await waitFor(() => ctx.images.main(admin.id).kind === 'loaded', 'admin\u2019s images to load');
    const rows = ctx.tree.rows(groups.get('Shared with me'));
    assert.deepEqual(
      rows.map((row) => labelOf(ctx.tree.getTreeItem(row))),
      ['All Shares (admin)\u2026', 'Not shown for an admin token'],
    );
  });

  it('Copy Image ID and Copy as CLI command put the right text on the clipboard', async () => {
    const row = await findImageRow(bobScopeId, 'Shared with me', 'Pending', image.id);
    await vscode.commands.executeCommand('glanceShare.copyImageId', row);
    assert.equal(await vscode.env.clipboard.readText(), image.id);
  });
});
