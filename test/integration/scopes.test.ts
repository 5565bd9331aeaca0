import * as assert from 'node:assert/strict';
import {
  HttpError,
  KeystoneSession,
  loadScopeImages,
  NetworkError,
  rescopeConnection,
  SecretRegistry,
  Transport,
  TRANSPORT_CLOSED,
  UnsupportedError,
} from '../../src/openstack';
import { memoryLogger } from '../support/localServer';
import { connectAs, createImage, deleteImage, stackCloud, stackIds, stackInfo, uniqueName, type TestConnection } from '../support/stack';

const sortedIds = (images: ReadonlyArray<{ id: string }>) => images.map((i) => i.id).sort();

describe('project scopes, credentials and tokens against the real Keystone', () => {
  const ids = stackIds();
  let alice: TestConnection;
  let bob: TestConnection;
  const created: string[] = [];
  let tag: string;

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
    tag = uniqueName('it-scopes');
    const shared = await createImage(alice, `${tag}-shared`, 'shared', { tags: [tag] });
    const priv = await createImage(alice, `${tag}-private`, 'private', { tags: [tag] });
    created.push(shared.id, priv.id);
    await alice.glance.addMember(shared.id, ids.projects.consumer);
  });

  after(async () => {
    for (const id of created) {
      await deleteImage(alice, id).catch(() => undefined);
    }
  });

  it('carol lists both of her projects', async () => {
    const carol = await connectAs('carol-producer');
    const projects = await carol.session.listProjects();
    assert.deepEqual(projects.map((p) => p.name).sort(), ['consumer', 'producer']);
    assert.ok(projects.every((p) => p.enabled && p.domain_id === 'default'));
  });

  it('carol rescoped to each project sees exactly that project\u2019s view', async () => {
    const carolProducer = await connectAs('carol-producer');
    assert.equal(carolProducer.session.projectScope?.id, ids.projects.producer);
    const carolConsumer = await rescopeConnection(carolProducer, ids.projects.consumer);
    assert.equal(carolConsumer.session.projectScope?.id, ids.projects.consumer);
    assert.equal(carolProducer.session.projectScope?.id, ids.projects.producer, 'rescoping leaves the original session as it was');

    const [asAlice, asCarolP, asBob, asCarolC] = await Promise.all([
      loadScopeImages(alice.glance, ids.projects.producer, { tag }),
      loadScopeImages(carolProducer.glance, ids.projects.producer, { tag }),
      loadScopeImages(bob.glance, ids.projects.consumer, { tag }),
      loadScopeImages(carolConsumer.glance, ids.projects.consumer, { tag }),
    ]);
    assert.equal(asAlice.owned.length, 2);
    assert.deepEqual(sortedIds(asCarolP.owned), sortedIds(asAlice.owned));
    assert.equal(asBob.incoming.pending.length, 1);
    assert.deepEqual(sortedIds(asCarolC.incoming.pending), sortedIds(asBob.incoming.pending));
    assert.deepEqual(asCarolC.owned, []);

    // Membership is per project: carol, consumer-scoped, accepts for the consumer project.
    const image = asCarolC.incoming.pending[0];
    await carolConsumer.glance.updateMemberStatus(image.id, ids.projects.consumer, 'accepted');
    assert.equal((await bob.glance.getMember(image.id, ids.projects.consumer)).status, 'accepted');
    // ... and producer-scoped she is the owner side, which may not change a member's status.
    await assert.rejects(carolProducer.glance.updateMemberStatus(image.id, ids.projects.consumer, 'pending'), (e: unknown) => e instanceof HttpError && e.status === 403);
    await bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'pending');
  });

  it('a rescoped connection has sockets of its own: disposing either leaves the other working', async () => {
    const carolProducer = await connectAs('carol-producer');
    const carolConsumer = await rescopeConnection(carolProducer, ids.projects.consumer);
    assert.notEqual(carolConsumer.session.transport, carolProducer.session.transport);
    carolProducer.dispose();
    assert.equal(carolProducer.isDisposed, true);
    assert.equal((await loadScopeImages(carolConsumer.glance, ids.projects.consumer, { tag })).incoming.pending.length, 1);
    await assert.rejects(carolProducer.glance.listAllImages({ tag }), (e: unknown) => e instanceof NetworkError && e.code === TRANSPORT_CLOSED);
    assert.match(carolProducer.logLines.join('\n'), /Closed the connection to cloud "carol-producer" in project producer \(\d+ open sockets?\)/);
    carolConsumer.dispose();
  });

  it('an application credential “rescoped” to its own project is a new session on its own transport', async () => {
    const appcred = await connectAs('alice-appcred');
    const again = await rescopeConnection(appcred, ids.projects.producer);
    appcred.dispose();
    assert.equal(again.session.projectScope?.id, ids.projects.producer);
    assert.equal((await loadScopeImages(again.glance, ids.projects.producer, { tag })).owned.length, 2);
    again.dispose();
  });

  it('alice cannot scope to a project where she has no role: 401, explained', async () => {
    await assert.rejects(
      rescopeConnection(alice, ids.projects.consumer),
      (e: unknown) => e instanceof HttpError && e.status === 401 && /Keystone refused the credentials/.test(e.explanation),
    );
  });

  it('alice\u2019s application credential signs in to producer and works', async () => {
    const appcred = await connectAs('alice-appcred');
    assert.equal(appcred.session.projectScope?.id, ids.projects.producer);
    assert.equal(appcred.session.user.name, 'alice');
    const scope = await loadScopeImages(appcred.glance, ids.projects.producer, { tag });
    assert.equal(scope.owned.length, 2);
    const projects = await appcred.session.listProjects();
    assert.deepEqual(
      projects.map((p) => p.id),
      [ids.projects.producer],
    );
    await assert.rejects(rescopeConnection(appcred, ids.projects.consumer), UnsupportedError);
    assert.ok(!appcred.logLines.join('\n').includes(ids.appcred.secret), 'the secret never reaches the log');
  });

  it('a wrong password is a 401 with a plain explanation and no secret in it', async () => {
    const cloud = stackCloud('bob');
    const wrong = { ...cloud, auth: { ...cloud.auth, password: 'not-bobs-password' } } as typeof cloud;
    const { lines, logger } = memoryLogger();
    const transport = new Transport({ logger });
    try {
      await assert.rejects(KeystoneSession.open(wrong, { transport, logger, knownSecrets: new SecretRegistry() }), (e: unknown) => {
        assert.ok(e instanceof HttpError);
        assert.equal(e.status, 401);
        assert.doesNotMatch(e.message, /not-bobs-password/);
        return true;
      });
      assert.doesNotMatch(lines.join('\n'), /not-bobs-password/);
    } finally {
      transport.dispose();
    }
  });

  it('a token that expires mid-sequence is renewed without the caller noticing', async function () {
    const { shortTokenSeconds } = stackInfo();
    this.timeout((shortTokenSeconds * 3 + 30) * 1000);
    const short = await connectAs('alice-short');
    const expiresIn = Date.parse(short.session.expiresAt) - Date.now();
    assert.ok(expiresIn <= shortTokenSeconds * 1000 + 2000, `the short keystone issues ${shortTokenSeconds} s tokens`);
    const keystoneCallsAtStart = short.session.transport.requestCount.keystone;
    await short.glance.listAllImages({ tag });
    await new Promise((resolve) => setTimeout(resolve, shortTokenSeconds * 1000 + 1000));
    const after = await loadScopeImages(short.glance, ids.projects.producer, { tag });
    assert.equal(after.owned.length, 2);
    assert.ok(short.session.transport.requestCount.keystone > keystoneCallsAtStart, 'it signed in again');
  });

  it('a 401 from Glance (token expired behind our back) leads to one sign-in and a retry', async function () {
    const { shortTokenSeconds } = stackInfo();
    this.timeout((shortTokenSeconds * 3 + 30) * 1000);
    // A frozen clock makes the session believe its token is still fresh, so only Glance's 401 can tell it.
    const frozen = Date.now();
    const { logger, lines } = memoryLogger();
    const transport = new Transport({ logger });
    try {
      const session = await KeystoneSession.open(stackCloud('alice-short'), { transport, logger, knownSecrets: new SecretRegistry(), now: () => frozen });
      await new Promise((resolve) => setTimeout(resolve, shortTokenSeconds * 1000 + 1000));
      const projects = await session.listProjects();
      assert.equal(projects.length, 1);
      assert.equal(transport.requestCount.keystone, 4, 'sign-in, 401, sign-in again, retry');
      assert.ok(lines.some((l) => /→ 401; signing in again/.test(l)));
    } finally {
      transport.dispose();
    }
  });
});
