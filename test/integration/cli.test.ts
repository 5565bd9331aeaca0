import * as assert from 'node:assert/strict';
import { connectAs, createImage, deleteImage, openstackCli, stackIds, uniqueName, type TestConnection } from '../support/stack';

interface CliMember {
  'Member ID': string;
  Status: string;
}

/** What the client does, the real openstack CLI sees; what the CLI does, the client sees. */
describe('cross-checks with the openstack CLI', () => {
  const ids = stackIds();
  let alice: TestConnection;
  let bob: TestConnection;
  let imageId: string;

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
    imageId = (await createImage(alice, uniqueName('it-cli'), 'shared')).id;
  });

  after(async () => {
    await deleteImage(alice, imageId).catch(() => undefined);
  });

  it('a member added by the client is in `openstack image member list`, pending', async () => {
    await alice.glance.addMember(imageId, ids.projects.consumer);
    const members = JSON.parse(openstackCli('alice', ['image', 'member', 'list', imageId, '-f', 'json'])) as CliMember[];
    assert.deepEqual(
      members.map((m) => [m['Member ID'], m.Status]),
      [[ids.projects.consumer, 'pending']],
    );
  });

  it('`openstack image set --accept` by bob is seen by the client as accepted', async () => {
    openstackCli('bob', ['image', 'set', '--accept', imageId]);
    assert.equal((await alice.glance.getMember(imageId, ids.projects.consumer)).status, 'accepted');
    const accepted = await bob.glance.listAllImages({ visibility: 'shared', member_status: 'accepted' });
    assert.ok(accepted.some((i) => i.id === imageId));
  });

  it('a visibility set by the client is what `openstack image show` reports', async () => {
    await alice.glance.setVisibility(imageId, 'community');
    const shown = JSON.parse(openstackCli('alice', ['image', 'show', imageId, '-f', 'json'])) as { visibility: string };
    assert.equal(shown.visibility, 'community');
  });
});
