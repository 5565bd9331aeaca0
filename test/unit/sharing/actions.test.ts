import * as assert from 'node:assert/strict';
import { allowedActions, imageContextValue, roleOf, viewpointOf, visibilityChoices } from '../../../src/sharing';
import { capabilitiesOf } from '../../../src/openstack/apiVersions';
import { image } from '../../support/fixtures';

const me = { projectId: 'me' };

describe('what an image allows', () => {
  it('owner of a private image: share (made shared first), visibility; no member list, no accept', () => {
    const actions = allowedActions(image('a', { visibility: 'private' }), me);
    assert.deepEqual(actions, ['share', 'setVisibility', 'hide', 'copyId', 'copyCli']);
  });

  it('owner of a shared image: share, remove members, members, share notice', () => {
    assert.deepEqual(allowedActions(image('a', { visibility: 'shared' }), me), [
      'share',
      'removeMember',
      'showMembers',
      'copyShareNotice',
      'setVisibility',
      'hide',
      'copyId',
      'copyCli',
    ]);
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

  it('the owner hides a visible image and unhides a hidden one; a member or another project neither', () => {
    assert.ok(allowedActions(image('a', { visibility: 'shared' }), me).includes('hide'));
    const hidden = allowedActions(image('a', { visibility: 'shared', os_hidden: true }), me);
    assert.ok(hidden.includes('unhide') && !hidden.includes('hide'));
    const incoming = allowedActions(image('a', { visibility: 'shared', owner: 'them', os_hidden: true }), { ...me, memberStatus: 'pending' });
    assert.ok(!incoming.includes('hide') && !incoming.includes('unhide'));
    assert.ok(!allowedActions(image('a', { visibility: 'public', owner: 'them' }), me).includes('hide'));
  });

  it('gates by the endpoint\u2019s Image API version: no hide before 2.7, no community or shared before 2.5', () => {
    const v = (minor: number) => ({ ...me, capabilities: capabilitiesOf({ id: `v2.${minor}`, major: 2, minor }) });
    assert.ok(!allowedActions(image('a', { visibility: 'private' }), v(6)).includes('hide'));
    assert.ok(allowedActions(image('a', { visibility: 'private' }), v(7)).includes('hide'));
    // A hidden image can always be shown again: it is the proof that the endpoint has os_hidden.
    assert.ok(allowedActions(image('a', { os_hidden: true }), v(6)).includes('unhide'));
    assert.deepEqual(
      visibilityChoices(image('a', { visibility: 'private' }), v(3)).map((c) => c.visibility),
      ['public'],
    );
    assert.deepEqual(
      visibilityChoices(image('a', { visibility: 'private' }), v(5)).map((c) => c.visibility),
      ['shared', 'community', 'public'],
    );
    // Before 2.5 members live on private images: the owner manages them there.
    assert.ok(allowedActions(image('a', { visibility: 'private' }), v(3)).includes('removeMember'));
    assert.ok(!allowedActions(image('a', { visibility: 'private' }), v(5)).includes('removeMember'));
  });

  it('an image with a visibility this extension does not know offers only the copy actions', () => {
    const odd = image('a', { visibility: 'other', rawVisibility: 'secret' });
    assert.deepEqual(allowedActions(odd, me), ['copyId', 'copyCli']);
    assert.deepEqual(visibilityChoices(odd, me), []);
    assert.match(imageContextValue(odd, me), /^image;owned;visibility:other;/);
  });

  it('contextValue encodes role, visibility, status and each allowed action for when clauses', () => {
    const value = imageContextValue(image('a', { visibility: 'shared', owner: 'them' }), { ...me, memberStatus: 'pending' });
    assert.equal(value, 'image;incoming;visibility:shared;member:pending;can:accept;can:reject;can:showMembers;can:copyId;can:copyCli');
    assert.match(value, /;can:accept(;|$)/);
    assert.doesNotMatch(imageContextValue(image('b', { visibility: 'community' }), me), /;can:share(;|$)/);
  });
});

describe('what a session’s project is to an image (one Viewpoint for tree, commands and panel)', () => {
  it('takes the project and the admin role from the session, the member status from the listing', () => {
    const session = { projectScope: { id: 'me', name: 'mine' }, isAdmin: true };
    assert.deepEqual(viewpointOf(session, 'pending'), { projectId: 'me', memberStatus: 'pending', isAdmin: true });
    assert.equal(roleOf(image('a', { owner: 'o', visibility: 'shared' }), viewpointOf(session, 'pending')), 'incoming');
    assert.equal(roleOf(image('a', { owner: 'me' }), viewpointOf(session)), 'owned');
  });

  it('without a session or a project scope the project owns nothing and answers nothing', () => {
    for (const vp of [viewpointOf(undefined), viewpointOf({ isAdmin: false })]) {
      assert.equal(vp.projectId, '');
      assert.deepEqual(allowedActions(image('a', { owner: 'o' }), vp), ['copyId', 'copyCli']);
    }
  });
});
