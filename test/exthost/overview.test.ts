// The access overview in the running extension against the real Glance: the model the overview
// posts to its page is what Glance holds (every row's members read again here and compared), a
// member's answer shows with the project's name, an image deleted between the listing and its
// member list says why in its row while the rest shows, a click opens the members panel, and the
// exports hold the names and IDs. The members are a real project (consumer, whose answers bob
// gives) and project IDs made up for this run (Glance takes any ID as a member,
// docs/glance-behaviour.md#member-ids-unchecked).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { NO_FILTER, cellOf, type OverviewModel } from '../../src/sharing';
import type { AccessOverview } from '../../src/ui/overview/overviewPanel';
import { api, connectAs, createImage, deleteImage, scopeNamed, settledScopes, stackIds, uniqueName } from './stack';
import { waitFor } from './support';

describe('access overview (real Glance)', () => {
  const strangers = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
  const consumer = stackIds().projects.consumer;
  let alice: ScopeConnection;
  let bob: ScopeConnection;
  let aliceScopeId: string;
  let prefix: string;
  const made: GlanceImage[] = [];

  /** Opens (or reveals) the overview through its command, and waits until every member list is read. */
  async function open(args: unknown[]): Promise<{ overview: AccessOverview; model: OverviewModel }> {
    const overview = await vscode.commands.executeCommand<AccessOverview>('glanceShare.showAccessOverview', ...args);
    assert.ok(overview, 'the command returned its overview');
    // An open one is read again: its new read, not the model posted before.
    await overview.reading;
    await waitFor(() => overview.lastModel?.done === true, 'the overview to post its complete model', 60_000);
    return { overview, model: overview.lastModel! };
  }

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
    aliceScopeId = (await scopeNamed('alice')).id;
    prefix = uniqueName('exthost-overview');
    for (const n of [1, 2, 3]) made.push(await createImage(alice, `${prefix}-${n}`, 'shared'));
    await alice.glance.addMember(made[0].id, consumer);
    await alice.glance.addMember(made[0].id, strangers[0]);
    await alice.glance.addMember(made[1].id, consumer);
    await alice.glance.addMember(made[1].id, strangers[1]);
    await alice.glance.addMember(made[2].id, strangers[0]);
    await bob.glance.updateMemberStatus(made[0].id, consumer, 'accepted');
    await bob.glance.updateMemberStatus(made[1].id, consumer, 'rejected');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map((i) => deleteImage(alice, i.id).catch(() => undefined)));
  });

  it('posts a model equal to what Glance holds: every owned shared image, its members, statuses and dates; members named as the picker names them', async () => {
    const { overview, model } = await open([{ scopeId: aliceScopeId }, 'scope']);
    assert.deepEqual(overview.scopeIds, [aliceScopeId]);
    assert.deepEqual(
      model.scopes.map((s) => [s.scopeId, s.projectId, s.error]),
      [[aliceScopeId, stackIds().projects.producer, undefined]],
    );
    // Every row against Glance now: the listing, then each image's members.
    const listed = await alice.glance.listAllImages({ owner: stackIds().projects.producer, visibility: 'shared' });
    assert.deepEqual(model.rows.map((r) => r.imageId).sort(), listed.map((i) => i.id).sort(), 'one row per owned shared image');
    for (const row of model.rows) {
      assert.equal(row.state, 'loaded', `${row.imageId}: ${row.reason ?? ''}`);
      const members = await alice.glance.listMembers(row.imageId);
      assert.deepEqual(row.cells, members.map(cellOf), `the members of ${row.imageId}`);
    }
    const ours = made.map((image) => model.rows.find((r) => r.imageId === image.id));
    assert.deepEqual(
      ours.map((r) => [r?.imageName, r?.cells.map((c) => [c.projectId, c.status]).sort()]),
      [
        [
          `${prefix}-1`,
          [
            [consumer, 'accepted'],
            [strangers[0], 'pending'],
          ].sort(),
        ],
        [
          `${prefix}-2`,
          [
            [consumer, 'rejected'],
            [strangers[1], 'pending'],
          ].sort(),
        ],
        [`${prefix}-3`, [[strangers[0], 'pending']]],
      ],
    );
    assert.equal(model.names[consumer], 'consumer', 'the consumer project by its name (bob is signed in to it)');
    assert.equal(model.names[strangers[0]], undefined, 'a made-up project has no name: it shows as its ID');
  });

  it('an image deleted between the listing and its member list says why in its row; the others show', async () => {
    const { ctx } = await api();
    const scope = ctx.connections.find(aliceScopeId)!;
    assert.equal(scope.state.kind, 'connected');
    const glance = (scope.state as { connection: ScopeConnection }).connection.glance;
    // The running extension's own client: right before it asks for the members of image 2, the image goes.
    const original = glance.listMembers.bind(glance);
    glance.listMembers = async (imageId: string) => {
      if (imageId === made[1].id) await deleteImage(alice, imageId);
      return original(imageId);
    };
    let model: OverviewModel;
    try {
      ({ model } = await open([{ scopeId: aliceScopeId }, 'scope']));
    } finally {
      glance.listMembers = original;
    }
    const gone = model.rows.find((r) => r.imageId === made[1].id);
    assert.equal(gone?.state, 'failed');
    assert.match(gone?.reason ?? '', /not found|no longer|deleted|gone/i, `the row says why: ${gone?.reason ?? ''}`);
    for (const image of [made[0], made[2]]) assert.equal(model.rows.find((r) => r.imageId === image.id)?.state, 'loaded', `${image.name} still shows`);
    assert.ok(
      model.rows.filter((r) => r.imageId !== made[1].id).every((r) => r.state === 'loaded'),
      'only the deleted one failed',
    );
  });

  it('a click on a row opens that image\u2019s members panel; an image not in the overview opens nothing', async () => {
    const { ctx } = await api();
    const { overview } = await open([{ scopeId: aliceScopeId }, 'scope']);
    await overview.receive({ type: 'openMembers', scopeId: aliceScopeId, imageId: made[0].id });
    const panel = ctx.panels.find({ scopeId: aliceScopeId, imageId: made[0].id });
    assert.ok(panel, 'the members panel of the clicked image');
    await waitFor(() => panel.lastState?.image.id === made[0].id, 'the members panel to show the image', 30_000);
    const unknown = randomBytes(16).toString('hex');
    await overview.receive({ type: 'openMembers', scopeId: aliceScopeId, imageId: unknown });
    assert.equal(ctx.panels.find({ scopeId: aliceScopeId, imageId: unknown }), undefined);
    const rejected = overview.rejectedMessages;
    await overview.receive({ type: 'openMembers', imageId: made[0].id });
    assert.equal(overview.rejectedMessages, rejected + 1, 'a malformed message is refused');
  });

  it('a member added in the members panel shows in the overview\u2019s row, read again from Glance', async () => {
    const { ctx } = await api();
    const { overview } = await open([{ scopeId: aliceScopeId }, 'scope']);
    const members = await overview.receive({ type: 'openMembers', scopeId: aliceScopeId, imageId: made[2].id });
    assert.ok(members, 'the members panel opened');
    const panel = ctx.panels.find({ scopeId: aliceScopeId, imageId: made[2].id })!;
    await waitFor(() => panel.lastState?.image.id === made[2].id, 'the members panel to show image 3', 30_000);
    const newcomer = randomBytes(16).toString('hex');
    await panel.receive({ type: 'addMembers', text: newcomer });
    await waitFor(
      () => !!overview.lastModel?.rows.find((r) => r.imageId === made[2].id)?.cells.some((c) => c.projectId === newcomer && c.status === 'pending'),
      'the overview to show the new member of image 3',
      30_000,
    );
    assert.deepEqual(
      overview
        .lastModel!.rows.find((r) => r.imageId === made[2].id)!
        .cells.map((c) => c.projectId)
        .sort(),
      (await alice.glance.listMembers(made[2].id)).map((m) => m.member_id).sort(),
      'the row is what Glance holds',
    );
    await alice.glance.removeMember(made[2].id, newcomer);
  });

  it('exports CSV, JSON and Markdown of what the filter keeps, as untitled documents, with names and IDs', async () => {
    const { overview, model } = await open([{ scopeId: aliceScopeId }, 'scope']);
    const filter = { ...NO_FILTER, imageText: prefix };
    const known = await vscode.languages.getLanguages();

    const csv = (await overview.receive({ type: 'export', format: 'csv', filter })) as vscode.TextDocument;
    assert.ok(csv.isUntitled);
    assert.equal(csv.languageId, known.includes('csv') ? 'csv' : 'plaintext');
    assert.equal(vscode.window.activeTextEditor?.document, csv, 'and it is shown');
    const lines = csv
      .getText()
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    assert.equal(lines[0][5], 'image id');
    const members = lines.slice(1).map((l) => [l[4], l[5], l[6], l[7], l[8]]);
    assert.deepEqual(
      members.sort(),
      [
        [`${prefix}-1`, made[0].id, '', strangers[0], 'pending'],
        [`${prefix}-1`, made[0].id, 'consumer', consumer, 'accepted'],
        [`${prefix}-3`, made[2].id, '', strangers[0], 'pending'],
      ].sort(),
    );

    const json = (await overview.receive({ type: 'export', format: 'json', filter: { ...filter, projectId: consumer } })) as vscode.TextDocument;
    assert.equal(json.languageId, 'json');
    const data = JSON.parse(json.getText()) as { images: Array<{ id: string; members: Array<{ projectId: string; projectName: string | null; status: string }> }> };
    assert.deepEqual(
      data.images.map((i) => [i.id, i.members.map((m) => [m.projectId, m.projectName, m.status])]),
      [[made[0].id, [[consumer, 'consumer', 'accepted']]]],
    );

    const md = (await overview.receive({ type: 'export', format: 'markdown', filter })) as vscode.TextDocument;
    assert.equal(md.languageId, 'markdown');
    const row = md
      .getText()
      .split('\n')
      .find((l) => l.includes(`\`${made[0].id}\``));
    assert.ok(row, 'a table row for image 1');
    assert.match(row, /\| accepted \d+ d \|/);
    assert.ok(md.getText().includes(`- consumer: \`${consumer}\``), 'the project listed with its ID');
    assert.ok(model.done);
  });

  it('for every connected scope of a cloud: one row set per region, each scope listed', async () => {
    const scopes = (await settledScopes()).filter((s) => s.cloud.name === 'alice-regions' && s.state.kind === 'connected');
    assert.equal(scopes.length, 2, 'alice-regions shows RegionOne and RegionTwo');
    const { overview, model } = await open([{ scopeId: scopes[0].id }, 'cloud']);
    assert.deepEqual([...overview.scopeIds].sort(), scopes.map((s) => s.id).sort());
    assert.deepEqual(model.scopes.map((s) => s.region).sort(), ['RegionOne', 'RegionTwo']);
    assert.ok(model.scopes.every((s) => !s.error));
    const regionOne = scopes.find((s) => s.region === 'RegionOne')!;
    const row = model.rows.find((r) => r.imageId === made[0].id);
    assert.equal(row?.scopeId, regionOne.id, 'image 1 is RegionOne\u2019s');
  });
});
