// The access overview in admin mode ("All Shares"): rows of many owners, each with its owner;
// lines ordered owner project → image → member → status (or by the chosen key first); the text
// filter finds an owner by name or ID; the exports carry the owner's name and ID; the messages
// keep the mode, the owners and the sort key, and nothing malformed.
import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import {
  NO_FILTER,
  adminLines,
  failedRow,
  filterOverview,
  loadedRow,
  loadingRow,
  overviewCsv,
  overviewJson,
  overviewMarkdown,
  ownerColumn,
  ownerCount,
  parseOverviewFilter,
  parseOverviewUpdate,
  type OverviewModel,
} from '../../../src/sharing';
import { image } from '../../support/fixtures';

const NOW = '2026-11-30T12:00:00Z';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
const OWNER_A = 'a'.repeat(32);
const OWNER_B = 'b'.repeat(32);
const OWNER_X = 'f'.repeat(32);
const M1 = '1'.repeat(32);
const M2 = '2'.repeat(32);

const member = (image_id: string, member_id: string, status: MemberStatus, days: number): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: daysAgo(days + 1),
  updated_at: daysAgo(days),
});

/** One admin scope; images of three owners (two named, one only by ID), one image whose members failed. */
function adminModel(): OverviewModel {
  const shared = (id: string, name: string, owner: string) => image(id, { name, owner, visibility: 'shared' });
  return {
    mode: 'admin',
    scopes: [{ scopeId: 'adm', cloud: 'admin', region: 'RegionOne', projectId: 'p-admin', projectName: 'admin' }],
    rows: [
      loadedRow(loadingRow('adm', shared('img-z', 'zeta', OWNER_B), true), [member('img-z', M1, 'accepted', 3)]),
      loadedRow(loadingRow('adm', shared('img-y', 'yak', OWNER_A), true), [member('img-y', M2, 'rejected', 2), member('img-y', M1, 'pending', 9)]),
      loadedRow(loadingRow('adm', shared('img-w', 'walrus', OWNER_X), true), [member('img-w', M1, 'pending', 1)]),
      failedRow(loadingRow('adm', shared('img-v', 'vole', OWNER_A), true), 'The image is gone.'),
    ],
    names: { [OWNER_A]: 'producer', [OWNER_B]: 'other', [M1]: 'consumer' },
    done: true,
    now: NOW,
  };
}

const lineKeys = (model: OverviewModel, sortBy?: Parameters<typeof adminLines>[2]) =>
  adminLines(model, filterOverview(model, NO_FILTER), sortBy).map((l) => [
    l.owner.projectName ?? l.owner.projectId,
    l.row.imageName,
    l.cell?.projectId ?? '',
    l.cell?.status ?? '',
  ]);

describe('access overview, admin mode (All Shares)', () => {
  it('keeps each row\u2019s owner, and orders lines owner (named by name, then by ID) → image → member → status', () => {
    const model = adminModel();
    assert.deepEqual(
      model.rows.map((r) => r.ownerId),
      [OWNER_B, OWNER_A, OWNER_X, OWNER_A],
    );
    assert.equal(loadingRow('s', image('i', { owner: OWNER_A })).ownerId, undefined, 'an owner\u2019s overview keeps no owner on its rows');
    assert.deepEqual(lineKeys(model), [
      ['other', 'zeta', M1, 'accepted'],
      ['producer', 'vole', '', ''],
      ['producer', 'yak', M1, 'pending'],
      ['producer', 'yak', M2, 'rejected'],
      [OWNER_X, 'walrus', M1, 'pending'],
    ]);
    assert.deepEqual(ownerColumn(model, model.rows[2]), { projectId: OWNER_X, projectName: undefined });
    assert.equal(ownerCount(model, filterOverview(model, NO_FILTER)), 3);
  });

  it('sorts by the chosen key first, then the others in their order', () => {
    const model = adminModel();
    assert.deepEqual(lineKeys(model, 'status'), [
      ['producer', 'yak', M1, 'pending'],
      [OWNER_X, 'walrus', M1, 'pending'],
      ['other', 'zeta', M1, 'accepted'],
      ['producer', 'yak', M2, 'rejected'],
      ['producer', 'vole', '', ''],
    ]);
    assert.deepEqual(
      lineKeys(model, 'image').map((l) => l[1]),
      ['vole', 'walrus', 'yak', 'yak', 'zeta'],
    );
    assert.deepEqual(
      lineKeys(model, 'member').map((l) => [l[2], l[0]]),
      [
        [M1, 'other'],
        [M1, 'producer'],
        [M1, OWNER_X],
        [M2, 'producer'],
        ['', 'producer'],
      ],
    );
  });

  it('the text filter finds an owner by name or ID; the other filters apply as for an owner', () => {
    const model = adminModel();
    assert.deepEqual(
      filterOverview(model, { ...NO_FILTER, imageText: 'PRODUCER' }).rows.map((r) => r.row.imageId),
      ['img-v', 'img-y'],
    );
    assert.deepEqual(
      filterOverview(model, { ...NO_FILTER, imageText: OWNER_X.slice(0, 10) }).rows.map((r) => r.row.imageId),
      ['img-w'],
    );
    const pending = filterOverview(model, { ...NO_FILTER, pendingOlderThanDays: 5 });
    assert.deepEqual(
      adminLines(model, pending).map((l) => [l.row.imageId, l.cell?.projectId]),
      [
        ['img-v', undefined],
        ['img-y', M1],
      ],
    );
    // An owner's overview still matches the image only (its owner is the scope's project).
    const { mode, ...owner } = adminModel();
    assert.equal(mode, 'admin');
    assert.deepEqual(filterOverview({ ...owner, rows: owner.rows.map((r) => ({ ...r, ownerId: undefined })) }, { ...NO_FILTER, imageText: 'producer' }).rows, []);
  });

  it('CSV: the owner project\u2019s name and ID on every line, in the page\u2019s order', () => {
    const lines = overviewCsv(adminModel(), NO_FILTER)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    assert.deepEqual(lines[0].slice(2, 4), ['owner project', 'owner project id']);
    assert.deepEqual(
      lines.slice(1).map((l) => [l[2], l[3], l[4], l[6], l[7], l[8], l[11]]),
      [
        ['other', OWNER_B, 'zeta', 'consumer', M1, 'accepted', ''],
        ['producer', OWNER_A, 'vole', '', '', '', 'members could not be read: The image is gone.'],
        ['producer', OWNER_A, 'yak', 'consumer', M1, 'pending', ''],
        ['producer', OWNER_A, 'yak', '', M2, 'rejected', ''],
        ['', OWNER_X, 'walrus', 'consumer', M1, 'pending', ''],
      ],
    );
    const byStatus = overviewCsv(adminModel(), { ...NO_FILTER, sortBy: 'status' }).split('\r\n');
    assert.match(byStatus[1], /,yak,/, 'the sort key orders the lines');
  });

  it('JSON: the mode, and each image\u2019s owner name and ID', () => {
    const data = JSON.parse(overviewJson(adminModel(), NO_FILTER)) as {
      mode?: string;
      images: Array<{ id: string; ownerProjectId: string | null; ownerProjectName: string | null }>;
    };
    assert.equal(data.mode, 'admin');
    assert.deepEqual(
      data.images.map((i) => [i.id, i.ownerProjectId, i.ownerProjectName]),
      [
        ['img-z', OWNER_B, 'other'],
        ['img-v', OWNER_A, 'producer'],
        ['img-y', OWNER_A, 'producer'],
        ['img-w', OWNER_X, null],
      ],
    );
  });

  it('Markdown: one table line per image and member with owner and member names and IDs; totals of owners', () => {
    const md = overviewMarkdown(adminModel(), NO_FILTER);
    assert.match(md, /^# All shares \(admin\)/);
    assert.ok(md.includes('| Owner | Owner ID | Image | Image ID | Member | Member ID | Status | Days |'));
    assert.ok(md.includes(`| producer | \`${OWNER_A}\` | yak | \`img-y\` | consumer | \`${M1}\` | pending | 9 |`), md);
    assert.ok(md.includes(`|  | \`${OWNER_X}\` | walrus |`), 'an owner without a name shows its ID only');
    assert.ok(md.includes('(members could not be read\\: The image is gone\\.)'), 'a failed image says why, escaped');
    assert.ok(md.includes('4 images of 3 owner projects · 2 pending · 1 accepted · 1 rejected.'));
  });

  it('the messages keep the mode, the owners and a known sort key; an unknown sort key is dropped', () => {
    const update = parseOverviewUpdate(JSON.parse(JSON.stringify({ type: 'model', model: adminModel() })));
    assert.equal(update?.type, 'model');
    const model = (update as { model: OverviewModel }).model;
    assert.equal(model.mode, 'admin');
    assert.deepEqual(
      model.rows.map((r) => r.ownerId),
      [OWNER_B, OWNER_A, OWNER_X, OWNER_A],
    );
    const ownerMode = parseOverviewUpdate({ type: 'model', model: { ...adminModel(), mode: 'root' } });
    assert.equal((ownerMode as { model: OverviewModel }).model.mode, undefined, 'only "admin" is a mode');
    assert.equal(parseOverviewFilter({ ...NO_FILTER, sortBy: 'status' }).sortBy, 'status');
    assert.equal('sortBy' in parseOverviewFilter({ ...NO_FILTER, sortBy: 'constructor' }), false);
  });
});
