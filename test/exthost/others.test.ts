// Other projects' Community and Public groups, loaded when opened, against the real Glance: they
// are grouped like every other group of the tree (sorted as people read names, each image once).
import * as assert from 'node:assert/strict';
import type { GlanceImage, ScopeConnection } from '../../src/openstack';
import type { GroupNode, ImageNode } from '../../src/ui/tree/nodes';
import { api, connectAs, createImage, deleteImage, scopeNamed } from './stack';
import { waitFor } from './support';

describe('Community of other projects', () => {
  let alice: ScopeConnection;
  const made: GlanceImage[] = [];

  before(async () => {
    alice = await connectAs('alice');
    // "-10" and "-9" sort the other way round by character code: the group must put 9 first.
    for (const prefix of ['exthost-order-10', 'exthost-order-9']) {
      const image = await createImage(alice, prefix, 'private');
      made.push(await alice.glance.setVisibility(image.id, 'community'));
    }
  });

  after(async () => {
    await Promise.all(made.map((i) => deleteImage(alice, i.id)));
  });

  /** The rows VS Code gets when the group opens on a fresh sign-in: awaited until Glance answered. */
  async function communityRows(cloud: string): Promise<ImageNode[]> {
    const { ctx } = await api();
    const scope = await scopeNamed(cloud);
    await ctx.connections.connectScope(scope);
    await waitFor(() => ctx.images.main(scope.id).kind === 'loaded', `${cloud} signed in again`, 30_000);
    assert.equal(ctx.images.others(scope.id, 'community').kind, 'idle', 'a new sign-in has not read Community yet');
    const group: GroupNode = { kind: 'group', scopeId: scope.id, group: 'community' };
    const opening = ctx.tree.getChildren(group);
    assert.ok(opening instanceof Promise, 'VS Code awaits the load (its progress in the view), no Loading row');
    const rows = await opening;
    assert.equal(ctx.images.others(scope.id, 'community').kind, 'loaded');
    return rows.filter((n): n is ImageNode => n.kind === 'image');
  }

  it('lists another project\u2019s community images in the order of every group: numbers as numbers', async () => {
    const ours = (await communityRows('bob')).filter((n) => made.some((i) => i.id === n.image.id));
    assert.deepEqual(
      ours.map((n) => n.image.id),
      [made[1].id, made[0].id],
      `${made[1].name} before ${made[0].name}`,
    );
    assert.equal(new Set(ours.map((n) => n.path)).size, ours.length, 'one row per image');
  });

  it('does not list the project\u2019s own community images there (they are under My images)', async () => {
    const rows = await communityRows('alice');
    assert.ok(!rows.some((n) => made.some((i) => i.id === n.image.id)), 'alice\u2019s own images are not "other projects\u2019"');
  });
});
