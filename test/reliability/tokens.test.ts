// Tokens that expire every few seconds (the stack's short-lifetime Keystone) through a long
// sequence of operations: no failure may reach the caller.
import * as assert from 'node:assert/strict';
import { loadScopeImages } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, stackInfo, uniqueName } from '../support/stack';

describe('short-lived tokens through a long sequence', () => {
  it('shares, answers and lists across several token expiries without an error', async function () {
    const { shortTokenSeconds } = stackInfo();
    const rounds = 3;
    this.timeout((shortTokenSeconds * (rounds + 1) + 60) * 1000);
    const ids = stackIds();
    const [alice, bob] = await Promise.all([connectAs('alice-short'), connectAs('bob-short')]);
    const signInsAtStart = alice.session.transport.requestCount.keystone + bob.session.transport.requestCount.keystone;
    const created: string[] = [];
    let operations = 0;
    try {
      const deadline = Date.now() + shortTokenSeconds * rounds * 1000;
      while (Date.now() < deadline) {
        const image = await createImage(alice, uniqueName('rel-token'), 'shared');
        created.push(image.id);
        await alice.glance.addMember(image.id, ids.projects.consumer);
        const scope = await loadScopeImages(bob.glance, ids.projects.consumer);
        assert.ok(scope.incoming.pending.some((i) => i.id === image.id));
        await bob.glance.updateMemberStatus(image.id, ids.projects.consumer, 'accepted');
        assert.equal((await alice.glance.listMembers(image.id))[0].status, 'accepted');
        await alice.glance.removeMember(image.id, ids.projects.consumer);
        operations += 6;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    } finally {
      for (const id of created) await deleteImage(alice, id).catch(() => undefined);
    }
    const signIns = alice.session.transport.requestCount.keystone + bob.session.transport.requestCount.keystone - signInsAtStart;
    console.log(`      ${operations} operations over ${rounds} token lifetimes of ${shortTokenSeconds} s: ${signIns} renewals, no error`);
    assert.ok(signIns >= rounds, `tokens were renewed (${signIns} sign-ins)`);
  });
});
