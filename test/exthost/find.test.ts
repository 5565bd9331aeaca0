// Find and inspect in a real extension host against the real Glance: the view's filter (local
// match and the part Glance applies), Open Image by ID, the details document and Compare With.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { shareNotice } from '../../src/sharing';
import type { OpenByIdOutcome } from '../../src/ui/findCommands';
import type { ImageNode } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

describe('find and inspect', () => {
  const ids = stackIds();
  const tag = uniqueName('find');
  let alice: ScopeConnection;
  const made: GlanceImage[] = [];
  let ubuntu: GlanceImage;
  let debian: GlanceImage;
  let shared: GlanceImage;
  let aliceScopeId: string;
  let bobScopeId: string;

  const node = (scopeId: string, where: string, image: GlanceImage, memberStatus?: ImageNode['memberStatus']): ImageNode => ({
    kind: 'image',
    scopeId,
    path: `${scopeId}/${where}/${image.id}`,
    image,
    memberStatus,
  });

  before(async () => {
    alice = await connectAs('alice');
    ubuntu = await createImage(alice, `${tag}-ubuntu-a`, 'private', { tags: [tag] });
    made.push(ubuntu);
    debian = await createImage(alice, `${tag}-debian`, 'private', { tags: [tag] });
    made.push(debian);
    shared = await createImage(alice, `${tag}-ubuntu-shared`, 'shared', { tags: [tag] });
    made.push(shared);
    await alice.glance.addMember(shared.id, ids.projects.consumer);
    aliceScopeId = (await scopeNamed('alice')).id;
    bobScopeId = (await scopeNamed('bob')).id;
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: aliceScopeId });
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
  });

  after(async () => {
    await vscode.commands.executeCommand('glanceShare.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const image of made) await deleteImage(alice, image.id);
  });

  afterEach(async () => {
    // A failed filter test must not leave the view filtered for the next ones.
    await vscode.commands.executeCommand('glanceShare.clearFilter');
  });

  it('a filter narrows the groups, says so, is remembered, and Glance receives its tag and created_at', async () => {
    const { ctx } = await api();
    await vscode.commands.executeCommand('glanceShare.filterImages', `tag:${tag} *ubuntu*`);
    const main = ctx.images.main(aliceScopeId);
    assert.equal(main.kind, 'loaded');
    // The store holds what Glance sent, before any local match: only the tag's images, so the tag went to Glance.
    const stored = main.kind === 'loaded' ? Object.values(main.value.owned).flat() : [];
    assert.deepEqual(stored.map((i) => i.id).sort(), made.map((i) => i.id).sort());
    const mine = ctx.tree.rows({ kind: 'scope', scopeId: aliceScopeId }).find((n) => n.kind === 'group' && n.group === 'mine');
    assert.ok(mine);
    assert.equal(ctx.tree.getTreeItem(mine).description, '2 matching', 'ubuntu-a and ubuntu-shared, not debian');
    assert.equal(ctx.view.description, `Filter: *ubuntu* tag:${tag}`);
    assert.equal(ctx.extension.workspaceState.get('glanceShare.filter'), `*ubuntu* tag:${tag}`);

    // created_at comparisons are Glance's: one before the images existed leaves nothing in the store.
    await vscode.commands.executeCommand('glanceShare.filterImages', `tag:${tag} created<2000-01-01`);
    const none = ctx.images.main(aliceScopeId);
    assert.deepEqual(none.kind === 'loaded' ? Object.values(none.value.owned).flat() : ['not loaded'], []);
    await vscode.commands.executeCommand('glanceShare.filterImages', `tag:${tag} created>2000-01-01`);
    const all = ctx.images.main(aliceScopeId);
    assert.equal(all.kind === 'loaded' ? Object.values(all.value.owned).flat().length : -1, 3);

    await vscode.commands.executeCommand('glanceShare.clearFilter');
    assert.equal(ctx.view.description, undefined);
    assert.equal(ctx.extension.workspaceState.get('glanceShare.filter'), undefined);
  });

  it('Open Image by ID reveals and selects the image\u2019s row', async () => {
    const { ctx } = await api();
    const outcome = (await vscode.commands.executeCommand('glanceShare.openImageById', debian.id.replace(/-/g, ''))) as OpenByIdOutcome;
    assert.equal(outcome.kind, 'revealed');
    await waitFor(() => ctx.view.selection.some((n) => n.kind === 'image' && n.image.id === debian.id), 'the row to be selected');
    assert.ok(ctx.view.visible);
  });

  it('Open Image by ID with a pasted share notice finds the pending share in the consumer\u2019s scope', async () => {
    const notice = shareNotice(shared, { id: ids.projects.producer, name: 'producer' }, ids.projects.consumer);
    const outcome = (await vscode.commands.executeCommand('glanceShare.openImageById', notice)) as OpenByIdOutcome;
    assert.equal(outcome.kind, 'pending');
    assert.ok(outcome.kind === 'pending' && outcome.node.memberStatus === 'pending');
    const { ctx } = await api();
    await waitFor(
      () => ctx.view.selection.some((n) => n.kind === 'image' && n.image.id === shared.id && n.scopeId === bobScopeId),
      'bob\u2019s Pending row to be selected',
    );
  });

  it('Open Image by ID says when the view’s filter hides the image', async () => {
    await vscode.commands.executeCommand('glanceShare.filterImages', `tag:${tag} *ubuntu*`);
    const outcome = (await vscode.commands.executeCommand('glanceShare.openImageById', debian.id)) as OpenByIdOutcome;
    assert.equal(outcome.kind, 'hiddenByFilter');
  });

  it('Open Image by ID says when no connected project can see the ID', async () => {
    const outcome = (await vscode.commands.executeCommand('glanceShare.openImageById', '00000000-0000-4000-8000-000000000000')) as OpenByIdOutcome;
    assert.equal(outcome.kind, 'notFound');
  });

  it('Show Details opens a read-only YAML document holding exactly what GET /v2/images/{id} returns', async () => {
    const uri = (await vscode.commands.executeCommand('glanceShare.showImageDetails', node(aliceScopeId, 'mine/private', ubuntu))) as vscode.Uri;
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 'the details editor');
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.languageId, 'yaml');
    const raw = await alice.session.request({ service: 'glance', operation: 'getImage', method: 'GET', url: `${alice.glance.endpoint}/v2/images/${ubuntu.id}` });
    assert.deepEqual(parse(document.getText()), raw.data);
    assert.match(uri.path, new RegExp(`/alice · producer/${tag}-ubuntu-a\\.yaml$`));
    assert.equal(vscode.workspace.fs.isWritableFileSystem('glance-image'), false, 'the document is read-only');
  });

  it('Compare With opens the diff editor between two images', async () => {
    const left = node(aliceScopeId, 'mine/private', ubuntu);
    const right = node(aliceScopeId, 'mine/private', debian);
    await vscode.commands.executeCommand('glanceShare.compareImages', left, [left, right]);
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
    assert.equal(new URLSearchParams(input.original.query).get('id'), ubuntu.id);
    assert.equal(new URLSearchParams(input.modified.query).get('id'), debian.id);
  });
});
