// Bulk membership as a plan and golden-image rotation, in the running extension against the real
// Glance. Modal questions cannot be answered from here: the plan, the apply, the retry's plan and
// the old image's retirement are driven through the running extension's BulkSharing and Rotation,
// which the commands call after their questions. Glance's members are checked with the openstack
// CLI. Members are project IDs made up for this run (Glance accepts any ID,
// docs/glance-behaviour.md#member-ids-unchecked), except where a member must answer: there the
// stack's consumer (bob) and other (dave) projects.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { bulkConfirmation, bulkSummary, consumersToCarry, crossPairs, retryPairs, type BulkPlan } from '../../src/sharing';
import type { Scope } from '../../src/ui/connections';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackIds, uniqueName } from './stack';

const project = () => randomBytes(16).toString('hex');

/** The openstack CLI as alice, on the stack's clouds.yaml. */
function cli(args: readonly string[]): string {
  return execFileSync('/usr/bin/openstack', ['--os-cloud', 'alice', ...args], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/tmp', OS_CLIENT_CONFIG_FILE: process.env.OS_CLIENT_CONFIG_FILE, LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The member IDs of an image as `openstack image member list` prints them, sorted. */
function cliMembers(imageId: string): string[] {
  return cli(['image', 'member', 'list', imageId, '-f', 'value', '-c', 'Member ID'])
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

const kinds = (plan: BulkPlan) => plan.pairs.map((p) => `${p.image.name}\u2192${p.projectId}:${p.plan.kind}`);

describe('bulk share as a plan, and golden-image rotation (real Glance)', () => {
  let alice: ScopeConnection;
  let scope: Scope;
  let prefix: string;
  const made: GlanceImage[] = [];
  const make = async (suffix: string, visibility: 'private' | 'shared', members: readonly string[] = []) => {
    const image = await createImage(alice, `${prefix}-${suffix}`, visibility);
    made.push(image);
    for (const m of members) await alice.glance.addMember(image.id, m);
    return image;
  };

  before(async () => {
    alice = await connectAs('alice');
    scope = await scopeNamed('alice');
    prefix = uniqueName('exthost-bulk');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('glanceShare').update('memberQuota', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(made.map((i) => deleteImage(alice, i.id)));
  });

  it('the plan shows an already-member, a private image made shared first and a quota overflow, and apply does exactly the rest', async () => {
    const { ctx } = await api();
    // A quota of 3 here stands for Glance's 128 (glanceShare.memberQuota says what the cloud's is).
    await vscode.workspace.getConfiguration('glanceShare').update('memberQuota', 3, vscode.ConfigurationTarget.Global);
    const [p1, p2, x1, x2] = [project(), project(), project(), project()];
    const a = await make('a', 'shared', [p1]);
    const b = await make('b', 'private');
    const c = await make('c', 'shared', [x1, x2]);
    const plan = await ctx.bulk.plan(scope, [a, b, c], crossPairs([a.id, b.id, c.id], [p1, p2]));
    assert.deepEqual(kinds(plan), [
      `${a.name}\u2192${p1}:alreadyMember`,
      `${a.name}\u2192${p2}:add`,
      `${b.name}\u2192${p1}:add`,
      `${b.name}\u2192${p2}:add`,
      `${c.name}\u2192${p1}:add`,
      `${c.name}\u2192${p2}:overQuota`,
    ]);
    assert.deepEqual(
      plan.images.filter((i) => i.makeShared).map((i) => i.image.id),
      [b.id],
    );
    const question = bulkConfirmation(plan, () => undefined);
    assert.equal(question.message, 'Share 3 images with 2 projects: 4 members to add?');
    assert.equal(question.button, 'Make Shared and Share');
    assert.match(question.detail, /Already members, left as they are:\n {2}\u2022 [^\n]*-a \u2192 [0-9a-f]{32} \(pending\)/);
    assert.match(question.detail, /Made shared first[^\n]*\n {2}\u2022 [^\n]*-b\n/);
    assert.match(
      question.detail,
      new RegExp(`Over the member quota \\(3 per image, glanceShare.memberQuota\\), not sent:\\n {2}\u2022 [^\\n]*-c \u2192 ${p2} \\(has 2 members\\)`),
    );

    const result = await ctx.bulk.apply(scope, plan);
    assert.deepEqual(
      result.visibility.map((v) => [v.image.id, v.outcome.kind]),
      [[b.id, 'madeShared']],
    );
    assert.deepEqual(
      result.pairs.map((r) => r.outcome.kind),
      ['alreadyMember', 'added', 'added', 'added', 'added', 'skipped'],
    );
    assert.equal(
      bulkSummary(result, () => undefined),
      'Share: 4 members added to 3 images; 1 image made shared; 1 already a member; 1 not sent (see the plan).',
    );
    assert.deepEqual(cliMembers(a.id), [p1, p2].sort());
    assert.deepEqual(cliMembers(b.id), [p1, p2].sort());
    assert.deepEqual(cliMembers(c.id), [p1, x1, x2].sort(), 'the pair over the quota was not sent');
    assert.equal(cli(['image', 'show', b.id, '-f', 'value', '-c', 'visibility']).trim(), 'shared');
  });

  it('a refusal in the middle of a bulk apply: the result says exactly what changed and what did not, and retry finishes the rest without duplicates', async () => {
    const { ctx } = await api();
    await vscode.workspace.getConfiguration('glanceShare').update('memberQuota', undefined, vscode.ConfigurationTarget.Global);
    const [q1, q2] = [project(), project()];
    const images = [await make('d', 'shared'), await make('e', 'shared'), await make('f', 'shared')];
    const pairs = crossPairs(
      images.map((i) => i.id),
      [q1, q2],
    );
    const plan = await ctx.bulk.plan(scope, images, pairs);
    assert.ok(
      plan.pairs.every((p) => p.plan.kind === 'add'),
      kinds(plan).join(', '),
    );
    // Between the plan and the apply, someone makes the middle image private with the CLI: Glance
    // then refuses members for it (403, docs/glance-behaviour.md#members-shared-only).
    cli(['image', 'set', '--private', images[1].id]);
    const result = await ctx.bulk.apply(scope, plan);
    assert.deepEqual(
      result.pairs.map((r) => [r.image.id, r.projectId, r.outcome.kind]),
      [
        [images[0].id, q1, 'added'],
        [images[0].id, q2, 'added'],
        [images[1].id, q1, 'failed'],
        [images[1].id, q2, 'failed'],
        [images[2].id, q1, 'added'],
        [images[2].id, q2, 'added'],
      ],
    );
    assert.equal(
      bulkSummary(result, () => undefined),
      `Share: 4 members added to 2 images; 2 failed and are not members (${images[1].name} \u2192 ${q1}: it is private now (changed meanwhile): only shared images have members; Retry plans it again).`,
    );
    // One image made private says nothing of what this scope may do: sharing is still offered.
    assert.equal(ctx.images.permissions(scope.id)?.writes.addMember.allowed ?? true, true);
    // Glance holds exactly that: the first and last have both, the middle none.
    assert.deepEqual(cliMembers(images[0].id), [q1, q2].sort());
    assert.deepEqual(cliMembers(images[2].id), [q1, q2].sort());
    assert.equal(cli(['image', 'show', images[1].id, '-f', 'value', '-c', 'visibility']).trim(), 'private');

    // Retry: only the failed pairs, planned again against Glance: the middle image is private
    // now, so it is made shared first, then both are added.
    const left = retryPairs(result);
    assert.deepEqual(left, [
      { imageId: images[1].id, projectId: q1 },
      { imageId: images[1].id, projectId: q2 },
    ]);
    const again = await ctx.bulk.plan(scope, images, left);
    assert.deepEqual(
      again.images.map((i) => [i.image.id, i.makeShared]),
      [[images[1].id, true]],
    );
    const retried = await ctx.bulk.apply(scope, again);
    assert.deepEqual(
      retried.pairs.map((r) => r.outcome.kind),
      ['added', 'added'],
    );
    for (const image of images) assert.deepEqual(cliMembers(image.id), [q1, q2].sort(), `each member once on ${image.name}`);

    // The whole plan once more: nothing left to send.
    const third = await ctx.bulk.plan(scope, images, pairs);
    assert.ok(
      third.pairs.every((p) => p.plan.kind === 'alreadyMember'),
      kinds(third).join(', '),
    );
    assert.equal(bulkConfirmation(third, () => undefined).button, undefined, 'no button: nothing to share');
  });

  it('a member added by someone else between plan and apply counts as done, not as a failure', async () => {
    const { ctx } = await api();
    const r = project();
    const image = await make('g', 'shared');
    const plan = await ctx.bulk.plan(scope, [image], crossPairs([image.id], [r]));
    cli(['image', 'add', 'project', image.id, r]);
    const result = await ctx.bulk.apply(scope, plan);
    assert.deepEqual(
      result.pairs.map((p) => p.outcome.kind),
      ['alreadyMember'],
    );
    assert.deepEqual(retryPairs(result), []);
    assert.deepEqual(cliMembers(image.id), [r]);
  });

  describe('golden-image rotation', () => {
    let old: GlanceImage;
    const ids = () => stackIds().projects;

    before(async () => {
      // The old version: consumer (bob) accepted it, other (dave) has not answered.
      old = await make('old', 'shared', [ids().consumer, ids().other]);
      const bob = await connectAs('bob');
      await bob.glance.updateMemberStatus(old.id, ids().consumer, 'accepted');
    });

    const newVersion = async (suffix: string, includePending: boolean) => {
      const { ctx } = await api();
      const image = await make(suffix, 'private');
      const consumers = consumersToCarry(await alice.glance.listMembers(old.id), includePending, ids().producer);
      const plan = await ctx.bulk.plan(scope, [image], crossPairs([image.id], consumers));
      const result = await ctx.bulk.apply(scope, plan);
      return { image, result };
    };

    it('Publish New Version: the new image goes to the projects that accepted the old one', async () => {
      const { image, result } = await newVersion('new1', false);
      assert.deepEqual(
        result.pairs.map((r) => [r.projectId, r.outcome.kind]),
        [[ids().consumer, 'added']],
      );
      assert.deepEqual(cliMembers(image.id), [ids().consumer]);
    });

    it('…and to the pending ones too when asked', async () => {
      const { image } = await newVersion('new2', true);
      assert.deepEqual(cliMembers(image.id), [ids().consumer, ids().other].sort());
    });

    it('the old one hidden: out of the default listing, its members kept', async () => {
      const { ctx } = await api();
      const retired = await ctx.rotation.retire(scope, old, 'hide');
      assert.deepEqual(retired.change, { kind: 'done' });
      // The CLI (openstacksdk 0.101.0) shows os_hidden among the properties.
      const shown = JSON.parse(cli(['image', 'show', old.id, '-f', 'json'])) as { os_hidden?: unknown; properties?: { os_hidden?: unknown } };
      assert.equal(shown.os_hidden ?? shown.properties?.os_hidden, true);
      assert.ok(!cli(['image', 'list', '-f', 'value', '-c', 'ID']).includes(old.id), 'left out of openstack image list');
      assert.deepEqual(cliMembers(old.id), [ids().consumer, ids().other].sort());
    });

    it('or made private with its members removed first', async () => {
      const { ctx } = await api();
      const other = await make('old2', 'shared', [project(), project()]);
      const retired = await ctx.rotation.retire(scope, other, 'private');
      assert.equal(retired.removed.length, 2);
      assert.deepEqual(retired.change, { kind: 'done' });
      assert.equal(cli(['image', 'show', other.id, '-f', 'value', '-c', 'visibility']).trim(), 'private');
      cli(['image', 'set', '--shared', other.id]);
      assert.deepEqual(cliMembers(other.id), [], 'no member comes back with shared');
    });
  });
});
