import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import { removalConfirmation, removalReport, removalSummary, retryShares, sharesWithProject, type ProjectShare, type RemovalRow } from '../../../src/sharing';
import { image } from '../../support/fixtures';

const member = (image_id: string, member_id: string, status: MemberStatus, updated_at = '2026-11-02T10:00:00Z'): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: '2026-11-01T00:00:00Z',
  updated_at,
});

const share = (name: string, status: MemberStatus = 'accepted'): ProjectShare => ({
  image: image(`id-${name}`, { name, visibility: 'shared' }),
  member: member(`id-${name}`, 'leaving', status),
});

describe('offboarding: reverse lookup and the removal plan', () => {
  it('finds the images where the project is a member, pending first, and no others', () => {
    const found = sharesWithProject('leaving', [
      { image: image('a', { name: 'zeta' }), members: [member('a', 'leaving', 'accepted'), member('a', 'staying', 'pending')] },
      { image: image('b', { name: 'alpha' }), members: [member('b', 'staying', 'accepted')] },
      { image: image('c', { name: 'beta' }), members: [member('c', 'leaving', 'pending')] },
      { image: image('d', { name: 'alpha' }), members: [member('d', 'leaving', 'accepted')] },
      { image: image('e', { name: 'none' }), members: [] },
    ]);
    assert.deepEqual(
      found.map((s) => [s.image.id, s.member.status]),
      [
        ['c', 'pending'],
        ['d', 'accepted'],
        ['a', 'accepted'],
      ],
    );
  });

  it('the confirmation lists the plan (with status and since when), caps long lists, and says what cannot be checked', () => {
    const shares = Array.from({ length: 20 }, (_, i) => share(`img-${String(i).padStart(2, '0')}`));
    const q = removalConfirmation('consumer', { projectId: 'leaving', shares, unchecked: [{ image: image('x'), reason: '403' }] });
    assert.equal(q.message, 'Remove consumer from 20 images?');
    assert.match(q.detail, /\u2022 img-00 \(accepted since 2026-11-02\)/);
    assert.match(q.detail, /img-14/);
    assert.doesNotMatch(q.detail, /img-15/);
    assert.match(q.detail, /… and 5 more/);
    assert.match(q.detail, /1 image could not be checked and stay as they are/);
  });

  it('after a failure in the middle: the summary says what changed and what did not, and retry sends only the rest', () => {
    const rows: RemovalRow[] = [
      { share: share('one'), outcome: { kind: 'removed' } },
      { share: share('two'), outcome: { kind: 'failed', message: 'Glance refused (403)' } },
      { share: share('three'), outcome: { kind: 'alreadyGone', message: 'removed meanwhile' } },
      { share: share('four'), outcome: { kind: 'notStarted' } },
    ];
    assert.equal(
      removalSummary('consumer', rows),
      'consumer removed from 2 of 4 images; 1 failed and still has the member (two: Glance refused (403)); 1 not started (cancelled), unchanged.',
    );
    assert.deepEqual(
      retryShares(rows).map((s) => s.image.name),
      ['two', 'four'],
    );
    assert.equal(removalSummary('consumer', rows.slice(0, 1)), 'consumer removed from 1 image.');
  });

  it('the result document has one row per image; a hostile name cannot break the table or add markup', () => {
    const hostile = share('a | b `code` [link](x) \n# heading');
    const doc = removalReport('consumer', 'leaving', [
      { share: hostile, outcome: { kind: 'removed' } },
      { share: share('two'), outcome: { kind: 'failed', message: 'x | y' } },
    ]);
    const tableRows = doc.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Image') && !l.startsWith('| ---'));
    assert.equal(tableRows.length, 2);
    assert.match(tableRows[0], /^\| `a \\\| b 'code' \[link\]\(x\) \[U\+000A\]# heading` \| `id-a/);
    assert.match(tableRows[1], /FAILED, still a member: x \\\| y \|$/);
  });
});
