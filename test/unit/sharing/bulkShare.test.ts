import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import {
  bulkConfirmation,
  bulkReport,
  bulkSummary,
  crossPairs,
  derivePermissions,
  planBulkShare,
  planNeedsConfirmation,
  retryPairs,
  type BulkResult,
  type ReadImage,
  type Viewpoint,
} from '../../../src/sharing';
import { image } from '../../support/fixtures';

const me: Viewpoint = { projectId: 'me' };
const member = (image_id: string, member_id: string, status: MemberStatus = 'accepted'): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-02T00:00:00Z',
});
const shared = (id: string, members: string[] = []): ReadImage => ({ image: image(id, { visibility: 'shared' }), members: members.map((m) => member(id, m)) });
const names = (id: string) => ({ p1: 'alpha', p2: 'beta' })[id];
const kinds = (plan: ReturnType<typeof planBulkShare>) => plan.pairs.map((p) => `${p.image.id}→${p.projectId}:${p.plan.kind}`);

describe('bulk share: the plan', () => {
  it('images × projects: members to add, already members (409), private images made shared first', () => {
    const read = [shared('a', ['p1']), { image: image('b', { visibility: 'private' }), members: [] }];
    const plan = planBulkShare(read, crossPairs(['a', 'b'], ['p1', 'p2']), me);
    assert.deepEqual(kinds(plan), ['a→p1:alreadyMember', 'a→p2:add', 'b→p1:add', 'b→p2:add']);
    assert.deepEqual(
      plan.images.map((i) => [i.image.id, i.makeShared, i.existing]),
      [
        ['a', false, 1],
        ['b', true, 0],
      ],
    );
    assert.ok(planNeedsConfirmation(plan));
  });

  it('the member quota counts the members there now plus the new ones, in request order', () => {
    const plan = planBulkShare([shared('a', ['x1', 'x2'])], crossPairs(['a'], ['p1', 'x1', 'p2', 'p3']), me, 4);
    assert.deepEqual(kinds(plan), ['a→p1:add', 'a→x1:alreadyMember', 'a→p2:add', 'a→p3:overQuota']);
  });

  it('what this scope may not do is planned as not allowed, with the reason', () => {
    const reader = derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'secure-rbac' });
    const read = [
      shared('a'),
      { image: image('c', { visibility: 'community' }), members: [] },
      { image: image('f', { owner: 'other', visibility: 'shared' }), members: [] },
    ];
    const plan = planBulkShare(read, crossPairs(['a', 'c', 'f'], ['p1']), me);
    assert.deepEqual(kinds(plan), ['a→p1:add', 'c→p1:notAllowed', 'f→p1:notAllowed']);
    const withRoles = planBulkShare([shared('a')], crossPairs(['a'], ['p1']), { projectId: 'me', permissions: reader });
    assert.equal(withRoles.pairs[0].plan.kind, 'notAllowed');
    assert.match(withRoles.pairs[0].plan.kind === 'notAllowed' ? withRoles.pairs[0].plan.why : '', /may not add members: add_member needs the member role/);
  });

  it('an image that could not be read is planned, not sent; duplicates and the own project are left out', () => {
    const plan = planBulkShare(
      [{ image: image('g'), unreadable: 'gone' }, shared('a')],
      [...crossPairs(['g', 'a'], ['p1', 'me']), { imageId: 'a', projectId: 'p1' }],
      me,
    );
    assert.deepEqual(kinds(plan), ['g→p1:unreadable', 'a→p1:add']);
    assert.deepEqual(
      plan.images.map((i) => i.makeShared),
      [false, false],
    );
  });

  it('one image already shared × one project: a one-step share; anything more or unusual shows the plan', () => {
    assert.ok(!planNeedsConfirmation(planBulkShare([shared('a')], crossPairs(['a'], ['p1']), me)));
    assert.ok(planNeedsConfirmation(planBulkShare([shared('a')], crossPairs(['a'], ['p1', 'p2']), me)));
    assert.ok(planNeedsConfirmation(planBulkShare([shared('a', ['p1'])], crossPairs(['a'], ['p1']), me)));
    assert.ok(planNeedsConfirmation(planBulkShare([{ image: image('b'), members: [] }], crossPairs(['b'], ['p1']), me)));
  });

  it('before Image API 2.5 a private image takes members as it is', () => {
    const plan = planBulkShare([{ image: image('b'), members: [] }], crossPairs(['b'], ['p1']), {
      projectId: 'me',
      capabilities: { sharedVisibility: false, community: false, hidden: false },
    });
    assert.deepEqual(kinds(plan), ['b→p1:add']);
    assert.equal(plan.images[0].makeShared, false);
  });

  it('the confirmation lists every part of the plan, with names, and its button says what happens', () => {
    const read = [shared('a', ['p1', 'x']), { image: image('b'), members: [] }, { image: image('c', { visibility: 'community' }), members: [] }];
    const q = bulkConfirmation(planBulkShare(read, crossPairs(['a', 'b', 'c'], ['p1', 'p2']), me, 2), names);
    assert.equal(q.message, 'Share 3 images with 2 projects: 2 members to add?');
    assert.equal(q.button, 'Make Shared and Share');
    assert.match(q.detail, /2 members to add:\n {2}\u2022 b \u2192 alpha \(p1\)\n {2}\u2022 b \u2192 beta \(p2\)/);
    assert.match(q.detail, /Made shared first[^\n]*\n {2}\u2022 b\n/);
    assert.match(q.detail, /Already members, left as they are:\n {2}\u2022 a \u2192 alpha \(p1\) \(accepted\)/);
    assert.match(q.detail, /Over the member quota \(2 per image, glanceShare.memberQuota\), not sent:\n {2}\u2022 a \u2192 beta \(p2\) \(has 2 members\)/);
    assert.match(q.detail, /Not allowed in this scope, not sent:\n {2}\u2022 c \u2192 alpha \(p1\): it is community: only shared images have members/);
  });

  it('one private image × one project asks as the one-step share did; nothing to add offers no button', () => {
    const one = bulkConfirmation(planBulkShare([{ image: image('b'), members: [] }], crossPairs(['b'], ['p1']), me), names);
    assert.equal(one.message, '"b" is private. Only shared images can have members.');
    assert.equal(one.button, 'Make Shared and Share');
    const none = bulkConfirmation(planBulkShare([shared('a', ['p1'])], crossPairs(['a'], ['p1']), me), names);
    assert.equal(none.button, undefined);
    assert.match(none.message, /^Nothing to share/);
  });
});

describe('bulk share: the result', () => {
  const a = image('a', { name: 'golden', visibility: 'shared' });
  const b = image('b', { name: 'other|name', visibility: 'shared' });
  const result: BulkResult = {
    visibility: [{ image: b, outcome: { kind: 'madeShared' } }],
    pairs: [
      { image: a, projectId: 'p1', outcome: { kind: 'added', status: 'pending' } },
      { image: a, projectId: 'p2', outcome: { kind: 'alreadyMember', message: 'accepted' } },
      { image: b, projectId: 'p1', outcome: { kind: 'failed', message: 'Glance refused' } },
      { image: b, projectId: 'p2', outcome: { kind: 'notStarted' } },
      { image: b, projectId: 'p3', outcome: { kind: 'skipped', message: 'over the member quota of 128' } },
    ],
  };

  it('the summary says what changed and what did not', () => {
    assert.equal(
      bulkSummary(result, names),
      'Share: 1 member added to 1 image; 1 image made shared; 1 already a member; 1 failed and is not a member (other|name \u2192 alpha (p1): Glance refused); 1 not started (cancelled), unchanged; 1 not sent (see the plan).',
    );
  });

  it('retry asks again for the failed and not started pairs only', () => {
    assert.deepEqual(retryPairs(result), [
      { imageId: 'b', projectId: 'p1' },
      { imageId: 'b', projectId: 'p2' },
    ]);
  });

  it('the report has one row per pair and per visibility change, names escaped', () => {
    const text = bulkReport(result, names);
    assert.match(text, /^# Sharing images with projects\n/);
    assert.match(text, /\| `other\\\|name` \| `b` \| {2}\| {2}\| made shared \|/);
    assert.match(text, /\| `golden` \| `a` \| `alpha` \| `p1` \| added, pending \|/);
    assert.match(text, /\| `other\\\|name` \| `b` \| `alpha` \| `p1` \| FAILED, not a member: Glance refused \|/);
    assert.match(text, /\| `other\\\|name` \| `b` \| {2}\| `p3` \| not sent: over the member quota of 128 \|/);
    assert.match(text, /\| `golden` \| `a` \| `beta` \| `p2` \| already a member, unchanged \(accepted\) \|/);
    assert.equal(text.trim().split('\n').length, 6 + 1 + 5);
  });
});
