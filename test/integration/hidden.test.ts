// Hidden images (os_hidden) and the versions document against the real Glance
// (docs/glance-behaviour.md#hidden-images, #versions-document), checked with the openstack CLI too.
import * as assert from 'node:assert/strict';
import { HttpError, loadPendingShares, loadScopeImages, type GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, openstackCli, stackIds, uniqueName, type TestConnection } from '../support/stack';

describe('hidden images and API versions against the real Glance', () => {
  let alice: TestConnection;
  let bob: TestConnection;
  const ids = stackIds();
  const tag = uniqueName('it-hidden');
  let hidden: GlanceImage;
  let visible: GlanceImage;

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
    hidden = await createImage(alice, uniqueName('it-hidden-img'), 'shared', { tags: [tag] });
    visible = await createImage(alice, uniqueName('it-visible-img'), 'shared', { tags: [tag] });
    await alice.glance.addMember(hidden.id, ids.projects.consumer);
    await alice.glance.addMember(visible.id, ids.projects.consumer);
  });

  after(async () => {
    for (const image of [hidden, visible]) if (image) await deleteImage(alice, image.id).catch(() => undefined);
  });

  it('reads the versions document once: Image API 2.7 or later, so hidden, community and shared', async () => {
    const capabilities = await alice.glance.capabilities();
    assert.match(capabilities.version?.id ?? '', /^v2\.\d+$/);
    assert.ok((capabilities.version?.minor ?? 0) >= 7, capabilities.version?.id);
    assert.deepEqual([capabilities.hidden, capabilities.community, capabilities.sharedVisibility], [true, true, true]);
    assert.equal(await alice.glance.capabilities(), capabilities, 'read once per connection');
  });

  it('the owner hides an image through the client: the CLI lists it only with --hidden', async () => {
    const updated = await alice.glance.setHidden(hidden.id, true);
    assert.equal(updated.os_hidden, true);
    const plain = openstackCli('alice', ['image', 'list', '--tag', tag, '-f', 'value', '-c', 'ID']);
    const withHidden = openstackCli('alice', ['image', 'list', '--hidden', '--tag', tag, '-f', 'value', '-c', 'ID']);
    assert.ok(!plain.includes(hidden.id) && plain.includes(visible.id), plain);
    assert.ok(withHidden.includes(hidden.id), withHidden);
  });

  it('My images holds the hidden image only with the hidden walk', async () => {
    const without = await loadScopeImages(alice.glance, ids.projects.producer, { tag });
    assert.ok(!without.owned.some((i) => i.id === hidden.id), 'Glance leaves it out of owner=');
    const loaded = await loadScopeImages(alice.glance, ids.projects.producer, { tag, hidden: true });
    assert.deepEqual(
      loaded.owned.map((i) => [i.id, i.os_hidden]).sort(),
      [
        [hidden.id, true],
        [visible.id, false],
      ].sort(),
    );
  });

  it('a hidden share is pending in Shared with me and in the periodic check', async () => {
    const loaded = await loadScopeImages(bob.glance, ids.projects.consumer, { tag, hidden: true });
    assert.ok(loaded.incoming.pending.some((i) => i.id === hidden.id && i.os_hidden));
    const without = await loadScopeImages(bob.glance, ids.projects.consumer, { tag });
    assert.ok(!without.incoming.pending.some((i) => i.id === hidden.id), 'invisible without os_hidden=true');
    const pending = await loadPendingShares(bob.glance, ids.projects.consumer);
    assert.ok(pending.some((i) => i.id === hidden.id));
  });

  it('a member cannot hide or unhide: 403', async () => {
    await assert.rejects(bob.glance.setHidden(hidden.id, false), (e: unknown) => e instanceof HttpError && e.status === 403);
  });

  it('unhiding puts it back in the default listings', async () => {
    const updated = await alice.glance.setHidden(hidden.id, false);
    assert.equal(updated.os_hidden, false);
    const plain = openstackCli('alice', ['image', 'list', '--tag', tag, '-f', 'value', '-c', 'ID']);
    assert.ok(plain.includes(hidden.id), plain);
    const loaded = await loadScopeImages(bob.glance, ids.projects.consumer, { tag });
    assert.ok(loaded.incoming.pending.some((i) => i.id === hidden.id));
  });
});
