// What a screen reader announces for each row of the tree: the words a sighted user reads there
// (label, count, state), never a tooltip's file path or technical text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { Node } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds } from './stack';
import { waitFor } from './support';

describe('accessible names of the tree\u2019s rows (real stack)', () => {
  const ids = stackIds();
  let alice: ScopeConnection;
  let image: GlanceImage;
  let bobScopeId: string;

  before(async () => {
    alice = await connectAs('alice');
    image = await createImage(alice, 'exthost-a11y', 'shared');
    await alice.glance.addMember(image.id, ids.projects.consumer);
    bobScopeId = (await scopeNamed('bob')).id;
    const { ctx } = await api();
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
    await waitFor(() => {
      const main = ctx.images.main(bobScopeId);
      return main.kind === 'loaded' && !ctx.images.isLoading(bobScopeId) && main.value.incoming.pending.some((i) => i.id === image.id);
    }, 'bob\u2019s tree to show the share pending');
  });

  after(async () => {
    await deleteImage(alice, image.id);
  });

  const spoken = async (node: Node) => String((await api()).ctx.tree.getTreeItem(node).accessibilityInformation?.label);

  it('a scope row: cloud · project, and who is signed in', async () => {
    assert.equal(await spoken({ kind: 'scope', scopeId: bobScopeId }), 'bob · consumer, connected as bob, region RegionOne');
  });

  it('group rows: title and count, with the pending count heard on Shared with me', async () => {
    const { ctx } = await api();
    const main = ctx.images.main(bobScopeId);
    assert.ok(main.kind === 'loaded');
    const incoming = Object.values(main.value.incoming).reduce((n, list) => n + list.length, 0);
    const owned = Object.values(main.value.owned).reduce((n, list) => n + list.length, 0);
    const plural = (n: number) => `${n} image${n === 1 ? '' : 's'}`;
    assert.equal(await spoken({ kind: 'group', scopeId: bobScopeId, group: 'incoming' }), `Shared with me, ${plural(incoming)}, ${main.value.pendingCount} pending`);
    assert.equal(await spoken({ kind: 'group', scopeId: bobScopeId, group: 'mine' }), `My images, ${plural(owned)}`);
    assert.equal(await spoken({ kind: 'subgroup', scopeId: bobScopeId, group: 'incoming', status: 'pending' }), `Pending, ${plural(main.value.incoming.pending.length)}`);
    assert.match(await spoken({ kind: 'group', scopeId: bobScopeId, group: 'community' }), /^Community, (loaded when expanded|loading|\d+ images?)$/);
  });

  it('an image row: its name, this project\u2019s answer, and where it comes from', async () => {
    const label = await spoken({ kind: 'image', scopeId: bobScopeId, path: `${bobScopeId}/incoming/pending/${image.id}`, image, memberStatus: 'pending' });
    // An image without data is "queued" in Glance, and its row says so.
    assert.equal(label, `${image.name}, pending, from producer · ${image.status}`);
  });
});
