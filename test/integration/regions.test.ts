import * as assert from 'node:assert/strict';
import { HttpError } from '../../src/openstack';
import {
  connectAs,
  createImage,
  deleteImage,
  deleteTaggedImages,
  loadImages,
  openstackCli,
  stackIds,
  stackInfo,
  uniqueName,
  type TestConnection,
} from '../support/stack';

interface CliImage {
  ID: string;
}

/** `openstack [globals] image list [args]`, as image IDs. */
const cliIds = (cloud: string, args: readonly string[], globals: readonly string[] = []) =>
  (JSON.parse(openstackCli(cloud, [...globals, 'image', 'list', ...args, '-f', 'json'])) as CliImage[]).map((i) => i.ID);

/** The HTTP status a client call ends with. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}

/**
 * The stack's two regions: one Keystone, a Glance with its own database per region (RegionOne, RegionTwo).
 * alice-r2 / bob-r2 are alice and bob with region_name: RegionTwo.
 */
describe('two regions: one Keystone, a Glance with its own database in each', () => {
  const ids = stackIds();
  const regions = stackInfo().regions;
  let alice: TestConnection;
  let bob: TestConnection;
  let aliceR2: TestConnection;
  let bobR2: TestConnection;
  let tag: string;
  const created: Array<[TestConnection, string]> = [];

  before(async () => {
    [alice, bob, aliceR2, bobR2] = await Promise.all([connectAs('alice'), connectAs('bob'), connectAs('alice-r2'), connectAs('bob-r2')]);
    tag = uniqueName('it-regions');
  });

  after(async () => {
    for (const [owner, id] of created) {
      await deleteImage(owner, id).catch(() => undefined);
    }
  });

  async function imageIn(owner: TestConnection, suffix: string): Promise<string> {
    const { id } = await createImage(owner, `${tag}-${suffix}`, 'shared', { tags: [tag] });
    created.push([owner, id]);
    return id;
  }

  it('every cloud of the stack lands in the region it names, the old ones in RegionOne, without a warning', async () => {
    const firstRegion = ['admin', 'alice', 'bob', 'carol-producer', 'carol-consumer', 'dave', 'alice-short', 'bob-short', 'alice-appcred'];
    const connections = await Promise.all(firstRegion.map((cloud) => connectAs(cloud)));
    for (const [i, connection] of connections.entries()) {
      assert.equal(connection.glance.endpoint, regions.RegionOne.glanceUrl, firstRegion[i]);
      assert.deepEqual(
        connection.logLines.filter((l) => /several regions/.test(l)),
        [],
        firstRegion[i],
      );
    }
    assert.notEqual(regions.RegionTwo.glanceUrl, regions.RegionOne.glanceUrl);
    assert.equal(aliceR2.glance.endpoint, regions.RegionTwo.glanceUrl);
    assert.equal(bobR2.glance.endpoint, regions.RegionTwo.glanceUrl);
  });

  it('an image alice shares in RegionTwo is pending for bob under RegionTwo only', async () => {
    const id = await imageIn(aliceR2, 'shared-r2');
    await aliceR2.glance.addMember(id, ids.projects.consumer);
    const pending = { visibility: 'shared', member_status: 'pending', tag } as const;
    assert.deepEqual(
      (await bobR2.glance.listAllImages(pending)).map((i) => i.id),
      [id],
    );
    assert.deepEqual(await bob.glance.listAllImages(pending), []);
    assert.deepEqual(await alice.glance.listAllImages({ tag }), [], 'RegionOne has none of the tagged images');
  });

  it('the openstack CLI agrees: bob-r2 has the pending share, bob (RegionOne) does not', async () => {
    const id = await imageIn(aliceR2, 'cli-r2');
    await aliceR2.glance.addMember(id, ids.projects.consumer);
    const pendingArgs = ['--shared', '--member-status', 'pending', '--tag', tag];
    assert.ok(cliIds('bob-r2', pendingArgs).includes(id), 'bob-r2 lists the share');
    assert.ok(!cliIds('bob', pendingArgs).includes(id), 'bob in RegionOne does not');
  });

  it('the databases are independent: an image ID of one region is 404 in the other', async () => {
    const [one, two] = await Promise.all([imageIn(alice, 'only-r1'), imageIn(aliceR2, 'only-r2')]);
    assert.equal((await aliceR2.glance.getImage(two)).id, two);
    assert.equal((await alice.glance.getImage(one)).id, one);
    assert.equal(await statusOf(alice.glance.getImage(two)), 404);
    assert.equal(await statusOf(aliceR2.glance.getImage(one)), 404);
  });

  it('the multi-region cloud alice-regions reaches both regions (openstack CLI, --os-region-name)', async () => {
    const [one, two] = await Promise.all([imageIn(alice, 'multi-r1'), imageIn(aliceR2, 'multi-r2')]);
    const listed = (region: string) => cliIds('alice-regions', ['--tag', tag], ['--os-region-name', region]);
    const [inOne, inTwo] = [listed('RegionOne'), listed('RegionTwo')];
    assert.ok(inOne.includes(one) && !inOne.includes(two), `RegionOne: ${inOne.join(', ')}`);
    assert.ok(inTwo.includes(two) && !inTwo.includes(one), `RegionTwo: ${inTwo.join(', ')}`);
  });

  it('the bulk loader writes into the region it is given', async () => {
    const bulkTag = `${tag}-bulk`;
    try {
      const loaded = loadImages({ owner: ids.projects.producer, count: 3, tag: bulkTag, region: 'RegionTwo' });
      assert.deepEqual((await aliceR2.glance.listAllImages({ tag: bulkTag })).map((i) => i.id).sort(), [...loaded].sort());
      assert.deepEqual(await alice.glance.listAllImages({ tag: bulkTag }), []);
    } finally {
      deleteTaggedImages(bulkTag, 'RegionTwo');
    }
  });
});
