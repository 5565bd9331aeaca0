// All Shares (the access overview in admin mode) in the running extension against the real
// Glance: the admin scope's overview lists images of two owner projects (producer, alice's; other,
// dave's) with their owners by name, their members and answers as the `openstack` CLI lists them,
// and every row Glance's admin listing has; the exports carry the owner's name and ID; a scope
// without the admin role is offered no All Shares (no row, no menu flag, the command refuses).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { NO_FILTER, type OverviewModel } from '../../src/sharing';
import type { AccessOverview } from '../../src/ui/overview/overviewPanel';
import type { Node } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, openstack, scopeNamed, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

interface CliMember {
  readonly 'Image ID': string;
  readonly 'Member ID': string;
  readonly Status: string;
}

describe('All Shares: the admin\u2019s access overview (real Glance)', () => {
  const ids = stackIds();
  const stranger = randomBytes(16).toString('hex');
  let alice: ScopeConnection;
  let dave: ScopeConnection;
  let bob: ScopeConnection;
  let admin: ScopeConnection;
  let adminScopeId: string;
  let aliceScopeId: string;
  let prefix: string;
  const made: Array<{ image: GlanceImage; owner: ScopeConnection }> = [];

  async function openAllShares(scopeId: string): Promise<{ overview: AccessOverview; model: OverviewModel }> {
    const overview = await vscode.commands.executeCommand<AccessOverview | undefined>('glanceShare.showAllShares', { scopeId });
    assert.ok(overview, 'the command returned its overview');
    await overview.reading;
    await waitFor(() => overview.lastModel?.done === true, 'All Shares to post its complete model', 60_000);
    return { overview, model: overview.lastModel! };
  }

  before(async () => {
    [alice, dave, bob, admin] = await Promise.all([connectAs('alice'), connectAs('dave'), connectAs('bob'), connectAs('admin')]);
    prefix = uniqueName('exthost-allshares');
    const producerImage = await createImage(alice, `${prefix}-producer`, 'shared');
    const otherImage = await createImage(dave, `${prefix}-other`, 'shared');
    made.push({ image: producerImage, owner: alice }, { image: otherImage, owner: dave });
    await alice.glance.addMember(producerImage.id, ids.projects.consumer);
    await alice.glance.addMember(producerImage.id, stranger);
    await dave.glance.addMember(otherImage.id, ids.projects.consumer);
    await bob.glance.updateMemberStatus(producerImage.id, ids.projects.consumer, 'accepted');
    await bob.glance.updateMemberStatus(otherImage.id, ids.projects.consumer, 'rejected');
    const { ctx } = await api();
    adminScopeId = (await scopeNamed('admin')).id;
    aliceScopeId = (await scopeNamed('alice')).id;
    await waitFor(
      () => ctx.images.main(adminScopeId).kind === 'loaded' && ctx.images.main(aliceScopeId).kind === 'loaded',
      'admin\u2019s and alice\u2019s images to load',
      30_000,
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map(({ image, owner }) => deleteImage(owner, image.id).catch(() => undefined)));
  });

  it('lists both owners\u2019 images, owners by name, members and answers as the openstack CLI lists them, and every shared image Glance lists to the admin', async () => {
    const { overview, model } = await openAllShares(adminScopeId);
    assert.equal(overview.mode, 'admin');
    assert.equal(model.mode, 'admin');
    assert.deepEqual(overview.scopeIds, [adminScopeId]);
    assert.deepEqual(
      model.scopes.map((s) => [s.projectId, s.error]),
      [[ids.projects.admin, undefined]],
    );
    const ours = made.map(({ image }) => model.rows.find((r) => r.imageId === image.id));
    assert.deepEqual(
      ours.map((r) => [r?.imageName, r?.ownerId, r?.state]),
      [
        [`${prefix}-producer`, ids.projects.producer, 'loaded'],
        [`${prefix}-other`, ids.projects.other, 'loaded'],
      ],
    );
    assert.equal(model.names[ids.projects.producer], 'producer');
    assert.equal(model.names[ids.projects.other], 'other');
    assert.equal(model.names[ids.projects.consumer], 'consumer', 'the member project by its name');
    for (const row of ours) {
      const cli = JSON.parse(openstack('admin', ['image', 'member', 'list', row!.imageId, '-f', 'json'])) as CliMember[];
      assert.deepEqual(
        row!.cells.map((c) => [c.projectId, c.status]).sort(),
        cli.map((m) => [m['Member ID'], m.Status]).sort(),
        `the members of ${row!.imageName} as the CLI lists them`,
      );
    }
    assert.deepEqual(
      ours[0]!.cells.map((c) => [c.projectId, c.status]).sort(),
      [
        [ids.projects.consumer, 'accepted'],
        [stranger, 'pending'],
      ].sort(),
    );
    assert.deepEqual(
      ours[1]!.cells.map((c) => [c.projectId, c.status]),
      [[ids.projects.consumer, 'rejected']],
    );
    // Every shared image of the region, whoever owns it: what Glance lists to the admin now.
    const listed = await admin.glance.listAllImages({ visibility: 'shared' });
    assert.deepEqual(model.rows.map((r) => r.imageId).sort(), listed.map((i) => i.id).sort());
    assert.ok(new Set(model.rows.map((r) => r.ownerId)).size >= 2, 'rows of several owners');
  });

  it('exports CSV, JSON and Markdown with the owner project\u2019s name and ID', async () => {
    const { overview } = await openAllShares(adminScopeId);
    const filter = { ...NO_FILTER, imageText: prefix };
    const csv = (await overview.receive({ type: 'export', format: 'csv', filter })) as vscode.TextDocument;
    const lines = csv
      .getText()
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    assert.deepEqual(lines[0].slice(2, 9), ['owner project', 'owner project id', 'image', 'image id', 'member project', 'member project id', 'status']);
    assert.deepEqual(
      lines.slice(1).map((l) => l.slice(2, 9)),
      [
        ['other', ids.projects.other, `${prefix}-other`, made[1].image.id, 'consumer', ids.projects.consumer, 'rejected'],
        ['producer', ids.projects.producer, `${prefix}-producer`, made[0].image.id, 'consumer', ids.projects.consumer, 'accepted'],
        ['producer', ids.projects.producer, `${prefix}-producer`, made[0].image.id, '', stranger, 'pending'],
      ],
      'owner → image → member, named members first',
    );
    const json = (await overview.receive({ type: 'export', format: 'json', filter })) as vscode.TextDocument;
    const data = JSON.parse(json.getText()) as { mode: string; images: Array<{ id: string; ownerProjectId: string; ownerProjectName: string }> };
    assert.equal(data.mode, 'admin');
    assert.deepEqual(
      data.images.map((i) => [i.id, i.ownerProjectId, i.ownerProjectName]),
      [
        [made[1].image.id, ids.projects.other, 'other'],
        [made[0].image.id, ids.projects.producer, 'producer'],
      ],
    );
    const md = (await overview.receive({ type: 'export', format: 'markdown', filter })) as vscode.TextDocument;
    assert.ok(md.getText().includes(`| other | \`${ids.projects.other}\` |`), 'the owner by name and ID');
  });

  it('is offered only to an admin scope: its Shared with me row and scope menu; alice\u2019s scope gets neither, and the command refuses it', async () => {
    const { ctx } = await api();
    const scopeRow = (scopeId: string): Node => ({ kind: 'scope', scopeId });
    const incoming = (scopeId: string) => ctx.tree.rows(scopeRow(scopeId)).find((n) => n.kind === 'group' && n.group === 'incoming')!;
    const commandsUnder = (scopeId: string) => ctx.tree.rows(incoming(scopeId)).map((n) => ctx.tree.getTreeItem(n).command?.command);
    assert.ok(commandsUnder(adminScopeId).includes('glanceShare.showAllShares'));
    assert.match(ctx.tree.getTreeItem(scopeRow(adminScopeId)).contextValue ?? '', /;can:showAllShares(;|$)/);
    assert.ok(!commandsUnder(aliceScopeId).includes('glanceShare.showAllShares'));
    assert.doesNotMatch(ctx.tree.getTreeItem(scopeRow(aliceScopeId)).contextValue ?? '', /showAllShares/);
    const refused = await vscode.commands.executeCommand<AccessOverview | undefined>('glanceShare.showAllShares', { scopeId: aliceScopeId });
    assert.equal(refused, undefined);
    assert.ok(!ctx.overviews.all.some((o) => o.mode === 'admin' && o.scopeIds.includes(aliceScopeId)));
  });
});
