// The project picker's sources, the address book from a workspace file, a typed name resolved
// through Keystone (or refused with advice and no request to Glance), and sharing with oneself in
// one step: carol (carol-producer and carol-consumer) shares and accepts as her consumer project.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { Scope } from '../../src/ui/connections';
import type { MembersPanel } from '../../src/ui/panel/membersPanel';
import type { ImageNode } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, uniqueName } from './stack';
import { postedDuring, waitFor } from './support';

const BOOK = path.join('.vscode', 'glance-share-projects.json');
/** A well-formed ID that is no project: only the address book knows a name for it. */
const PARTNER = 'feedfacefeedfacefeedfacefeedface';

describe('project picker: sources, address book, names, and Share and Accept (real Keystone + Glance)', function () {
  // Every identity's project list is read once (one Keystone request per scope), on a machine that may be busy.
  this.timeout(180_000);
  const ids = stackIds();
  let carol: ScopeConnection;
  let producer: Scope;
  let consumer: Scope;
  let bookFile: string;
  const made: GlanceImage[] = [];

  before(async () => {
    carol = await connectAs('carol-producer');
    producer = await scopeNamed('carol-producer');
    consumer = await scopeNamed('carol-consumer');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the exthost driver opens a workspace folder');
    bookFile = path.join(folder.uri.fsPath, BOOK);
    // The first loads of every scope keep the one Glance process busy: start once carol's two are done.
    const { ctx } = await api();
    await waitFor(() => ctx.images.main(producer.id).kind === 'loaded' && ctx.images.main(consumer.id).kind === 'loaded', 'carol’s scopes to load', 150_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(bookFile, { force: true });
    await Promise.all(made.map((i) => deleteImage(carol, i.id)));
  });

  async function writeBook(content: unknown): Promise<void> {
    const { ctx } = await api();
    fs.mkdirSync(path.dirname(bookFile), { recursive: true });
    fs.writeFileSync(bookFile, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    // The watcher forgets the cached book; wait until the new content is what the directory reads.
    await waitFor(
      async () => (await ctx.directory.addressBook.entries()).some((e) => e.id === PARTNER) || (await ctx.directory.addressBook.problems()).length > 0,
      'the address book to be read',
    );
  }

  it('offers carol\u2019s own other project, marked "mine", by name, and never her scope\u2019s own project', async () => {
    const { ctx } = await api();
    const choices = await ctx.directory.candidates(producer);
    const mine = choices.find((c) => c.id === ids.projects.consumer);
    assert.ok(mine, `consumer among ${choices.map((c) => c.name ?? c.id).join(', ')}`);
    assert.equal(mine.name, 'consumer');
    assert.ok(mine.sources.includes('mine'));
    assert.ok(!choices.some((c) => c.id === ids.projects.producer), 'the owner project itself is not offered');
  });

  it('offers projects already members of this scope\u2019s images, with their names', async () => {
    const { ctx } = await api();
    const image = await createImage(carol, uniqueName('exthost-picker-member'), 'shared');
    made.push(image);
    await carol.glance.addMember(image.id, ids.projects.other);
    await ctx.images.refreshMembers(producer.id, image.id);
    const other = (await ctx.directory.candidates(producer)).find((c) => c.id === ids.projects.other);
    assert.ok(other && other.sources.includes('member'), 'the member source');
    // dave's scope is signed in to "other": its name is known.
    assert.equal(other.name, 'other');
  });

  it('reads the address book from the workspace file: entries for this cloud are offered, a bad entry is said', async () => {
    const { ctx } = await api();
    await writeBook({
      projects: [
        { name: 'partner-team', id: PARTNER, cloud: 'carol-producer', note: 'ask #partner for access' },
        { name: 'elsewhere', id: 'abcdefabcdefabcdefabcdefabcdefab', cloud: 'some-other-cloud' },
        { name: 'typo', id: 'consumer' },
      ],
    });
    const problems = await ctx.directory.addressBook.problems();
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^projects\[2\]\.id: "consumer" looks like a name, not an ID/);
    const choices = await ctx.directory.candidates(producer);
    const partner = choices.find((c) => c.id === PARTNER);
    assert.deepEqual(partner && { name: partner.name, note: partner.note, sources: partner.sources }, {
      name: 'partner-team',
      note: 'ask #partner for access',
      sources: ['addressBook'],
    });
    assert.ok(!choices.some((c) => c.name === 'elsewhere'), 'an entry for another cloud is not offered here');
  });

  it('a typed name: carol\u2019s own project by name at once; another project through Keystone for admin; advice when the token may not look it up', async () => {
    const { ctx } = await api();
    const own = await ctx.directory.resolveName(producer, 'consumer');
    assert.ok(own.kind === 'found' && own.candidates.length === 1 && own.candidates[0].id === ids.projects.consumer);
    const admin = await scopeNamed('admin');
    const found = await ctx.directory.resolveName(admin, 'service');
    assert.ok(found.kind === 'found', JSON.stringify(found));
    assert.deepEqual(
      found.candidates.map((c) => [c.id, c.sources]),
      [[ids.projects.service, ['keystone']]],
    );
    const none = await ctx.directory.resolveName(admin, 'no-such-project-anywhere');
    assert.ok(none.kind === 'notFound' && /Keystone has no project named "no-such-project-anywhere"/.test(none.message));
    const refused = await ctx.directory.resolveName(producer, 'service');
    assert.ok(refused.kind === 'notFound');
    assert.match(refused.why, /Keystone does not let this identity look projects up by name/);
    assert.match(refused.advice, /Glance needs the project ID, never a name: .*Copy My Project ID.*address book/);
  });

  it('a name two domains both use: each project with its domain, and the add box asks for the ID instead of guessing', async () => {
    const { ctx } = await api();
    const admin = await scopeNamed('admin');
    assert.ok(admin.state.kind === 'connected');
    const session = admin.state.connection.session;
    const keystone = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
      session.request({ service: 'keystone', operation: 'other', method, url: `${session.identityUrl}${path}`, body });
    // This test's own domain and two projects of one name: one in Default, one in that domain.
    const name = uniqueName('exthost-twin');
    const domain = ((await keystone('POST', '/domains', { domain: { name: uniqueName('exthost-partners') } })).data as { domain: { id: string; name: string } }).domain;
    const created: string[] = [];
    try {
      for (const domainId of ['default', domain.id]) {
        created.push(((await keystone('POST', '/projects', { project: { name, domain_id: domainId } })).data as { project: { id: string } }).project.id);
      }
      const found = await ctx.directory.resolveName(admin, name);
      assert.ok(found.kind === 'found', JSON.stringify(found));
      assert.deepEqual(
        found.candidates.map((c) => [c.id, c.domainName]).sort(),
        [
          [created[0], 'Default'],
          [created[1], domain.name],
        ].sort(),
      );
      const plan = await ctx.directory.planAdds(admin, name, ids.projects.admin);
      assert.deepEqual(plan.ids, [], 'no ID is chosen for an ambiguous name');
      assert.equal(plan.rejected.length, 1);
      assert.match(plan.rejected[0].message, new RegExp(`2 projects are named "${name}" .*${created[0]} in domain Default.*paste the ID of the one you mean`));
      assert.ok(plan.rejected[0].message.includes(`${created[1]} in domain ${domain.name}`), plan.rejected[0].message);
    } finally {
      for (const id of created) await keystone('DELETE', `/projects/${id}`).catch(() => undefined);
      await keystone('PATCH', `/domains/${domain.id}`, { domain: { enabled: false } }).catch(() => undefined);
      await keystone('DELETE', `/domains/${domain.id}`).catch(() => undefined);
    }
  });

  async function openPanel(image: GlanceImage): Promise<MembersPanel> {
    const { ctx } = await api();
    const node: ImageNode = { kind: 'image', scopeId: producer.id, path: `${producer.id}/test/${image.id}`, image };
    await vscode.commands.executeCommand('glanceShare.showMembers', node);
    const panel = ctx.panels.find({ scopeId: producer.id, imageId: image.id });
    assert.ok(panel, 'a panel for this image');
    await waitFor(() => panel.lastState !== undefined, 'the panel\u2019s first state', 50_000);
    return panel;
  }

  it('the add box: a name Keystone will not resolve is refused with the advice and makes no request to Glance', async () => {
    const image = await createImage(carol, uniqueName('exthost-picker-noname'), 'shared');
    made.push(image);
    const panel = await openPanel(image);
    const scope = await scopeNamed('carol-producer');
    assert.ok(scope.state.kind === 'connected');
    const transport = scope.state.connection.session.transport;
    const glanceBefore = transport.requestCount.glance;
    const posted = await postedDuring(panel.panel, () => panel.receive({ type: 'addMembers', text: 'service' }));
    assert.equal(transport.requestCount.glance, glanceBefore, 'no request to Glance');
    const results = posted.find((m) => (m as { type?: string }).type === 'addResults') as { results: Array<{ input: string; ok: boolean; message: string }> } | undefined;
    assert.ok(results, `addResults posted: ${JSON.stringify(posted)}`);
    assert.deepEqual(
      results.results.map((r) => [r.input, r.ok]),
      [['service', false]],
    );
    assert.match(results.results[0].message, /Glance needs the project ID, never a name/);
    assert.deepEqual(await carol.glance.listMembers(image.id), [], 'Glance has no member');
  });

  it('the add box: a name of carol\u2019s own project becomes its ID; the members table shows own and address-book names', async () => {
    const { ctx } = await api();
    // The partner's name comes from the address book: written here too, so this test also runs alone.
    await writeBook({ projects: [{ name: 'partner-team', id: PARTNER, cloud: 'carol-producer', note: 'ask #partner for access' }] });
    const image = await createImage(carol, uniqueName('exthost-picker-names'), 'shared');
    made.push(image);
    const panel = await openPanel(image);
    await panel.receive({ type: 'addMembers', text: `consumer ${PARTNER}` });
    assert.deepEqual((await carol.glance.listMembers(image.id)).map((m) => m.member_id).sort(), [ids.projects.consumer, PARTNER].sort());
    await panel.refresh();
    const rows = new Map(panel.lastState!.members.map((m) => [m.projectId, m]));
    assert.equal(rows.get(ids.projects.consumer)?.projectName, 'consumer');
    assert.equal(rows.get(PARTNER)?.projectName, 'partner-team', 'the address book names it');
    assert.equal(rows.get(PARTNER)?.inAddressBook, true);
    assert.equal(rows.get(ids.projects.consumer)?.inAddressBook, undefined);
    // "Add to Address Book" from a member row (the command the row's button runs), with its fields given.
    await vscode.commands.executeCommand('glanceShare.addToAddressBook', {
      projectId: ids.projects.consumer,
      scopeId: producer.id,
      name: 'consumer',
      note: 'carol\u2019s own',
    });
    const book = JSON.parse(fs.readFileSync(bookFile, 'utf8')) as { projects: Array<Record<string, string>> };
    assert.deepEqual(
      book.projects.find((p) => p.id === ids.projects.consumer),
      { name: 'consumer', id: ids.projects.consumer, cloud: 'carol-producer', region: 'RegionOne', note: 'carol\u2019s own' },
    );
    assert.ok(
      (await ctx.directory.candidates(producer)).find((c) => c.id === ids.projects.consumer)?.sources.includes('addressBook'),
      'the new entry is offered at once',
    );
  });

  it('Share and Accept: carol shares with her consumer project and it is accepted there, with her consumer token; both sides update without Refresh', async () => {
    const { ctx } = await api();
    const image = await createImage(carol, uniqueName('exthost-picker-self'), 'shared');
    made.push(image);
    const node: ImageNode = { kind: 'image', scopeId: producer.id, path: `${producer.id}/mine/shared/${image.id}`, image };
    const consumerConnection = consumer.state.kind === 'connected' ? consumer.state.connection : undefined;
    assert.ok(consumerConnection);
    const consumerGlance = consumerConnection.session.transport.requestCount.glance;
    await vscode.commands.executeCommand('glanceShare.shareAndAccept', node, [node], { projects: [ids.projects.consumer] });
    // In Glance, as the owner sees it.
    assert.deepEqual(
      (await carol.glance.listMembers(image.id)).map((m) => [m.member_id, m.status]),
      [[ids.projects.consumer, 'accepted']],
    );
    // The member's answer went with the consumer scope's own connection (never the owner's token).
    assert.ok(consumerConnection.session.transport.requestCount.glance > consumerGlance, 'carol-consumer\u2019s connection sent the update');
    // Both sides, without a Refresh: the consumer's Accepted group, the owner's member list.
    const accepted = () => {
      const main = ctx.images.main(consumer.id);
      return main.kind === 'loaded' && main.value.incoming.accepted.some((i) => i.id === image.id);
    };
    await waitFor(accepted, 'carol-consumer to list the image as accepted');
    assert.deepEqual(
      ctx.images.members(producer.id, image.id)?.map((m) => [m.member_id, m.status]),
      [[ids.projects.consumer, 'accepted']],
    );
    const main = ctx.images.main(consumer.id);
    assert.ok(main.kind === 'loaded' && !main.value.incoming.pending.some((i) => i.id === image.id), 'not pending any more');
  });

  it('Share and Accept refuses a project that is not the user\u2019s own, before anything is shared', async () => {
    const image = await createImage(carol, uniqueName('exthost-picker-notmine'), 'shared');
    made.push(image);
    const node: ImageNode = { kind: 'image', scopeId: producer.id, path: `${producer.id}/mine/shared/${image.id}`, image };
    await vscode.commands.executeCommand('glanceShare.shareAndAccept', node, [node], { projects: [PARTNER] });
    assert.deepEqual(await carol.glance.listMembers(image.id), []);
  });

  it('the member\u2019s voice in another region: an identity of that project is rescoped to a token of its own, for the sharing scope\u2019s Glance, never admin', async () => {
    const { ctx } = await api();
    const aliceR2 = await scopeNamed('alice-r2');
    assert.ok(aliceR2.state.kind === 'connected');
    // No scope is shown for e2e-consumer in RegionTwo: frank or gina (RegionOne scopes) are rescoped.
    const voice = await ctx.directory.memberVoice(aliceR2, ids.projects['e2e-consumer']);
    assert.ok(voice, 'an identity in e2e-consumer');
    try {
      assert.equal(voice.temporary, true);
      assert.equal(voice.connection.session.projectScope?.id, ids.projects['e2e-consumer']);
      assert.equal(voice.connection.glance.endpoint, aliceR2.state.connection.glance.endpoint, 'RegionTwo\u2019s Glance, where the image is');
      assert.equal(voice.connection.session.isAdmin, false);
    } finally {
      voice.connection.dispose();
    }
    assert.equal(await ctx.directory.memberVoice(aliceR2, PARTNER), undefined, 'nobody here is in a project only the address book knows');
  });
});
