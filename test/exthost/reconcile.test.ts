// The other side changes things under the extension (a second client, as the CLI would): an action
// on a row that is no longer true corrects the tree at once and an open panel says the image is gone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { MembersPanel } from '../../src/ui/panel/membersPanel';
import type { ImageNode } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds } from './stack';
import { postedDuring, waitFor } from './support';

describe('reconcile: the other side changed things meanwhile (real Glance)', () => {
  const ids = stackIds();
  let alice: ScopeConnection;
  let aliceScopeId: string;
  let bobScopeId: string;
  const made: GlanceImage[] = [];

  before(async () => {
    alice = await connectAs('alice');
    aliceScopeId = (await scopeNamed('alice')).id;
    bobScopeId = (await scopeNamed('bob')).id;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map((i) => deleteImage(alice, i.id)));
  });

  const inPending = async (image: GlanceImage) => {
    const { ctx } = await api();
    const main = ctx.images.main(bobScopeId);
    return main.kind === 'loaded' && main.value.incoming.pending.some((i) => i.id === image.id);
  };

  /** A share bob sees pending in the tree, as he would before the owner withdraws it. */
  async function pendingShare(prefix: string): Promise<GlanceImage> {
    const image = await createImage(alice, prefix, 'shared');
    made.push(image);
    await alice.glance.addMember(image.id, ids.projects.consumer);
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
    await waitFor(() => inPending(image), 'bob\u2019s tree to show the share pending');
    return image;
  }

  /** A new shared image of alice's and its members panel, open. */
  async function ownersPanel(prefix: string): Promise<{ image: GlanceImage; panel: MembersPanel }> {
    const { ctx } = await api();
    const image = await createImage(alice, prefix, 'shared');
    made.push(image);
    const node: ImageNode = { kind: 'image', scopeId: aliceScopeId, path: `${aliceScopeId}/mine/shared/${image.id}`, image };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const panel = ctx.panels.find({ scopeId: aliceScopeId, imageId: image.id });
    assert.ok(panel, 'a panel for the image');
    await waitFor(() => panel.lastState !== undefined, 'the panel\u2019s state');
    return { image, panel };
  }

  it('Accept on a share the owner withdrew: the row leaves Pending and the badge stops counting it, without a Refresh', async () => {
    const { ctx } = await api();
    const image = await pendingShare('exthost-withdrawn');
    const before = ctx.images.pendingTotal();
    await alice.glance.removeMember(image.id, ids.projects.consumer); // the owner, elsewhere
    const node: ImageNode = { kind: 'image', scopeId: bobScopeId, path: `${bobScopeId}/incoming/pending/${image.id}`, image, memberStatus: 'pending' };
    await vscode.commands.executeCommand('glanceShare.accept', node, [node]);
    assert.equal(await inPending(image), false, 'gone from Pending');
    const main = ctx.images.main(bobScopeId);
    assert.ok(main.kind === 'loaded' && !Object.values(main.value.incoming).some((list) => list.some((i) => i.id === image.id)), 'and from every status group');
    assert.equal(ctx.images.pendingTotal(), before - 1, 'the badge\u2019s count');
    assert.equal(ctx.view.badge?.value ?? 0, before - 1);
  });

  it('Show Members on a row whose image was deleted says so instead of loading forever', async () => {
    const { ctx } = await api();
    const image = await pendingShare('exthost-deleted');
    await deleteImage(alice, image.id);
    const node: ImageNode = { kind: 'image', scopeId: bobScopeId, path: `${bobScopeId}/incoming/pending/${image.id}`, image, memberStatus: 'pending' };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const panel = ctx.panels.find({ scopeId: bobScopeId, imageId: image.id });
    assert.ok(panel, 'a panel was opened');
    await waitFor(() => panel.gone, 'the panel to say the image is gone');
    assert.equal(panel.lastState, undefined, 'no image state was ever shown');
    assert.equal(await inPending(image), false, 'and the stale row is gone from the tree');
  });

  it('an open owner\u2019s panel whose image is deleted says it is gone, and the tree drops the row', async () => {
    const { ctx } = await api();
    const image = await createImage(alice, 'exthost-owner-gone', 'shared');
    made.push(image);
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: aliceScopeId });
    const owned = () => {
      const main = ctx.images.main(aliceScopeId);
      return main.kind === 'loaded' && main.value.owned.shared.some((i) => i.id === image.id);
    };
    await waitFor(owned, 'alice\u2019s tree to show the image');
    const node: ImageNode = { kind: 'image', scopeId: aliceScopeId, path: `${aliceScopeId}/mine/shared/${image.id}`, image };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const panel = ctx.panels.find({ scopeId: aliceScopeId, imageId: image.id });
    assert.ok(panel);
    await waitFor(() => panel.lastState?.role === 'owned', 'the panel\u2019s state');
    await deleteImage(alice, image.id); // e.g. `openstack image delete` in a terminal
    await panel.receive({ type: 'refresh' });
    assert.equal(panel.gone, true);
    assert.equal(owned(), false, 'the row is gone from My images');
  });

  it('adding a project another client added meanwhile is reported as done: already a member', async () => {
    const { image, panel } = await ownersPanel('exthost-dup-member');
    await alice.glance.addMember(image.id, ids.projects.other); // the other client
    const posted = await postedDuring(panel.panel, () => panel.receive({ type: 'addMembers', text: ids.projects.other }));
    const results = posted.find((m): m is { type: 'addResults'; results: Array<{ ok: boolean; message: string }> } => (m as { type?: string }).type === 'addResults');
    assert.ok(results, 'the add results were sent');
    assert.deepEqual(
      results.results.map((r) => [r.ok, r.message]),
      [[true, 'already a member: nothing changed']],
    );
  });

  it('a well-formed ID no signed-in identity is in is added with a caution, and marked "unknown project" in the table', async () => {
    const { panel } = await ownersPanel('exthost-unchecked');
    const madeUp = '0123456789abcdef0123456789abcdef'; // well-formed, no such project
    const posted = await postedDuring(panel.panel, () => panel.receive({ type: 'addMembers', text: `${madeUp} ${ids.projects.consumer}` }));
    const results = posted.find(
      (m): m is { type: 'addResults'; results: Array<{ input: string; ok: boolean; message: string }> } => (m as { type?: string }).type === 'addResults',
    );
    assert.ok(results);
    const byInput = new Map(results.results.map((r) => [r.input, r]));
    assert.equal(byInput.get(madeUp)?.ok, true, 'Glance took it: the share went ahead');
    assert.match(String(byInput.get(madeUp)?.message), /Glance cannot check it/);
    assert.doesNotMatch(String(byInput.get(ids.projects.consumer)?.message), /cannot check/, 'bob\u2019s scope is in consumer: known');
    await waitFor(() => panel.lastState?.members.length === 2, 'both members in the table');
    const rows = new Map(panel.lastState!.members.map((m) => [m.projectId, m]));
    assert.equal(rows.get(madeUp)?.unknownProject, true);
    assert.equal(rows.get(ids.projects.consumer)?.unknownProject, undefined);
  });
});
