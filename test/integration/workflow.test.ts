import * as assert from 'node:assert/strict';
import { HttpError, loadScopeImages, type GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';

const names = (images: readonly GlanceImage[]) => images.map((i) => i.name);

async function defaultList(connection: TestConnection): Promise<string[]> {
  return (await connection.glance.listAllImages()).map((i) => i.id);
}

/** The seed documents' workflow, step by step, through the client against the real Keystone + Glance. */
describe('sharing workflow against the real Glance', () => {
  let alice: TestConnection;
  let bob: TestConnection;
  let admin: TestConnection;
  const ids = stackIds();
  const created: string[] = [];
  let image: GlanceImage;

  before(async () => {
    [alice, bob, admin] = await Promise.all([connectAs('alice'), connectAs('bob'), connectAs('admin')]);
  });

  after(async () => {
    for (const id of created) {
      await deleteImage(alice, id).catch(() => undefined);
    }
  });

  it('alice signs in scoped to producer and creates a private image', async () => {
    assert.equal(alice.session.projectScope?.id, ids.projects.producer);
    assert.equal(alice.session.user.name, 'alice');
    image = await createImage(alice, uniqueName('it-golden'), 'private');
    created.push(image.id);
    assert.equal(image.visibility, 'private');
    assert.equal(image.owner, ids.projects.producer);
  });

  it('a private image has no members: 403, explained', async () => {
    await assert.rejects(
      alice.glance.listMembers(image.id),
      (e: unknown) => e instanceof HttpError && e.status === 403 && /Only shared images have members/.test(e.explanation),
    );
    await assert.rejects(alice.glance.addMember(image.id, ids.projects.consumer), (e: unknown) => e instanceof HttpError && e.status === 403);
  });

  it('alice makes it shared and adds consumer: the member starts pending', async () => {
    const shared = await alice.glance.setVisibility(image.id, 'shared');
    assert.equal(shared.visibility, 'shared');
    const member = await alice.glance.addMember(image.id, ids.projects.consumer);
    assert.deepEqual([member.member_id, member.image_id, member.status], [ids.projects.consumer, image.id, 'pending']);
  });

  it('bob does not see it in his default list, but sees it as pending', async () => {
    assert.ok(!(await defaultList(bob)).includes(image.id));
    const pending = await bob.glance.listAllImages({ visibility: 'shared', member_status: 'pending' });
    assert.ok(pending.some((i) => i.id === image.id));
    const scope = await loadScopeImages(bob.glance, ids.projects.consumer);
    assert.ok(scope.incoming.pending.some((i) => i.id === image.id));
    assert.ok(!scope.incoming.accepted.some((i) => i.id === image.id));
    assert.equal((await bob.glance.getImage(image.id)).id, image.id, 'a pending member can still GET the image');
  });

  it('bob accepts: it is in his default list and under accepted', async () => {
    const member = await bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'accepted');
    assert.equal(member.status, 'accepted');
    assert.ok((await defaultList(bob)).includes(image.id));
    const scope = await loadScopeImages(bob.glance, ids.projects.consumer);
    assert.ok(scope.incoming.accepted.some((i) => i.id === image.id));
    assert.ok(!scope.incoming.pending.some((i) => i.id === image.id));
  });

  it('bob rejects: hidden from his default list, under rejected', async () => {
    await bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'rejected');
    assert.ok(!(await defaultList(bob)).includes(image.id));
    const scope = await loadScopeImages(bob.glance, ids.projects.consumer);
    assert.ok(scope.incoming.rejected.some((i) => i.id === image.id));
  });

  it('bob resets it to pending', async () => {
    const member = await bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'pending');
    assert.equal(member.status, 'pending');
    assert.equal((await bob.glance.getMember(image.id, ids.projects.consumer)).status, 'pending');
  });

  it('bob sees only his own member row', async () => {
    await alice.glance.addMember(image.id, ids.projects.other);
    const seenByBob = await bob.glance.listMembers(image.id);
    assert.deepEqual(
      seenByBob.map((m) => m.member_id),
      [ids.projects.consumer],
    );
  });

  it('alice lists the members with their statuses', async () => {
    await dave().then((d) => d.glance.updateMemberStatus(image.id, ids.projects.other, 'accepted'));
    const members = await alice.glance.listMembers(image.id);
    const byProject = Object.fromEntries(members.map((m) => [m.member_id, m.status]));
    assert.deepEqual(byProject, { [ids.projects.consumer]: 'pending', [ids.projects.other]: 'accepted' });
  });

  it('the owner cannot change a member\u2019s status: 403, explained', async () => {
    await assert.rejects(
      alice.glance.updateMemberStatus(image.id, ids.projects.consumer, 'accepted'),
      (e: unknown) => e instanceof HttpError && e.status === 403 && /Only the member project itself/.test(e.explanation),
    );
  });

  it('a member cannot add members: 403', async () => {
    await assert.rejects(
      bob.glance.addMember(image.id, ids.projects.admin),
      (e: unknown) => e instanceof HttpError && e.status === 403 && /Only the owner project can add members/.test(e.explanation),
    );
  });

  it('a member cannot remove itself: 403, explained as "reject instead"', async () => {
    await assert.rejects(
      bob.glance.removeMember(image.id, ids.projects.consumer),
      (e: unknown) => e instanceof HttpError && e.status === 403 && /rejecting/.test(e.explanation),
    );
  });

  it('adding the same member twice: 409, explained', async () => {
    await assert.rejects(
      alice.glance.addMember(image.id, ids.projects.consumer),
      (e: unknown) => e instanceof HttpError && e.status === 409 && /already a member/.test(e.explanation),
    );
  });

  it('an invalid status is refused by Glance with 400', async () => {
    // The client's type forbids it; a caller that bypasses the type still gets an explained error.
    await assert.rejects(
      bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'ACCEPTED' as 'accepted'),
      (e: unknown) => e instanceof HttpError && e.status === 400 && /pending, accepted or rejected/.test(e.explanation),
    );
  });

  it('alice removes consumer: bob then gets 404', async () => {
    await alice.glance.removeMember(image.id, ids.projects.consumer);
    assert.deepEqual(
      (await alice.glance.listMembers(image.id)).map((m) => m.member_id),
      [ids.projects.other],
    );
    await assert.rejects(
      bob.glance.getImage(image.id),
      (e: unknown) => e instanceof HttpError && e.status === 404 && /not found, or this project cannot see it/.test(e.explanation),
    );
    await assert.rejects(
      alice.glance.removeMember(image.id, ids.projects.consumer),
      (e: unknown) => e instanceof HttpError && e.status === 404 && /not a member/.test(e.explanation),
    );
  });

  it('community: bob finds it only when asking for community images', async () => {
    await alice.glance.setVisibility(image.id, 'community');
    assert.ok(!(await defaultList(bob)).includes(image.id));
    assert.ok((await bob.glance.listAllImages({ visibility: 'community' })).some((i) => i.id === image.id));
    const scope = await loadScopeImages(bob.glance, ids.projects.consumer, { includeCommunity: true });
    assert.ok(scope.community?.some((i) => i.id === image.id));
    const own = await loadScopeImages(alice.glance, ids.projects.producer, { includeCommunity: true });
    assert.ok(own.owned.some((i) => i.id === image.id && i.visibility === 'community'));
    assert.ok(!own.community?.some((i) => i.id === image.id), 'own community images are under My images, not Community');
  });

  it('public: 403 for alice (explained), 200 for admin; the owner may take it back to private', async () => {
    await assert.rejects(
      alice.glance.setVisibility(image.id, 'public'),
      (e: unknown) => e instanceof HttpError && e.status === 403 && /Only a cloud administrator/.test(e.explanation),
    );
    assert.ok(admin.session.isAdmin);
    assert.equal((await admin.glance.setVisibility(image.id, 'public')).visibility, 'public');
    const scope = await loadScopeImages(bob.glance, ids.projects.consumer, { includePublic: true });
    assert.ok(scope.public?.some((i) => i.id === image.id));
    assert.equal((await alice.glance.setVisibility(image.id, 'private')).visibility, 'private');
  });

  it('a project that cannot see an image gets 404 for it, not 403', async () => {
    await assert.rejects(bob.glance.setVisibility(image.id, 'shared'), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  it('the tree loader puts each image in its group for owner and consumer', async () => {
    const tag = uniqueName('it-groups');
    const make = async (name: string, visibility: 'private' | 'shared' | 'community') => {
      const img = await createImage(alice, `${tag}-${name}`, visibility, { tags: [tag] });
      created.push(img.id);
      return img;
    };
    const [priv, pend, acc, rej, comm] = await Promise.all([
      make('priv', 'private'),
      make('pend', 'shared'),
      make('acc', 'shared'),
      make('rej', 'shared'),
      make('comm', 'community'),
    ]);
    for (const img of [pend, acc, rej]) {
      await alice.glance.addMember(img.id, ids.projects.consumer);
    }
    await bob.glance.updateMemberStatus(acc.id, ids.projects.consumer, 'accepted');
    await bob.glance.updateMemberStatus(rej.id, ids.projects.consumer, 'rejected');

    const producer = await loadScopeImages(alice.glance, ids.projects.producer, { tag, includeCommunity: true, includePublic: true });
    assert.deepEqual(names(producer.owned).sort(), [priv, pend, acc, rej, comm].map((i) => i.name).sort());
    assert.deepEqual(
      [producer.incoming.pending, producer.incoming.accepted, producer.incoming.rejected, producer.community, producer.public].map((l) => l?.length),
      [0, 0, 0, 0, 0],
      'own images never appear as incoming or as others\u2019',
    );

    const consumer = await loadScopeImages(bob.glance, ids.projects.consumer, { tag, includeCommunity: true });
    assert.deepEqual(names(consumer.incoming.pending), [pend.name]);
    assert.deepEqual(names(consumer.incoming.accepted), [acc.name]);
    assert.deepEqual(names(consumer.incoming.rejected), [rej.name]);
    assert.deepEqual(names(consumer.community ?? []), [comm.name]);
    assert.deepEqual(consumer.owned, []);
    assert.equal(consumer.requests, 4, 'owned and pending together, accepted, rejected, community: one page each');
    assert.equal(consumer.firstGroupsRequests, 1);

    // The one owned-and-pending walk finds what `owner=<me>` and `visibility=shared&member_status=pending`
    // find apart (the walks of an endpoint before Image API 2.5).
    for (const [who, projectId] of [
      [alice, ids.projects.producer],
      [bob, ids.projects.consumer],
    ] as const) {
      const together = await loadScopeImages(who.glance, projectId, { tag });
      const apart = await loadScopeImages(who.glance, projectId, { tag, sharedVisibility: false });
      const groups = (l: typeof together) => [l.owned, l.incoming.pending, l.incoming.accepted, l.incoming.rejected].map((g) => names(g).sort());
      assert.deepEqual(groups(together), groups(apart), who.session.user.name);
      assert.ok(together.requests < apart.requests, `${who.session.user.name}: ${together.requests} requests together, ${apart.requests} apart`);
    }
  });

  it('an admin token: another project\u2019s private image in the owned-and-pending listing, so owned comes from owner=<admin> and nothing is incoming', async () => {
    const tag = uniqueName('it-admin');
    const theirs = await createImage(alice, `${tag}-alices`, 'private', { tags: [tag] });
    created.push(theirs.id);
    const own = await createImage(admin, `${tag}-admins`, 'private', { tags: [tag] });
    try {
      const projectId = admin.session.projectScope?.id ?? '';
      const loaded = await loadScopeImages(admin.glance, projectId, { tag });
      assert.equal(loaded.listedAsAdmin, true);
      assert.deepEqual(names(loaded.owned), [own.name]);
      assert.deepEqual([loaded.incoming.pending, loaded.incoming.accepted, loaded.incoming.rejected], [[], [], []]);
      // What Glance holds for owner=<admin>, as the CLI lists it.
      assert.deepEqual(names(loaded.owned), names(await admin.glance.listAllImages({ owner: projectId, tag })));
    } finally {
      await deleteImage(admin, own.id).catch(() => undefined);
    }
  });

  async function dave(): Promise<TestConnection> {
    return connectAs('dave');
  }
});
