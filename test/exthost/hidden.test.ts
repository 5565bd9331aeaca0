// Hidden images (os_hidden) in the tree of a real extension host, against the real Glance: the
// owner's hidden image under My images and a hidden share under Pending, both marked; Hide and
// Unhide change Glance and the row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { ImageNode, Node } from '../../src/ui/tree/nodes';
import { aliceSharesWithConsumer, api, deleteImage } from './stack';
import { waitFor } from './support';

async function imageRow(scopeId: string, group: string, sub: string, imageId: string): Promise<ImageNode | undefined> {
  const { ctx } = await api();
  const label = (n: Node) => {
    const l = ctx.tree.getTreeItem(n).label;
    return (typeof l === 'string' ? l : (l?.label ?? '')).replace(/ \(\d+\)$/, '');
  };
  const groupNode = ctx.tree.rows({ kind: 'scope', scopeId }).find((n) => label(n) === group);
  const subNode = groupNode && ctx.tree.rows(groupNode).find((n) => label(n) === sub);
  return subNode && ctx.tree.rows(subNode).find((n): n is ImageNode => n.kind === 'image' && n.image.id === imageId);
}

describe('hidden images in the tree', () => {
  let fixture: Awaited<ReturnType<typeof aliceSharesWithConsumer>>;
  let alice: ScopeConnection;
  let image: GlanceImage;
  let aliceScopeId: string;
  let bobScopeId: string;

  before(async () => {
    fixture = await aliceSharesWithConsumer('exthost-hidden');
    ({ alice, image, aliceScopeId, bobScopeId } = fixture);
    await alice.glance.setHidden(image.id, true);
    for (const scopeId of [aliceScopeId, bobScopeId]) await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId });
  });

  after(async () => {
    if (fixture) await deleteImage(alice, image.id);
  });

  it('the owner sees the hidden image under My images › Shared, marked hidden, with Unhide', async () => {
    const { ctx } = await api();
    const row = await imageRow(aliceScopeId, 'My images', 'Shared', image.id);
    assert.ok(row, 'the hidden image is listed for its owner');
    const item = ctx.tree.getTreeItem(row);
    assert.match(String(item.description), /(^|· )hidden( ·|$)/);
    assert.match(String(item.contextValue), /;can:unhide(;|$)/);
    assert.doesNotMatch(String(item.contextValue), /;can:hide(;|$)/);
    assert.match((ctx.tree.resolveTreeItem(item, row).tooltip as vscode.MarkdownString).value, /Hidden: yes/);
  });

  it('the consumer sees the hidden share under Pending, marked hidden, and it counts on the badge', async () => {
    const { ctx } = await api();
    const row = await imageRow(bobScopeId, 'Shared with me', 'Pending', image.id);
    assert.ok(row, 'a hidden share is pending too');
    const item = ctx.tree.getTreeItem(row);
    assert.match(String(item.description), /^from producer · hidden/);
    assert.doesNotMatch(String(item.contextValue), /;can:(un)?hide(;|$)/);
    assert.ok(ctx.images.pendingTotal() >= 1 && (ctx.view.badge?.value ?? 0) >= 1);
  });

  it('Unhide Image clears os_hidden in Glance and the mark on the row; Hide Image sets both again', async () => {
    const { ctx } = await api();
    const row = await imageRow(aliceScopeId, 'My images', 'Shared', image.id);
    assert.ok(row);
    await vscode.commands.executeCommand('glanceShare.unhideImage', row);
    assert.equal((await alice.glance.getImage(image.id)).os_hidden, false);
    await waitFor(async () => {
      const now = await imageRow(aliceScopeId, 'My images', 'Shared', image.id);
      return !!now && !/hidden/.test(String(ctx.tree.getTreeItem(now).description)) && /;can:hide(;|$)/.test(String(ctx.tree.getTreeItem(now).contextValue));
    }, 'the row without its hidden mark, offering Hide');
    const visible = await imageRow(aliceScopeId, 'My images', 'Shared', image.id);
    await vscode.commands.executeCommand('glanceShare.hideImage', visible);
    assert.equal((await alice.glance.getImage(image.id)).os_hidden, true);
    await waitFor(async () => {
      const now = await imageRow(aliceScopeId, 'My images', 'Shared', image.id);
      return !!now && /hidden/.test(String(ctx.tree.getTreeItem(now).description));
    }, 'the row marked hidden again');
  });
});
