// New items in view: a share that arrives (the owner ran `openstack image add project` in a
// terminal) or an image the user's Accept moved lands in a group that may be closed; VS Code is
// asked to reveal that one row, which opens the groups above it, without selecting it or taking
// the focus, and never on a scope's first load or while the view is not shown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { ImageNode, Node } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, openstack, scopeNamed, settledScopes, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

describe('arrivals: new and moved images are brought into view (real Glance, the CLI on the other side)', function () {
  // Each step waits for Glance and Keystone, which a busy machine slows down.
  this.timeout(120_000);
  const ids = stackIds();
  let alice: ScopeConnection;
  let bobScopeId: string;
  const made: GlanceImage[] = [];
  /** The rows VS Code opened since the test began, as `group/status` keys of bob's scope. */
  let expanded: string[] = [];
  let listener: vscode.Disposable | undefined;

  const key = (node: Node) =>
    node.kind === 'subgroup' && node.group === 'incoming' ? `incoming/${node.status}` : node.kind === 'group' ? node.group : node.kind === 'scope' ? 'scope' : '';

  const statusOf = async (image: GlanceImage) => {
    const { ctx } = await api();
    const main = ctx.images.main(bobScopeId);
    if (main.kind !== 'loaded' || ctx.images.isLoading(bobScopeId)) return undefined;
    return (['pending', 'accepted', 'rejected'] as const).find((s) => main.value.incoming[s].some((i) => i.id === image.id));
  };

  /** What the reveals did, for a failure's message. */
  const state = async () => {
    const { ctx } = await api();
    return `reveals ${ctx.arrivals.count}, last ${JSON.stringify(ctx.arrivals.last)}, busy ${ctx.arrivals.busy}, view visible ${ctx.view.visible}, opened: ${expanded.join(', ')}`;
  };

  /** Waits like waitFor; a timeout also says what the reveals did. */
  async function revealed(condition: () => boolean, what: string): Promise<void> {
    try {
      await waitFor(condition, what, 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message} (${await state()})`, { cause: error });
    }
  }

  /** An image of alice's, shared with consumer by the CLI, as its owner would at a terminal. */
  async function sharedByCli(name: string): Promise<GlanceImage> {
    const image = await createImage(alice, name, 'shared');
    made.push(image);
    openstack('alice', ['image', 'add', 'project', image.id, ids.projects.consumer]);
    return image;
  }

  async function refreshBob(): Promise<void> {
    const { ctx } = await api();
    await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: bobScopeId });
    await waitFor(() => !ctx.images.isLoading(bobScopeId), 'bob\u2019s listing to finish', 30_000);
  }

  /** The view shown with every row closed, and the focus in an editor, as a user busy elsewhere. */
  async function closedViewAndEditorFocused(): Promise<vscode.TextEditor> {
    const { ctx } = await api();
    await vscode.commands.executeCommand('glanceShare.images.focus');
    await waitFor(() => ctx.view.visible, 'the Images view to show');
    await vscode.commands.executeCommand('workbench.actions.treeView.glanceShare.images.collapseAll');
    const document = await vscode.workspace.openTextDocument({ content: 'notes the user is typing\n' });
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    expanded = [];
    return editor;
  }

  before(async function () {
    // Every cloud of the stack signs in and lists at activation: on a busy machine Keystone takes
    // a while to answer them all, so start once they are done.
    this.timeout(180_000);
    const { ctx } = await api();
    await settledScopes();
    await waitFor(() => ctx.connections.scopes.every((s) => !ctx.images.isLoading(s.id)), 'every scope to finish listing', 150_000);
    alice = await connectAs('alice');
    bobScopeId = (await scopeNamed('bob')).id;
    listener = ctx.view.onDidExpandElement(({ element }) => {
      if ('scopeId' in element && element.scopeId === bobScopeId) expanded.push(key(element));
    });
    await refreshBob();
  });

  after(async () => {
    listener?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map((i) => deleteImage(alice, i.id)));
  });

  it('a share arriving on a Refresh is revealed in Pending: its closed scope opens; selection and focus stay; only the first of two', async () => {
    const { ctx } = await api();
    const editor = await closedViewAndEditorFocused();
    const selection = ctx.view.selection;
    const before = ctx.arrivals.count;
    const prefix = uniqueName('exthost-arrive');
    const first = await sharedByCli(`${prefix}-a`);
    const second = await sharedByCli(`${prefix}-b`);
    await refreshBob();
    assert.equal(await statusOf(first), 'pending');
    assert.equal(await statusOf(second), 'pending');
    await waitFor(() => ctx.arrivals.count > before, 'a reveal to be asked of VS Code', 30_000);
    assert.equal(ctx.arrivals.count, before + 1, 'one reveal for one refresh, however many shares arrived');
    assert.deepEqual(ctx.arrivals.last, { path: `${bobScopeId}/incoming/pending/${first.id}`, cause: 'newShare' }, 'the first in the order shown');
    // VS Code opened the way to the row: the scope, Shared with me and Pending, closed by Collapse All.
    // VS Code opened the way to the row: bob's scope, closed by Collapse All (its groups open by default).
    await revealed(() => !ctx.arrivals.busy && expanded.includes('scope'), 'bob\u2019s scope to be opened');
    assert.deepEqual(ctx.view.selection, selection, 'nothing was selected');
    assert.equal(vscode.window.activeTextEditor, editor, 'the editor is still the active one');
  });

  it('Accept moves the share to Accepted, and Accepted opens to show it', async () => {
    const { ctx } = await api();
    const image = await sharedByCli(uniqueName('exthost-accepted'));
    await refreshBob();
    await closedViewAndEditorFocused();
    const node: ImageNode = { kind: 'image', scopeId: bobScopeId, path: `${bobScopeId}/incoming/pending/${image.id}`, image, memberStatus: 'pending' };
    await vscode.commands.executeCommand('glanceShare.accept', node, [node]);
    assert.equal(await statusOf(image), 'accepted');
    await revealed(() => ctx.arrivals.last?.path === `${bobScopeId}/incoming/accepted/${image.id}`, 'the accepted row to be revealed');
    assert.equal(ctx.arrivals.last?.cause, 'answer');
    await revealed(() => expanded.includes('incoming/accepted'), 'Accepted to be opened');
  });

  it('a scope\u2019s first load reveals nothing, even with shares waiting', async () => {
    const { ctx } = await api();
    const image = await sharedByCli(uniqueName('exthost-first-load'));
    const before = ctx.arrivals.count;
    // carol, in consumer too, adds that project side by side: a new scope, listed for the first time.
    const carol = await scopeNamed('carol-producer');
    const added = await ctx.connections.addScope(carol, { id: ids.projects.consumer, name: 'consumer' });
    try {
      await waitFor(
        () => {
          const main = ctx.images.main(added.id);
          return main.kind === 'loaded' && !ctx.images.isLoading(added.id) && main.value.incoming.pending.length > 0;
        },
        'the added scope to list the shares waiting',
        30_000,
      );
      assert.equal(ctx.arrivals.count, before, 'no reveal');
    } finally {
      await ctx.connections.removeScope(ctx.connections.find(added.id)!);
      await deleteImage(alice, image.id); // not left waiting for bob's next Refresh to find
    }
  });

  it('while the view is not shown nothing is revealed (the side bar keeps the Explorer); the share shows once the view is opened', async () => {
    const { ctx } = await api();
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(() => !ctx.view.visible, 'the Images view to be hidden');
    const before = ctx.arrivals.count;
    const image = await sharedByCli(uniqueName('exthost-hidden-view'));
    await refreshBob();
    assert.equal(await statusOf(image), 'pending');
    assert.equal(ctx.arrivals.count, before, 'no reveal while hidden');
    assert.equal(ctx.view.visible, false, 'the view was not opened');
    await vscode.commands.executeCommand('glanceShare.images.focus');
    await revealed(() => ctx.arrivals.last?.path === `${bobScopeId}/incoming/pending/${image.id}`, 'the waiting arrival to be revealed when the view shows');
  });

  it('the view\u2019s Refresh signs every scope in again, and still reveals the share that arrived', async function () {
    this.timeout(180_000);
    const { ctx } = await api();
    await closedViewAndEditorFocused();
    const image = await sharedByCli(uniqueName('exthost-view-refresh'));
    await vscode.commands.executeCommand('glanceShare.refresh'); // the view's title button: no scope given
    await waitFor(async () => (await statusOf(image)) === 'pending', 'bob\u2019s new connection to list the share', 150_000);
    // bob's, or another scope of consumer (bob-srbac, carol-consumer): whichever listed it first.
    await revealed(() => !!ctx.arrivals.last?.path.endsWith(`/incoming/pending/${image.id}`) && !ctx.arrivals.busy, 'the share to be revealed');
  });
});
