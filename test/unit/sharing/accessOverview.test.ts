import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import {
  NO_FILTER,
  ageDays,
  ageText,
  cellText,
  csvField,
  failedRow,
  filterOverview,
  loadedRow,
  loadingRow,
  markdownText,
  membersPageCsp,
  overviewPageHtml,
  memberProjects,
  overviewCsv,
  overviewJson,
  overviewMarkdown,
  parseOverviewRequest,
  parseOverviewUpdate,
  type OverviewModel,
} from '../../../src/sharing';
import { parseCsv } from '../../support/csv';
import { image } from '../../support/fixtures';

const NOW = '2026-11-30T12:00:00Z';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
const P1 = '1'.repeat(32);
const P2 = '2'.repeat(32);
const P3 = '3'.repeat(32);

const member = (image_id: string, member_id: string, status: MemberStatus, days: number): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: daysAgo(days + 1),
  updated_at: daysAgo(days),
});

/** Three images of one scope: two read (members of P1..P3 at various ages), one that failed. */
function model(): OverviewModel {
  const a = image('img-a', { name: 'golden-ubuntu', visibility: 'shared' });
  const b = image('img-b', { name: 'base-debian', visibility: 'shared' });
  const c = image('img-c', { name: 'gone-image', visibility: 'shared' });
  return {
    scopes: [{ scopeId: 's1', cloud: 'alice', projectId: 'p0', projectName: 'producer' }],
    rows: [
      loadedRow(loadingRow('s1', a), [member('img-a', P1, 'pending', 12), member('img-a', P2, 'accepted', 3), member('img-a', P3, 'rejected', 1)]),
      loadedRow(loadingRow('s1', b), [member('img-b', P1, 'pending', 2), member('img-b', P2, 'rejected', 40)]),
      failedRow(loadingRow('s1', c), 'The image is gone.'),
    ],
    names: { [P1]: 'team-one', [P2]: 'team-two' },
    done: true,
    now: NOW,
  };
}

describe('access overview: matrix, filters, totals', () => {
  it('rows by image name, columns by project name (unnamed last), totals per row, column and overall', () => {
    const view = filterOverview(model(), NO_FILTER);
    assert.deepEqual(
      view.rows.map((r) => r.row.imageId),
      ['img-b', 'img-a', 'img-c'],
    );
    assert.deepEqual(
      view.columns.map((c) => [c.projectId, c.projectName]),
      [
        [P1, 'team-one'],
        [P2, 'team-two'],
        [P3, undefined],
      ],
    );
    assert.deepEqual(view.rows[1].totals, { pending: 1, accepted: 1, rejected: 1, all: 3 });
    assert.deepEqual(view.columnTotals.get(P1), { pending: 2, accepted: 0, rejected: 0, all: 2 });
    assert.deepEqual(view.total, { pending: 2, accepted: 1, rejected: 2, all: 5 });
    assert.equal(view.rows[2].row.state, 'failed');
    assert.equal(view.read, 3);
  });

  it('pending for more than N days keeps only those cells, and the rows and columns that have one (a failed row stays: it cannot be judged)', () => {
    const view = filterOverview(model(), { ...NO_FILTER, pendingOlderThanDays: 10 });
    assert.deepEqual(
      view.rows.map((r) => [r.row.imageId, [...r.cells.keys()]]),
      [
        ['img-a', [P1]],
        ['img-c', []],
      ],
    );
    assert.deepEqual(
      view.columns.map((c) => c.projectId),
      [P1],
    );
    assert.deepEqual(view.total, { pending: 1, accepted: 0, rejected: 0, all: 1 });
    assert.equal(filterOverview(model(), { ...NO_FILTER, pendingOlderThanDays: 2 }).total.pending, 2, 'exactly N days counts');
  });

  it('rejected only, one project, and the image text (name or ID, any case)', () => {
    const rejected = filterOverview(model(), { ...NO_FILTER, rejectedOnly: true });
    assert.deepEqual(
      rejected.rows.filter((r) => r.row.state === 'loaded').map((r) => [r.row.imageId, [...r.cells.keys()]]),
      [
        ['img-b', [P2]],
        ['img-a', [P3]],
      ],
    );
    const one = filterOverview(model(), { ...NO_FILTER, projectId: P1 });
    assert.deepEqual(
      one.columns.map((c) => c.projectId),
      [P1],
    );
    assert.equal(one.total.all, 2);
    const text = filterOverview(model(), { ...NO_FILTER, imageText: 'UBUNTU' });
    assert.deepEqual(
      text.rows.map((r) => r.row.imageId),
      ['img-a'],
    );
    assert.deepEqual(
      filterOverview(model(), { ...NO_FILTER, imageText: 'img-c' }).rows.map((r) => r.row.imageId),
      ['img-c'],
    );
    assert.deepEqual(
      memberProjects(model()).map((p) => p.projectId),
      [P1, P2, P3],
    );
  });

  it('ages: minutes, hours, then days; the cell says its status and age', () => {
    assert.equal(ageText(NOW, NOW), '<1 min');
    assert.equal(ageText('2026-11-30T11:15:00Z', NOW), '45 min');
    assert.equal(ageText('2026-11-29T00:00:00Z', NOW), '36 h');
    assert.equal(ageText(daysAgo(12), NOW), '12 d');
    assert.equal(ageText('not a date', NOW), '');
    assert.equal(ageDays(daysAgo(12), NOW), 12);
    assert.equal(cellText({ projectId: P1, status: 'pending', created: daysAgo(13), updated: daysAgo(12) }, NOW), 'pending 12 d');
    assert.equal(cellText({ projectId: P1, status: 'accepted', created: daysAgo(3), updated: '' }, NOW), 'accepted 3 d', 'no update: since creation');
  });

  it('a member ID such as "__proto__" is a column like any other, never a name from the prototype', () => {
    const m = model();
    const odd = {
      ...m,
      rows: [loadedRow(loadingRow('s1', image('img-x', { name: 'x' })), [member('img-x', '__proto__', 'pending', 1), member('img-x', 'constructor', 'accepted', 1)])],
    };
    const view = filterOverview(odd, NO_FILTER);
    assert.deepEqual(
      view.columns.map((c) => [c.projectId, c.projectName]),
      [
        ['__proto__', undefined],
        ['constructor', undefined],
      ],
    );
  });
});

describe('access overview: exports', () => {
  const hostileName = '=HYPERLINK("http://x","a, b")\n<img src=x onerror=alert(1)> | *bold* `tick`';

  function hostile(): OverviewModel {
    const m = model();
    return {
      ...m,
      rows: [...m.rows, loadedRow(loadingRow('s1', image('img-h', { name: hostileName })), [member('img-h', P1, 'pending', 5)])],
      names: { ...m.names, [P2]: '-team "two"' },
    };
  }

  it('CSV: one line per image and member with names and IDs, quoted per RFC 4180, formulas defused, a failed image says why', () => {
    const csv = overviewCsv(hostile(), NO_FILTER);
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [
      'cloud',
      'region',
      'owner project',
      'owner project id',
      'image',
      'image id',
      'member project',
      'member project id',
      'status',
      'since',
      'days',
      'note',
    ]);
    assert.ok(
      rows.every((r) => r.length === 12),
      'every line has every field',
    );
    const a1 = rows.find((r) => r[5] === 'img-a' && r[7] === P1);
    assert.deepEqual(a1, ['alice', '', 'producer', 'p0', 'golden-ubuntu', 'img-a', 'team-one', P1, 'pending', daysAgo(12), '12', '']);
    const two = rows.find((r) => r[5] === 'img-a' && r[7] === P2);
    assert.equal(two?.[6], `'-team "two"`, 'a leading minus is defused, the quotes kept');
    const h = rows.find((r) => r[5] === 'img-h');
    assert.equal(
      h?.[4],
      `'=HYPERLINK("http://x","a, b")[U+000A]<img src=x onerror=alert(1)> | *bold* \`tick\``,
      'one field: the formula defused, the line break written out',
    );
    assert.deepEqual(rows.find((r) => r[5] === 'img-c')?.slice(6), ['', '', '', '', '', 'members could not be read: The image is gone.']);
    assert.equal(rows.length, 1 + 5 + 1 + 1);
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  });

  it('CSV and JSON follow the filter', () => {
    const rows = parseCsv(overviewCsv(model(), { ...NO_FILTER, rejectedOnly: true }));
    assert.deepEqual(
      rows
        .slice(1)
        .filter((r) => r[8])
        .map((r) => [r[5], r[7], r[8]]),
      [
        ['img-b', P2, 'rejected'],
        ['img-a', P3, 'rejected'],
      ],
    );
    const json = JSON.parse(overviewJson(model(), { ...NO_FILTER, projectId: P2 })) as {
      images: Array<{ id: string; members: Array<{ projectId: string; projectName: string | null; status: string; days: number }> }>;
      projects: Array<{ id: string; name: string | null }>;
      totals: { all: number };
    };
    assert.deepEqual(
      json.images.map((i) => [i.id, i.members.map((m) => [m.projectId, m.projectName, m.status, m.days])]),
      [
        ['img-b', [[P2, 'team-two', 'rejected', 40]]],
        ['img-a', [[P2, 'team-two', 'accepted', 3]]],
        ['img-c', []],
      ],
    );
    assert.deepEqual(json.projects, [{ id: P2, name: 'team-two', totals: { pending: 0, accepted: 1, rejected: 1, all: 2 } }]);
  });

  it('the exports name the region the scope\u2019s requests go to, also for a cloud with one region (as Terraform and the shell script do)', () => {
    const oneRegion: OverviewModel = { ...model(), scopes: [{ scopeId: 's1', cloud: 'alice', regionName: 'RegionOne', projectId: 'p0', projectName: 'producer' }] };
    const rows = parseCsv(overviewCsv(oneRegion, NO_FILTER)).slice(1);
    assert.deepEqual([...new Set(rows.map((r) => r[1]))], ['RegionOne']);
    const json = JSON.parse(overviewJson(oneRegion, NO_FILTER)) as { scopes: Array<{ region: string | null }> };
    assert.deepEqual(
      json.scopes.map((s) => s.region),
      ['RegionOne'],
    );
    assert.match(overviewMarkdown(oneRegion, NO_FILTER), /of alice · RegionOne · producer/);
    // Nothing known, nothing invented.
    assert.deepEqual(
      (JSON.parse(overviewJson(model(), NO_FILTER)) as { scopes: Array<{ region: string | null }> }).scopes.map((s) => s.region),
      [null],
    );
  });

  it('JSON keeps a hostile name as data, exactly', () => {
    const json = JSON.parse(overviewJson(hostile(), NO_FILTER)) as { images: Array<{ id: string; name: string }> };
    assert.equal(json.images.find((i) => i.id === 'img-h')?.name, hostileName);
  });

  it('Markdown: a table of images × projects with totals, every name escaped so it stays text, one row per image', () => {
    const md = overviewMarkdown(hostile(), NO_FILTER);
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    // header, rule, 4 images, totals: a name's pipe or line break never adds a row or a column
    assert.equal(table.length, 7);
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    assert.ok(
      table.every((l) => columns(l) === columns(table[0])),
      'every row has as many cells as the header',
    );
    assert.match(table[0], /^\| Image \| Image ID \| \\-team \\"two\\" \| team\\-one \| `3{32}` \| Total \|$/);
    const h = table.find((l) => l.includes('`img-h`'))!;
    assert.ok(h.includes('\\<img src\\=x onerror\\=alert\\(1\\)\\>'), 'the tag is escaped text');
    assert.ok(h.includes('\\*bold\\*') && h.includes('\\`tick\\`') && h.includes('\\|'), 'emphasis, code and pipes escaped');
    assert.ok(h.includes('\\[U\\+000A\\]'), 'the line break written out (escaped itself)');
    const a = table.find((l) => l.includes('`img-a`'))!;
    assert.match(a, /\| golden\\-ubuntu \| `img-a` \| accepted 3 d \| pending 12 d \| rejected 1 d \| 3 \|$/);
    assert.match(table[table.length - 1], /^\| \*\*Total\*\* \| \| 2 \| 3 \| 1 \| 6 \|$/);
    assert.ok(md.includes('members could not be read\\: The image is gone\\.'), 'the failed image says why');
    assert.ok(md.includes(`- team\\-one: \`${P1}\``));
    assert.equal(markdownText('a_b'), 'a\\_b');
  });
});

describe('access overview: messages', () => {
  it('the webview may ask for what the overview offers, and nothing malformed', () => {
    assert.deepEqual(parseOverviewRequest({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseOverviewRequest({ type: 'openMembers', scopeId: 's', imageId: 'i' }), { type: 'openMembers', scopeId: 's', imageId: 'i' });
    assert.equal(parseOverviewRequest({ type: 'openMembers', scopeId: 's' }), undefined);
    assert.equal(parseOverviewRequest({ type: 'export', format: 'html' }), undefined);
    assert.equal(parseOverviewRequest({ type: 'removeMember', projectId: P1 }), undefined);
    assert.deepEqual(parseOverviewRequest({ type: 'export', format: 'csv', filter: { pendingOlderThanDays: 7.9, rejectedOnly: 'yes', projectId: 5, imageText: 'x' } }), {
      type: 'export',
      format: 'csv',
      filter: { pendingOlderThanDays: 7, rejectedOnly: false, imageText: 'x' },
    });
    assert.deepEqual(parseOverviewRequest({ type: 'export', format: 'json', filter: { pendingOlderThanDays: -1 } }), {
      type: 'export',
      format: 'json',
      filter: NO_FILTER,
    });
  });

  it('a model with wrong types is cleaned before the view computes with it', () => {
    const update = parseOverviewUpdate({
      type: 'model',
      model: {
        scopes: [{ scopeId: 's1', cloud: 5 }],
        rows: [{ scopeId: 's1', imageId: 'i', imageName: 7, state: 'weird', cells: [{ projectId: P1, status: 'pending' }, { nope: 1 }] }, 'x'],
        names: { [P1]: 'n', bad: 3 },
        done: 'yes',
        now: NOW,
      },
    });
    assert.ok(update?.type === 'model');
    assert.deepEqual(update.model.rows, [
      { scopeId: 's1', imageId: 'i', imageName: '', state: 'loading', cells: [{ projectId: P1, status: 'pending', created: '', updated: '' }] },
    ]);
    assert.deepEqual({ ...update.model.names }, { [P1]: 'n' });
    assert.equal(update.model.done, false);
    assert.equal(update.model.scopes[0].cloud, '');
    assert.equal(parseOverviewUpdate({ type: 'model', model: { rows: 'x' } }), undefined);
  });

  it("its page runs only the nonce'd bundle, under the members panel's CSP", () => {
    const html = overviewPageHtml({ nonce: 'bm9uY2U=', cspSource: 'https://x', scriptUri: 'https://x/overview.js?a=1&b=2', styleUri: 'https://x/overview.css' });
    assert.ok(html.includes(`content="${membersPageCsp('bm9uY2U=', 'https://x')}"`));
    assert.ok(html.includes('<script nonce="bm9uY2U=" src="https://x/overview.js?a=1&amp;b=2"></script>'));
    assert.equal(html.match(/<script/g)?.length, 1);
  });
});
