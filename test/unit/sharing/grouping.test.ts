import * as assert from 'node:assert/strict';
import type { GlanceMember } from '../../../src/openstack';
import type { ScopeImages } from '../../../src/sharing/grouping';
import { image } from '../../support/fixtures';
import {
  compareImages,
  firstNewPending,
  groupImages,
  groupScopeImages,
  imageLabel,
  summariseMembers,
  withIncomingStatus,
  withOwnedImage,
  withoutImage,
} from '../../../src/sharing';

describe('grouping images into the tree', () => {
  const scope: ScopeImages = {
    projectId: 'me',
    owned: [
      image('p2', { name: 'ubuntu-10' }),
      image('p1', { name: 'ubuntu-9' }),
      image('s1', { visibility: 'shared' }),
      image('c1', { visibility: 'community' }),
      image('u1', { visibility: 'public' }),
    ],
    incoming: {
      pending: [image('i1', { owner: 'them', visibility: 'shared' }), image('i2', { owner: 'them', visibility: 'shared' })],
      accepted: [image('i3', { owner: 'them' })],
      rejected: [],
    },
    community: [image('x1', { owner: 'them', visibility: 'community' })],
  };

  it('puts owned images under their visibility and shares under their member status', () => {
    const groups = groupScopeImages(scope);
    assert.deepEqual(
      groups.owned.private.map((i) => i.id),
      ['p1', 'p2'],
      'ubuntu-9 before ubuntu-10: numbers sort as numbers',
    );
    assert.deepEqual(
      groups.owned.shared.map((i) => i.id),
      ['s1'],
    );
    assert.deepEqual(
      groups.owned.community.map((i) => i.id),
      ['c1'],
    );
    assert.deepEqual(
      groups.owned.public.map((i) => i.id),
      ['u1'],
    );
    assert.deepEqual(
      groups.incoming.pending.map((i) => i.id),
      ['i1', 'i2'],
    );
    assert.deepEqual(
      groups.incoming.accepted.map((i) => i.id),
      ['i3'],
    );
    assert.deepEqual(groups.incoming.rejected, []);
    assert.equal(groups.pendingCount, 2);
    assert.deepEqual(
      groups.community?.map((i) => i.id),
      ['x1'],
    );
    assert.equal(groups.public, undefined, 'public of others is absent until asked for');
  });

  it('labels an unnamed image by its ID and sorts it after named ones', () => {
    const unnamed = image('zz-id', { name: null });
    const blank = image('yy-id', { name: '  ' });
    assert.equal(imageLabel(unnamed), 'zz-id');
    assert.equal(imageLabel(blank), 'yy-id');
    assert.deepEqual(
      [unnamed, image('a', { name: 'Zeta' }), blank].sort(compareImages).map((i) => i.id),
      ['a', 'yy-id', 'zz-id'],
    );
  });

  it('summarises members as "2 accepted · 1 pending"', () => {
    const m = (status: GlanceMember['status']): GlanceMember => ({ member_id: 'x', image_id: 'i', status, created_at: '', updated_at: '' });
    assert.equal(summariseMembers([m('accepted'), m('pending'), m('accepted')]), '2 accepted · 1 pending');
    assert.equal(summariseMembers([]), 'no members');
  });
});

describe('updating groups after a change', () => {
  const base = groupScopeImages({
    projectId: 'me',
    owned: [image('a', { visibility: 'private' }), image('b', { visibility: 'shared' })],
    incoming: { pending: [image('x', { owner: 'them' }), image('y', { owner: 'them' })], accepted: [], rejected: [] },
  });

  it('moves an owned image to its new visibility', () => {
    const next = withOwnedImage(base, image('a', { visibility: 'shared' }));
    assert.deepEqual(
      next.owned.private.map((i) => i.id),
      [],
    );
    assert.deepEqual(
      next.owned.shared.map((i) => i.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      base.owned.private.map((i) => i.id),
      ['a'],
      'the old groups are left untouched',
    );
  });

  it('moves an incoming image to its new status and recounts pending', () => {
    const next = withIncomingStatus(base, 'x', 'accepted');
    assert.deepEqual(
      next.incoming.pending.map((i) => i.id),
      ['y'],
    );
    assert.deepEqual(
      next.incoming.accepted.map((i) => i.id),
      ['x'],
    );
    assert.equal(next.pendingCount, 1);
    assert.equal(withIncomingStatus(base, 'nope', 'accepted'), base);
  });
});

describe('grouping never lists an image twice in one group', () => {
  it('drops repeats (a listing walked twice, or a change applied over a reload)', () => {
    const groups = groupScopeImages({
      projectId: 'me',
      owned: [image('a'), image('a')],
      incoming: { pending: [image('x', { owner: 'o' }), image('x', { owner: 'o' })], accepted: [], rejected: [] },
    });
    assert.deepEqual(
      groups.owned.private.map((i) => i.id),
      ['a'],
    );
    assert.equal(groups.pendingCount, 1);
  });

  it('Community and Public (other projects, loaded when opened) are sorted and de-duplicated like every group', () => {
    const listed = [
      image('u2', { name: 'ubuntu-10', owner: 'o' }),
      image('nn', { name: null, owner: 'o' }),
      image('u1', { name: 'Ubuntu-9', owner: 'o' }),
      image('u2', { name: 'ubuntu-10', owner: 'o' }),
    ];
    // The store's Community/Public groups are groupImages of the listing; the scope grouping gives the same.
    assert.deepEqual(
      groupImages(listed).map((i) => i.id),
      ['u1', 'u2', 'nn'],
      'numbers in order, case-insensitive, unnamed last, each once',
    );
    const groups = groupScopeImages({
      projectId: 'me',
      owned: [],
      incoming: { pending: [], accepted: [], rejected: [] },
      community: listed,
      public: listed,
    });
    assert.deepEqual(
      groups.community?.map((i) => i.id),
      ['u1', 'u2', 'nn'],
    );
    assert.deepEqual(
      groups.public?.map((i) => i.id),
      ['u1', 'u2', 'nn'],
    );
  });

  it('withoutImage takes a gone image off every group, and the pending count follows', () => {
    const groups = groupScopeImages({
      projectId: 'me',
      owned: [image('mine', { owner: 'me', visibility: 'private' })],
      incoming: { pending: [image('a', { owner: 'them' }), image('b', { owner: 'them' })], accepted: [], rejected: [] },
    });
    const without = withoutImage(groups, 'a');
    assert.deepEqual(
      without.incoming.pending.map((i) => i.id),
      ['b'],
    );
    assert.equal(without.pendingCount, 1);
    assert.equal(withoutImage(without, 'mine').owned.private.length, 0);
  });

  it('firstNewPending: the first share waiting now that was not waiting before, in the order shown', () => {
    const listing = (pending: string[], accepted: string[] = []) =>
      groupScopeImages({
        projectId: 'me',
        owned: [],
        incoming: {
          pending: pending.map((name) => image(`id-${name}`, { name, owner: 'them' })),
          accepted: accepted.map((id) => image(id, { owner: 'them' })),
          rejected: [],
        },
      });
    assert.equal(firstNewPending(listing(['b']), listing(['d', 'b', 'c']))?.id, 'id-c', 'c before d; b was there already');
    assert.equal(firstNewPending(listing(['b']), listing(['b'])), undefined, 'nothing new');
    assert.equal(firstNewPending(listing(['b']), listing([])), undefined, 'a share gone is no arrival');
    assert.equal(firstNewPending(listing([], ['id-a']), listing(['a']))?.id, 'id-a', 'reset to pending elsewhere: waiting again');
  });
});
