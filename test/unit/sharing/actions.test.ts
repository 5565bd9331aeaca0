import * as assert from 'node:assert/strict';
import { allowedActions, imageContextValue, roleOf, visibilityChoices } from '../../../src/sharing';
import { image } from '../../support/fixtures';

const me = { projectId: 'me' };

describe('what an image allows', () => {
  it('owner of a private image: share (made shared first), visibility; no member list, no accept', () => {
    const actions = allowedActions(image('a', { visibility: 'private' }), me);
    assert.deepEqual(actions, ['share', 'setVisibility', 'copyId', 'copyCli']);
  });

  it('owner of a shared image: share, remove members, members, share notice', () => {
    assert.deepEqual(allowedActions(image('a', { visibility: 'shared' }), me), ['share', 'removeMember', 'showMembers', 'copyShareNotice', 'setVisibility', 'copyId', 'copyCli']);
  });

  it('owner of community or public images: never add a member', () => {
    for (const visibility of ['community', 'public'] as const) {
      const actions = allowedActions(image('a', { visibility }), me);
      assert.ok(!actions.includes('share'), visibility);
      assert.ok(!actions.includes('removeMember'), visibility);
      assert.ok(actions.includes('setVisibility'), visibility);
    }
  });

  it('a member changes only its own status, to another status; never shares or changes visibility', () => {
    const shared = image('a', { visibility: 'shared', owner: 'them' });
    assert.deepEqual(allowedActions(shared, { ...me, memberStatus: 'pending' }), ['accept', 'reject', 'showMembers', 'copyId', 'copyCli']);
    assert.deepEqual(allowedActions(shared, { ...me, memberStatus: 'accepted' }), ['reject', 'resetPending', 'showMembers', 'copyId', 'copyCli']);
    assert.deepEqual(allowedActions(shared, { ...me, memberStatus: 'rejected' }), ['accept', 'resetPending', 'showMembers', 'copyId', 'copyCli']);
  });

  it('an owned image never offers accept, even if listed with a member status (Glance lists own shared images there)', () => {
    const own = image('a', { visibility: 'shared' });
    assert.equal(roleOf(own, { ...me, memberStatus: 'pending' }), 'owned');
    assert.ok(!allowedActions(own, { ...me, memberStatus: 'pending' }).includes('accept'));
  });

  it('someone else\u2019s community or public image: look only', () => {
    assert.deepEqual(allowedActions(image('a', { visibility: 'community', owner: 'them' }), me), ['copyId', 'copyCli']);
  });

  it('visibility choices exclude the current one and mark public as admin-only', () => {
    const choices = visibilityChoices(image('a', { visibility: 'shared' }), me);
    assert.deepEqual(choices, [
      { visibility: 'private', needsAdmin: false },
      { visibility: 'community', needsAdmin: false },
      { visibility: 'public', needsAdmin: true },
    ]);
    assert.equal(visibilityChoices(image('a'), { ...me, isAdmin: true }).find((c) => c.visibility === 'public')?.needsAdmin, false);
    assert.deepEqual(visibilityChoices(image('a', { owner: 'them' }), me), []);
  });

  it('contextValue encodes role, visibility, status and each allowed action for when clauses', () => {
    const value = imageContextValue(image('a', { visibility: 'shared', owner: 'them' }), { ...me, memberStatus: 'pending' });
    assert.equal(value, 'image;incoming;visibility:shared;member:pending;can:accept;can:reject;can:showMembers;can:copyId;can:copyCli');
    assert.match(value, /;can:accept(;|$)/);
    assert.doesNotMatch(imageContextValue(image('b', { visibility: 'community' }), me), /;can:share(;|$)/);
  });
});
