import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import { consumersToCarry, memberCounts, retireChoices, retireConfirmation, retireSummary, rotationNotices, type Viewpoint } from '../../../src/sharing';
import { image } from '../../support/fixtures';

const member = (member_id: string, status: MemberStatus): GlanceMember => ({ image_id: 'old', member_id, status, created_at: '', updated_at: '' });
const members = [member('a', 'accepted'), member('p', 'pending'), member('r', 'rejected'), member('me', 'accepted')];
const me: Viewpoint = { projectId: 'me' };

describe('golden-image rotation', () => {
  it('carries the projects that accepted the old image, and the pending ones only when asked; never the rejected ones or the owner', () => {
    assert.deepEqual(consumersToCarry(members, false, 'me'), ['a']);
    assert.deepEqual(consumersToCarry(members, true, 'me'), ['a', 'p']);
    assert.deepEqual(memberCounts(members), { accepted: 2, pending: 1, rejected: 1 });
  });

  it('offers for the old image only what this scope may do', () => {
    const old = image('old', { visibility: 'shared' });
    assert.deepEqual(retireChoices(old, me), ['keep', 'hide', 'community', 'private']);
    assert.deepEqual(retireChoices(image('old', { visibility: 'shared', os_hidden: true }), me), ['keep', 'community', 'private']);
    assert.deepEqual(retireChoices(old, { projectId: 'me', capabilities: { community: false, sharedVisibility: true, hidden: false } }), ['keep', 'private']);
    assert.deepEqual(retireChoices(image('old', { visibility: 'shared', owner: 'else' }), me), ['keep']);
  });

  it('asks before the old image changes, and says what happened to it', () => {
    const old = image('old', { name: 'golden-2026-10', visibility: 'shared' });
    const q = retireConfirmation(old, 'private', 2);
    assert.equal(q.message, 'Make "golden-2026-10" private?');
    assert.match(q.detail, /^First its 2 members are removed: they lose it at once/);
    assert.equal(q.button, 'Remove Members and Make Private');
    assert.equal(
      retireSummary(old, { choice: 'private', removed: ['a', 'p'], failed: [], change: { kind: 'done' } }),
      'Old image "golden-2026-10": 2 members removed; made private.',
    );
    assert.equal(
      retireSummary(old, { choice: 'community', removed: ['a'], failed: [{ projectId: 'p', message: 'refused' }], change: { kind: 'notTried' } }),
      'Old image "golden-2026-10": 1 member removed; 1 could not be removed and still has it (p: refused); not made community, since members are left.',
    );
    assert.equal(retireSummary(old, { choice: 'hide', removed: [], failed: [], change: { kind: 'done' } }), 'Old image "golden-2026-10": hidden.');
  });

  it('one share notice per consumer, each naming its project and the new image', () => {
    const text = rotationNotices(
      image('new-id', { name: 'golden-2026-11' }),
      image('old-id', { name: 'golden-2026-10' }),
      { id: 'owner', name: 'platform' },
      [{ id: 'a', name: 'team-a' }, { id: 'p' }],
      'RegionOne',
    );
    const blocks = text.split(/^----- To /m).filter(Boolean);
    assert.equal(blocks.length, 2);
    assert.match(
      blocks[0],
      /^team-a \(a\) -----\n\nA new version of "golden-2026-10" \(old-id\) is out\.\n\nThe image "golden-2026-11" has been shared with your project team-a \(a\) in region RegionOne only\./,
    );
    assert.match(blocks[1], /^p -----[\s\S]*Image ID: {6}new-id/);
  });
});
