// The consumer's inbox ("Review Shares with Me…") in the running extension against the real
// Glance: alice shares images with consumer in RegionOne and in RegionTwo, and consumer's scopes
// (bob, carol-consumer, … and bob-r2) read, accept and reset them in bulk. The modal plan cannot be
// answered from here: reading and applying are driven through the running extension's Inbox, which
// the command calls after its questions; the command itself is opened and closed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import { answerSummary, planAnswer, retryAnswers, shareAge, type InboxShare } from '../../src/sharing';
import type { InboxCommandResult } from '../../src/ui/inboxCommands';
import { api, connectAs, createImage, deleteImage, scopeNamed, stackDir, stackIds, stackInfo, uniqueName } from './stack';
import { settleCommand, waitFor } from './support';

/** The real openstack CLI against the stack's clouds.yaml, nothing from the developer's shell. */
function cli(cloud: string, args: readonly string[]): string {
  const env = {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: stackDir(),
    OS_CLIENT_CONFIG_FILE: process.env.OS_CLIENT_CONFIG_FILE ?? path.join(stackDir(), 'clouds.yaml'),
    LANG: 'C.UTF-8',
  };
  return execFileSync('/usr/bin/openstack', ['--os-cloud', cloud, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

function cliStatus(cloud: string, image: GlanceImage, member: string): string | undefined {
  const rows = JSON.parse(cli(cloud, ['image', 'member', 'list', image.id, '-f', 'json'])) as Array<Record<string, string>>;
  return rows.find((r) => r['Member ID'] === member)?.Status;
}

describe('the consumer\u2019s inbox: everything shared with my scopes, answered in bulk (real Glance, two regions)', function () {
  this.timeout(180_000);
  const ids = stackIds();
  const consumer = ids.projects.consumer;
  const regions = stackInfo().regions;
  let alice: ScopeConnection;
  let aliceR2: ScopeConnection;
  /** R1: pending, pending (to be withdrawn), accepted beforehand; R2: pending. */
  const r1: GlanceImage[] = [];
  let r2: GlanceImage;
  let bob: ScopeConnection;

  before(async () => {
    [alice, aliceR2, bob] = await Promise.all([connectAs('alice'), connectAs('alice-r2'), connectAs('bob')]);
    const prefix = uniqueName('exthost-inbox');
    for (const n of [1, 2, 3]) {
      const image = await createImage(alice, `${prefix}-${n}`, 'shared');
      r1.push(image);
      await alice.glance.addMember(image.id, consumer);
    }
    await bob.glance.updateMemberStatus(r1[2].id, consumer, 'accepted');
    r2 = await createImage(aliceR2, `${prefix}-r2`, 'shared');
    await aliceR2.glance.addMember(r2.id, consumer);
    await scopeNamed('bob-r2');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all([...r1.map((i) => deleteImage(alice, i.id)), deleteImage(aliceR2, r2.id)]);
    bob.dispose();
  });

  const mine = (shares: readonly InboxShare[]) => shares.filter((s) => [...r1, r2].some((i) => i.id === s.image.id));
  const endpointOf = async (share: InboxShare) => {
    const { ctx } = await api();
    const scope = ctx.connections.find(share.scope.id);
    return scope?.state.kind === 'connected' ? scope.state.connection.glance.endpoint : '';
  };
  /** The rows read through the legacy-policy Glance of each region (the stack's secure-RBAC endpoint is a third one on RegionOne's database). */
  const legacy = async (shares: readonly InboxShare[]) => {
    const kept: InboxShare[] = [];
    for (const s of shares) if ([regions.RegionOne.glanceUrl, regions.RegionTwo.glanceUrl].includes(await endpointOf(s))) kept.push(s);
    return kept;
  };

  it('reads every share with the connected scopes from Glance, once per project and Glance, with status, owner name and age', async () => {
    const { ctx } = await api();
    const reading = await ctx.inbox.read();
    const found = await legacy(mine(reading.shares));
    assert.deepEqual(
      found.map((s) => [s.image.id, s.status]).sort(),
      [
        [r1[0].id, 'pending'],
        [r1[1].id, 'pending'],
        [r1[2].id, 'accepted'],
        [r2.id, 'pending'],
      ].sort(),
      'each share once, in the status consumer gave it',
    );
    const where = new Map(await Promise.all(found.map(async (s) => [s.image.id, await endpointOf(s)] as const)));
    assert.equal(where.get(r2.id), regions.RegionTwo.glanceUrl, 'the RegionTwo share through a RegionTwo scope');
    assert.equal(where.get(r1[0].id), regions.RegionOne.glanceUrl);
    const r2Share = found.find((s) => s.image.id === r2.id)!;
    assert.equal(r2Share.scope.region, 'RegionTwo');
    assert.equal(r2Share.scope.project, 'consumer');
    assert.ok(
      found.every((s) => s.ownerName === 'producer'),
      'the owner by name (alice\u2019s scope is signed in to producer)',
    );
    const keys = mine(reading.shares).map((s) => `${s.scope.id} ${s.image.id}`);
    assert.equal(new Set(keys).size, keys.length, 'no share twice in one scope');

    const aged = await ctx.inbox.withAges(found);
    assert.equal(aged.length, 4);
    for (const s of aged) {
      assert.equal(s.member?.member_id, consumer, `the member row of ${s.image.name}`);
      assert.equal(s.member?.status, s.status);
    }
    assert.match(
      shareAge(
        aged.find((s) => s.image.id === r1[0].id)!,
        Date.now(),
      ),
      /^pending for /,
    );
  });

  it('bulk accept over two regions: a share withdrawn meanwhile (CLI) is reported as such and leaves the tree; the rest are accepted, as the CLI shows', async () => {
    const { ctx } = await api();
    const pending = (await legacy(mine((await ctx.inbox.read()).shares))).filter((s) => s.status === 'pending');
    assert.equal(pending.length, 3);
    const withdrawnRow = pending.find((s) => s.image.id === r1[1].id)!;
    // The tree of the scope that answers shows it, before the owner takes it back.
    await ctx.images.reload(withdrawnRow.scope.id);
    const shown = () => {
      const main = ctx.images.main(withdrawnRow.scope.id);
      return main.kind === 'loaded' ? main.value.incoming : undefined;
    };
    assert.ok(
      shown()?.pending.some((i) => i.id === r1[1].id),
      'the tree shows the share before',
    );

    const plan = planAnswer(pending, 'accepted', (s) => ctx.inbox.mayAnswer(s, 'accepted'));
    assert.equal(plan.change.length, 3, 'the plan changes all three');
    cli('alice', ['image', 'remove', 'project', r1[1].id, consumer]);

    const rows = await ctx.inbox.apply(plan.change, 'accepted');
    const byImage = new Map(rows.map((r) => [r.share.image.id, r.outcome.kind]));
    assert.deepEqual(
      [r1[0].id, r1[1].id, r2.id].map((id) => byImage.get(id)),
      ['done', 'withdrawn', 'done'],
    );
    const summary = answerSummary('accepted', rows);
    assert.match(summary, /^Accepted: 2 of 3 shares; "exthost-inbox-[^"]+-2" is no longer shared with you \(withdrawn by the owner, or deleted\) and left the list\.$/);
    assert.deepEqual(retryAnswers(rows), [], 'nothing left to retry: the withdrawn share is not sent again');

    assert.equal(cliStatus('alice', r1[0], consumer), 'accepted');
    assert.equal(cliStatus('alice-r2', r2, consumer), 'accepted');
    assert.equal(cliStatus('alice', r1[1], consumer), undefined, 'withdrawn: no member row');
    assert.ok(!shown()?.pending.some((i) => i.id === r1[1].id) && !shown()?.accepted.some((i) => i.id === r1[1].id), 'the withdrawn share left the tree');
    await waitFor(() => !!shown()?.accepted.some((i) => i.id === r1[0].id), 'the tree to show the accepted share under Accepted');

    const after = await legacy(mine((await ctx.inbox.read()).shares));
    assert.deepEqual(
      after.map((s) => [s.image.id, s.status]).sort(),
      [
        [r1[0].id, 'accepted'],
        [r1[2].id, 'accepted'],
        [r2.id, 'accepted'],
      ].sort(),
    );
  });

  it('a token that may not answer (reader under secure RBAC): left out of the plan; sent anyway it fails, is said, and is the one row to retry', async () => {
    const { ctx } = await api();
    const remy = await scopeNamed('remy-srbac');
    const share: InboxShare = { scope: { id: remy.id, cloud: 'remy-srbac', project: 'consumer' }, image: r1[2], status: 'accepted' };
    const plan = planAnswer([share], 'pending', (s) => ctx.inbox.mayAnswer(s, 'pending'));
    assert.deepEqual(plan.change, []);
    assert.equal(plan.notAllowed.length, 1);
    const rows = await ctx.inbox.apply([share], 'pending');
    assert.equal(rows[0].outcome.kind, 'failed');
    assert.match(answerSummary('pending', rows), /^Reset to pending: 0 of 1 share; 1 failed and is still accepted \("exthost-inbox-[^"]+-3": .+\)\.$/);
    assert.deepEqual(
      retryAnswers(rows).map((s) => s.image.id),
      [r1[2].id],
    );
    assert.equal(cliStatus('alice', r1[2], consumer), 'accepted', 'unchanged in Glance');
  });

  it('reset to pending in bulk: the CLI shows them pending again', async () => {
    const { ctx } = await api();
    const accepted = (await legacy(mine((await ctx.inbox.read()).shares))).filter((s) => s.status === 'accepted');
    const rows = await ctx.inbox.apply(accepted, 'pending');
    assert.ok(
      rows.every((r) => r.outcome.kind === 'done'),
      JSON.stringify(rows.map((r) => r.outcome)),
    );
    assert.equal(cliStatus('alice', r1[0], consumer), 'pending');
    assert.equal(cliStatus('alice-r2', r2, consumer), 'pending');
  });

  it('the command opens its pick over the same shares; closing it changes nothing', async () => {
    const { ctx } = await api();
    const before = ctx.inbox.lastReading;
    const running = Promise.resolve(vscode.commands.executeCommand<InboxCommandResult>('glanceShare.reviewShares'));
    // The pick is filled as soon as its listings are read; then it is closed.
    await waitFor(() => ctx.inbox.lastReading !== before, 'the command to read the shares', 60_000);
    const result = await settleCommand(() => running, 'workbench.action.closeQuickOpen', 'the command to close its pick and return');
    assert.deepEqual((await legacy(mine(result.shown))).map((s) => s.image.id).sort(), [r1[0].id, r1[2].id, r2.id].sort(), 'the pick showed the shares Glance has');
    assert.deepEqual(result.rows, [], 'nothing answered');
    assert.equal(cliStatus('alice', r1[0], consumer), 'pending');
  });
});
