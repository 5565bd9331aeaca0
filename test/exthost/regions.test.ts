// Regions as part of a scope, in a real extension host against the stack's two regions
// (one Keystone, a Glance with its own database in RegionOne and in RegionTwo).
import * as assert from 'node:assert/strict';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { Scope } from '../../src/ui/connections';
import { api, connectAs, createImage, deleteImage, settledScopes, stackIds, stackInfo, uniqueName } from './stack';
import { waitFor } from './support';

function labelOf(scope: Scope, ctx: Awaited<ReturnType<typeof api>>['ctx']): string {
  const item = ctx.tree.getTreeItem({ kind: 'scope', scopeId: scope.id });
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

const regionScopes = async (cloud: string) => (await settledScopes()).filter((s) => s.cloud.name === cloud);

/** The pending image IDs a scope's tree shows, after a reload of it. */
async function pendingOf(scope: Scope): Promise<string[]> {
  const { ctx } = await api();
  await ctx.images.reload(scope.id);
  const main = ctx.images.main(scope.id);
  return main.kind === 'loaded' ? main.value.incoming.pending.map((i) => i.id) : [];
}

describe('regions: a scope is cloud × project × region', () => {
  const ids = stackIds();
  const regions = stackInfo().regions;
  const made: Array<[ScopeConnection, GlanceImage]> = [];
  let alice: ScopeConnection;
  let aliceR2: ScopeConnection;

  before(async () => {
    [alice, aliceR2] = await Promise.all([connectAs('alice'), connectAs('alice-r2')]);
  });

  after(async () => {
    for (const [owner, image] of made) await deleteImage(owner, image.id);
    const { ctx } = await api();
    // Leave the workspace's region choice as the config has it, for the suites after this one.
    const [any] = await regionScopes('alice-regions');
    if (any) await ctx.connections.showRegions(any, ['RegionOne', 'RegionTwo']);
  });

  async function sharedWithConsumer(owner: ScopeConnection, prefix: string, id?: string): Promise<GlanceImage> {
    const image = await createImage(owner, uniqueName(prefix), 'shared', { id });
    made.push([owner, image]);
    await owner.glance.addMember(image.id, ids.projects.consumer);
    return image;
  }

  it('a cloud with regions: [RegionOne, RegionTwo] shows one scope per region, each on its own Glance, named by region', async () => {
    const { ctx } = await api();
    const scopes = await regionScopes('alice-regions');
    assert.deepEqual(
      scopes.map((s) => s.region),
      ['RegionOne', 'RegionTwo'],
    );
    const endpoints = scopes.map((s) => (s.state.kind === 'connected' ? s.state.connection.glance.endpoint : s.state.kind));
    assert.deepEqual(endpoints, [regions.RegionOne.glanceUrl, regions.RegionTwo.glanceUrl]);
    assert.deepEqual(
      scopes.map((s) => labelOf(s, ctx)),
      ['alice-regions · RegionOne · producer', 'alice-regions · RegionTwo · producer'],
    );
    assert.notEqual(scopes[0].id, scopes[1].id);
    // A single-region cloud's row does not change: no region in its title, its ID as before.
    const [single] = await regionScopes('alice');
    assert.equal(labelOf(single, ctx), 'alice · producer');
    assert.equal(single.region, undefined);
    assert.equal(single.id, `${single.cloudKey}|*`);
  });

  it('a share alice makes in RegionTwo is pending for bob-r2 and not for bob in RegionOne', async () => {
    const image = await sharedWithConsumer(aliceR2, 'exthost-r2');
    const [bob] = await regionScopes('bob');
    const [bobR2] = await regionScopes('bob-r2');
    assert.ok((await pendingOf(bobR2)).includes(image.id), 'pending in RegionTwo');
    assert.ok(!(await pendingOf(bob)).includes(image.id), 'not in RegionOne');
  });

  it('the badge counts a pending share of each region of one project, even under the same image ID', async () => {
    const { ctx } = await api();
    const bobScopes = [...(await regionScopes('bob')), ...(await regionScopes('bob-r2'))];
    await Promise.all(bobScopes.map((s) => ctx.images.reload(s.id)));
    const before = ctx.images.pendingTotal();
    // One image ID in both regions (two Glances, two images): keyed by project and image alone, it would count once.
    const one = await sharedWithConsumer(alice, 'exthost-badge-r1');
    const two = await sharedWithConsumer(aliceR2, 'exthost-badge-r2', one.id);
    assert.equal(two.id, one.id);
    await Promise.all(bobScopes.map((s) => ctx.images.reload(s.id)));
    assert.ok((await pendingOf(bobScopes[0])).includes(one.id) && (await pendingOf(bobScopes[1])).includes(two.id));
    assert.equal(ctx.images.pendingTotal(), before + 2);
  });

  it('Show or Hide Regions offers the catalog\u2019s other image region, and a hidden region stays hidden after a reload', async () => {
    const { ctx } = await api();
    const [aliceScope] = await regionScopes('alice');
    const choices = ctx.connections.regionChoices(aliceScope);
    assert.deepEqual(choices.all, ['RegionOne', 'RegionTwo']);
    assert.deepEqual(choices.catalogOnly, ['RegionTwo']);

    const [first] = await regionScopes('alice-regions');
    await ctx.connections.showRegions(first, ['RegionTwo']);
    await waitFor(() => ctx.connections.scopes.filter((s) => s.cloud.name === 'alice-regions').every((s) => s.state.kind !== 'connecting'), 'alice-regions to sign in');
    assert.deepEqual(
      (await regionScopes('alice-regions')).map((s) => s.cloud.regionName),
      ['RegionTwo'],
    );
    await ctx.connections.reload();
    const after = await regionScopes('alice-regions');
    assert.deepEqual(
      after.map((s) => s.cloud.regionName),
      ['RegionTwo'],
      'remembered in workspaceState',
    );
    // Still named: the cloud has two regions, one of them hidden.
    assert.equal(labelOf(after[0], ctx), 'alice-regions · RegionTwo · producer');
  });
});
