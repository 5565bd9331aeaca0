// Reverse lookup, offboarding and the exports, in the running extension against the real Glance.
// The member is a project ID made up for this run (Glance accepts any ID as a member,
// docs/glance-behaviour.md#member-ids-unchecked), so other suites' and other runs' shares on the
// same stack never enter the lookup. Modal questions cannot be answered from here: the plan and
// the apply are driven through the running extension's Offboarding, which the commands call after
// their questions.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { removalSummary, retryShares, TF_ACCESS, type ShareLookup } from '../../src/sharing';
import type { ImageNode } from '../../src/ui/tree/nodes';
import { parseHcl, stringAttribute } from '../support/hcl';
import { api, connectAs, createImage, deleteImage, scopeNamed, uniqueName } from './stack';
import { settleCommand, waitFor } from './support';

describe('offboarding and export as code (real Glance)', () => {
  const leaving = randomBytes(16).toString('hex');
  let alice: ScopeConnection;
  let aliceScopeId: string;
  const made: GlanceImage[] = [];

  before(async () => {
    alice = await connectAs('alice');
    aliceScopeId = (await scopeNamed('alice')).id;
    const prefix = uniqueName('exthost-offboard');
    for (const n of [1, 2, 3]) {
      const image = await createImage(alice, `${prefix}-${n}`, 'shared');
      made.push(image);
      await alice.glance.addMember(image.id, leaving);
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map((i) => deleteImage(alice, i.id)));
  });

  const memberIds = async (image: GlanceImage) => (await alice.glance.listMembers(image.id)).map((m) => m.member_id);

  it('"What Did I Share with…" lists exactly the images the project is a member of, with status', async () => {
    const { ctx } = await api();
    // The command itself, with the project given: it shows a pick of the images; closing it returns the lookup.
    const lookup = await settleCommand(
      () => vscode.commands.executeCommand<ShareLookup | undefined>('glanceShare.whatDidIShare', { scopeId: aliceScopeId }, leaving),
      'workbench.action.closeQuickOpen',
      'the command to show its pick and return',
    );
    assert.ok(lookup, 'the command returned its lookup');
    assert.deepEqual(
      lookup.shares.map((s) => [s.image.id, s.member.status]),
      made.map((i) => [i.id, 'pending']),
    );
    const scope = ctx.connections.find(aliceScopeId)!;
    const again = await ctx.offboarding.lookup(scope, leaving);
    assert.equal(again.shares.length, 3);
  });

  it('without a project given, the command asks in the project picker, as Share does: Enter takes the highlighted (first) project', async () => {
    const { ctx } = await api();
    const carol = await scopeNamed('carol-producer');
    // The picker's first row: projects of the signed-in identities come first, by name.
    const [first] = await ctx.directory.candidates(carol);
    assert.ok(first?.name && first.sources.includes('mine'), JSON.stringify(first));
    // Not one of `made`: the removal tests below plan over exactly those.
    const image = await createImage(alice, uniqueName('exthost-offboard-picked'), 'shared');
    await alice.glance.addMember(image.id, first.id);
    try {
      // The old input box would refuse an empty Enter for ever; the picker takes its highlighted row.
      const lookup = await settleCommand(
        () => vscode.commands.executeCommand<ShareLookup | undefined>('glanceShare.whatDidIShare', { scopeId: carol.id }),
        'workbench.action.acceptSelectedQuickOpenItem',
        'the picker to take its highlighted project and the command to return',
        90_000,
      );
      assert.equal(lookup?.projectId, first.id, 'the project picked');
      assert.ok(
        lookup.shares.some((s) => s.image.id === image.id && s.member.status === 'pending'),
        'the lookup of that project found the image shared with it',
      );
    } finally {
      await deleteImage(alice, image.id);
    }
  });

  it('a refusal in the middle of a removal: the user is told what changed and what did not, and retry finishes the rest once', async () => {
    const { ctx } = await api();
    const scope = ctx.connections.find(aliceScopeId)!;
    const plan = await ctx.offboarding.lookup(scope, leaving);
    assert.deepEqual(
      plan.shares.map((s) => s.image.id),
      made.map((i) => i.id),
      'the plan, in name order',
    );
    // Between plan and apply, someone makes the middle image private: Glance then refuses to
    // remove its members (403) and keeps them (docs/glance-behaviour.md#members-shared-only).
    await alice.glance.setVisibility(made[1].id, 'private');
    const rows = await ctx.offboarding.apply(scope, leaving, plan.shares);
    assert.deepEqual(
      rows.map((r) => r.outcome.kind),
      ['removed', 'failed', 'removed'],
    );
    const summary = removalSummary('leaving', rows);
    assert.match(summary, /^leaving removed from 2 of 3 images; 1 failed and still has the member \(exthost-offboard-[^:]+-2: /);
    await alice.glance.setVisibility(made[1].id, 'shared'); // the members come back with it
    assert.deepEqual(await memberIds(made[0]), [], 'removed from the first');
    assert.deepEqual(await memberIds(made[1]), [leaving], 'the refused one still has it, as the summary says');
    assert.deepEqual(await memberIds(made[2]), [], 'removed from the third');

    const rest = retryShares(rows);
    assert.deepEqual(
      rest.map((s) => s.image.id),
      [made[1].id],
      'retry sends only the failed row',
    );
    const retried = await ctx.offboarding.apply(scope, leaving, rest);
    assert.deepEqual(
      retried.map((r) => [r.share.image.id, r.outcome.kind]),
      [[made[1].id, 'removed']],
    );
    for (const image of made) assert.deepEqual(await memberIds(image), [], `no member left on ${image.name}`);
    assert.equal((await ctx.offboarding.lookup(scope, leaving)).shares.length, 0, 'a new lookup finds nothing');
  });

  it('removing a member someone else removed meanwhile counts as done, not as a failure', async () => {
    const { ctx } = await api();
    const scope = ctx.connections.find(aliceScopeId)!;
    await alice.glance.addMember(made[0].id, leaving);
    const plan = await ctx.offboarding.lookup(scope, leaving);
    await alice.glance.removeMember(made[0].id, leaving); // the CLI, elsewhere
    const rows = await ctx.offboarding.apply(scope, leaving, plan.shares);
    assert.deepEqual(
      rows.map((r) => r.outcome.kind),
      ['alreadyGone'],
    );
    assert.deepEqual(retryShares(rows), []);
  });

  describe('export as code', () => {
    let node: ImageNode;

    before(async () => {
      const { ctx } = await api();
      await alice.glance.addMember(made[2].id, leaving);
      await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: aliceScopeId });
      await waitFor(() => {
        const main = ctx.images.main(aliceScopeId);
        return main.kind === 'loaded' && main.value.owned.shared.some((i) => i.id === made[2].id);
      }, 'alice\u2019s tree to show the image');
      node = { kind: 'image', scopeId: aliceScopeId, path: `${aliceScopeId}/mine/shared/${made[2].id}`, image: made[2] };
    });

    it('the selection as Terraform: an untitled document whose HCL names the member with its import ID', async () => {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('glanceShare.exportTerraform', node, [node]);
      assert.ok(document?.isUntitled, 'an untitled document');
      const known = await vscode.languages.getLanguages();
      assert.equal(document.languageId, known.includes('terraform') ? 'terraform' : 'plaintext');
      assert.equal(vscode.window.activeTextEditor?.document, document, 'and it is shown');
      const body = parseHcl(document.getText());
      const [access] = body.blocks.filter((b) => b.type === 'resource' && b.labels[0] === TF_ACCESS);
      assert.equal(stringAttribute(access.body, 'image_id'), made[2].id);
      assert.equal(stringAttribute(access.body, 'member_id'), leaving);
      const imported = body.blocks.find((b) => b.type === 'import');
      assert.equal(imported && stringAttribute(imported.body, 'id'), `${made[2].id}/${leaving}`);
      assert.equal(stringAttribute(body.blocks.find((b) => b.type === 'provider')!.body, 'cloud'), 'alice');
    });

    it('the selection as a shell script: valid sh, with the add line of the member', async () => {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('glanceShare.exportShellScript', node, [node]);
      assert.equal(document.languageId, 'shellscript');
      const text = document.getText();
      assert.equal(spawnSync('sh', ['-n', '-c', text]).status, 0);
      assert.match(text, new RegExp(`^openstack --os-cloud alice( --os-region-name \\S+)? image add project ${made[2].id} ${leaving}$`, 'm'));
    });
  });
});
