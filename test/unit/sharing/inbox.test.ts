import * as assert from 'node:assert/strict';
import type { MemberStatus } from '../../../src/openstack';
import {
  answerConfirmation,
  answerReport,
  answersFor,
  answerSummary,
  durationText,
  inboxKey,
  inboxRow,
  inboxSections,
  planAnswer,
  retryAnswers,
  shareAge,
  type AnswerRow,
  type InboxScope,
  type InboxShare,
} from '../../../src/sharing';
import { image } from '../../support/fixtures';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const DAY = 86_400_000;
const bob: InboxScope = { id: 'bob-scope', cloud: 'bob', project: 'consumer', region: 'RegionOne' };
const bobR2: InboxScope = { id: 'bob-r2-scope', cloud: 'bob-r2', project: 'consumer', region: 'RegionTwo' };

function share(name: string, status: MemberStatus, options: { scope?: InboxScope; ageDays?: number; ownerName?: string } = {}): InboxShare {
  const since = options.ageDays === undefined ? undefined : new Date(NOW - options.ageDays * DAY).toISOString();
  return {
    scope: options.scope ?? bob,
    image: image(`id-${name}`, { name, visibility: 'shared', owner: 'producer-id' }),
    status,
    ownerName: options.ownerName,
    member: since ? { member_id: 'consumer-id', image_id: `id-${name}`, status, created_at: '2026-01-01T00:00:00Z', updated_at: since } : undefined,
  };
}

describe('inbox: the shares with my scopes, grouped, aged, planned and reported', () => {
  it('groups pending first (longest waiting first, unknown ages last), then accepted and rejected by name; empty groups are left out', () => {
    const sections = inboxSections([
      share('zeta', 'accepted'),
      share('new', 'pending', { ageDays: 1 }),
      share('unknown', 'pending'),
      share('old', 'pending', { ageDays: 9 }),
      share('alpha', 'accepted', { scope: bobR2 }),
      share('alpha', 'accepted'),
    ]);
    assert.deepEqual(
      sections.map((s) => [s.status, s.shares.map((x) => `${x.image.name}@${x.scope.cloud}`)]),
      [
        ['pending', ['old@bob', 'new@bob', 'unknown@bob']],
        ['accepted', ['alpha@bob', 'alpha@bob-r2', 'zeta@bob']],
      ],
    );
  });

  it('says how long a share has been so, from its member row, in whole units', () => {
    assert.equal(durationText(30_000), 'less than a minute');
    assert.equal(durationText(61_000), '1 minute');
    assert.equal(durationText(3 * 3_600_000 + 5), '3 hours');
    assert.equal(durationText(3 * DAY + 23 * 3_600_000), '3 days');
    assert.equal(durationText(75 * DAY), '2 months');
    assert.equal(durationText(400 * DAY), '1 year');
    assert.equal(shareAge(share('a', 'pending', { ageDays: 3 }), NOW), 'pending for 3 days');
    assert.equal(shareAge(share('a', 'accepted', { ageDays: 1 }), NOW), 'accepted 1 day ago');
    assert.equal(shareAge(share('a', 'rejected', { ageDays: 0 }), NOW), 'rejected just now');
    assert.equal(shareAge(share('a', 'pending'), NOW), 'pending', 'no member row read: the status alone');
  });

  it('a row names the image, its age and owner (by name where known, else the ID), and the scope it was shared with', () => {
    assert.deepEqual(inboxRow(share('ubuntu', 'pending', { ageDays: 3, ownerName: 'producer' }), NOW), {
      label: 'ubuntu',
      description: 'pending for 3 days · from producer',
      detail: 'to bob · RegionOne · consumer',
    });
    assert.equal(inboxRow(share('ubuntu', 'pending'), NOW).description, 'pending · from producer-id');
  });

  it('names from Glance and Keystone are shown as text: no icon syntax, no reordering', () => {
    const hostile = { ...share('x', 'pending', { ownerName: '$(alert) \u202Eevil' }), image: image('i', { name: '$(check) \u202Egpj.exe', owner: 'o' }) };
    const row = inboxRow(hostile, NOW);
    assert.ok(!row.label.includes('$(') && !row.label.includes('\u202E'), row.label);
    assert.ok(!row.description.includes('$(') && !row.description.includes('\u202E'), row.description);
  });

  it('plans an answer: what changes, what has that status already, what this token may not answer', () => {
    const a = share('a', 'pending');
    const b = share('b', 'accepted');
    const c = share('c', 'rejected', { scope: bobR2 });
    const plan = planAnswer([a, b, c], 'accepted', (s) => s.scope !== bobR2);
    assert.deepEqual(
      [plan.change, plan.unchanged, plan.notAllowed].map((l) => l.map((s) => s.image.name)),
      [['a'], ['b'], ['c']],
    );
    assert.deepEqual(answersFor([b]), ['rejected', 'pending'], 'accepting an accepted share is not offered');
    assert.deepEqual(answersFor([a, b]), ['accepted', 'rejected', 'pending']);
  });

  it('the confirmation lists the changes per scope, then what stays as it is', () => {
    const plan = planAnswer(
      [share('a', 'pending'), share('b', 'rejected', { scope: bobR2 }), share('c', 'accepted'), share('d', 'pending', { scope: bobR2 })],
      'accepted',
      (s) => s.image.name !== 'd',
    );
    const q = answerConfirmation(plan);
    assert.equal(q.message, 'Accept 2 shares?');
    assert.equal(q.button, 'Accept 2 Shares');
    assert.match(q.detail, /^bob · RegionOne · consumer:\n {2}• a \(pending → accepted\)\nbob-r2 · RegionTwo · consumer:\n {2}• b \(rejected → accepted\)\n\n/);
    assert.match(q.detail, /Already accepted, unchanged: c\./);
    assert.match(q.detail, /Not answered \(this token may not answer shares in that scope\): d\./);
    const reset = answerConfirmation(planAnswer([share('a', 'accepted')], 'pending', () => true));
    assert.equal(reset.message, 'Reset 1 share to pending?');
    assert.equal(reset.button, 'Reset 1 Share');
  });

  it('caps a long plan', () => {
    const many = Array.from({ length: 20 }, (_, i) => share(`img-${String(i).padStart(2, '0')}`, 'pending'));
    const q = answerConfirmation(planAnswer(many, 'rejected', () => true));
    assert.equal(q.message, 'Reject 20 shares?');
    assert.equal((q.detail.match(/•/g) ?? []).length, 15);
    assert.match(q.detail, /… and 5 more/);
  });

  it('reports what changed and what did not; a withdrawn share is said in the user\u2019s words and never retried', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => share(n, 'pending'));
    const rows: AnswerRow[] = [
      { share: a, outcome: { kind: 'done' } },
      { share: b, outcome: { kind: 'withdrawn', message: 'gone' } },
      { share: c, outcome: { kind: 'failed', message: 'Glance did not answer in time.' } },
      { share: d, outcome: { kind: 'notStarted' } },
    ];
    assert.equal(
      answerSummary('accepted', rows),
      'Accepted: 1 of 4 shares; "b" is no longer shared with you (withdrawn by the owner, or deleted) and left the list; 1 failed and is still pending ("c": Glance did not answer in time.); 1 not started (cancelled), unchanged.',
    );
    assert.deepEqual(retryAnswers(rows).map(inboxKey), [c, d].map(inboxKey));
    assert.equal(answerSummary('rejected', [rows[0]]), 'Rejected: 1 share.');
    const report = answerReport('accepted', rows);
    assert.match(report, /^# Accepted: shares with my projects\n/);
    assert.match(report, /\| `b` \| `id-b` \| `bob · RegionOne · consumer` \| pending \| no longer shared \(withdrawn or deleted\) \|/);
    assert.match(report, /\| `c` \| `id-c` \| .* \| FAILED, unchanged: Glance did not answer in time\. \|/);
  });
});
