// The access overview's webview (dist/webview/overview.js) in plain Chromium, under the page and
// CSP the extension serves (src/sharing/overviewHtml.ts), fed models built from Glance records by
// the same functions the extension uses. What needs the real workbench and Glance is in
// test/exthost/overview.test.ts and test/e2e/overview.test.ts.
import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../src/openstack';
import { failedRow, loadedRow, loadingRow, type OverviewModel } from '../../src/sharing';
import { image } from '../support/fixtures';
import { openWebview, type WebviewPage } from './page';

const NOW = '2026-11-30T12:00:00Z';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
const P1 = 'a'.repeat(32);
const P2 = 'b'.repeat(32);
const P3 = 'c'.repeat(32);
const HOSTILE_IMAGE = '<img src=x onerror="window.__xss=1"> golden';
const HOSTILE_PROJECT = '<b onmouseover="window.__xss=2">team-b</b>';

const member = (image_id: string, member_id: string, status: MemberStatus, days: number): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: daysAgo(days),
  updated_at: daysAgo(days),
});

const rows = {
  a: loadingRow('s1', image('img-a', { name: 'base-debian', visibility: 'shared' })),
  b: loadingRow('s1', image('img-b', { name: HOSTILE_IMAGE, visibility: 'shared' })),
  c: loadingRow('s1', image('img-c', { name: 'zz-deleted', visibility: 'shared' })),
};

/** Three images: two read, one still loading (done false) or, once done, failed. */
function model(done: boolean): OverviewModel {
  return {
    scopes: [{ scopeId: 's1', cloud: 'alice', projectId: 'p0', projectName: 'producer' }],
    rows: [
      loadedRow(rows.a, [member('img-a', P1, 'pending', 12), member('img-a', P2, 'accepted', 3)]),
      loadedRow(rows.b, [member('img-b', P1, 'accepted', 1), member('img-b', P2, 'rejected', 20), member('img-b', P3, 'pending', 2)]),
      done ? failedRow(rows.c, 'No image with ID img-c here: it was deleted.') : rows.c,
    ],
    names: { [P1]: 'team-a', [P2]: HOSTILE_PROJECT },
    done,
    now: NOW,
  };
}

describe('access overview webview (plain Chromium, the overview\u2019s own page and CSP)', function () {
  let view: WebviewPage;
  const text = (selector: string) => view.page.locator(selector).textContent();
  const bodyRows = () => view.page.locator('#overview-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-image-id')));
  const headers = () => view.page.locator('#overview-table thead th').allTextContents();

  before(async function () {
    view = await openWebview('overview');
  });

  after(async function () {
    await view?.close();
  });

  it('posts ready first, and nothing else until the extension answers', async () => {
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    assert.equal(await view.page.locator('#app').getAttribute('aria-busy'), 'true');
  });

  it('while member lists arrive: the rows read so far, a progress bar, and a row still loading says so', async () => {
    await view.send({ type: 'model', model: model(false) });
    assert.equal(await view.page.locator('#overview-progress').isVisible(), true);
    assert.equal(await text('#overview-progress-text'), 'Reading members\u2026 2 of 3 images');
    assert.deepEqual(await bodyRows(), ['img-b', 'img-a', 'img-c']);
    assert.equal(await text('tr[data-image-id="img-c"] .row-loading'), 'Reading members\u2026');
  });

  it('renders rows × columns from the model: names as text, cells "status age", totals per row and column', async () => {
    await view.send({ type: 'model', model: model(true) });
    assert.equal(await view.page.locator('#overview-progress').isVisible(), false);
    assert.equal(await view.page.locator('#app').getAttribute('aria-busy'), 'false');
    assert.equal(await text('#overview-scopes'), 'alice \u00b7 producer');
    // Columns by name (the hostile one starts with "<", before letters), the unnamed one last, as its ID.
    assert.deepEqual(await headers(), ['Image', HOSTILE_PROJECT, 'team-a', P3, 'Total']);
    assert.equal(await text('tr[data-image-id="img-b"] th.image'), HOSTILE_IMAGE);
    const cells = (id: string) => view.page.locator(`tr[data-image-id="${id}"] td.cell`).allTextContents();
    assert.deepEqual(await cells('img-a'), ['accepted3 d', 'pending12 d', '']);
    assert.deepEqual(await cells('img-b'), ['rejected20 d', 'accepted24 h', 'pending2 d']);
    assert.equal(await text('tr[data-image-id="img-a"] td.total'), '2 \u00b7 1 pending');
    assert.equal(await text('tr[data-image-id="img-c"] .row-reason'), 'Members could not be read: No image with ID img-c here: it was deleted.');
    assert.deepEqual(await view.page.locator('#overview-table tfoot td.total').allTextContents(), [
      '2 \u00b7 1 rejected',
      '2 \u00b7 1 pending',
      '1 \u00b7 1 pending',
      '5 \u00b7 2 pending \u00b7 1 rejected',
    ]);
    assert.equal(await text('#overview-summary'), '3 images \u00b7 3 projects \u00b7 2 pending \u00b7 2 accepted \u00b7 1 rejected');
  });

  it('hostile names stay text: no element, no script, no CSP violation', async () => {
    assert.equal(await view.page.locator('#overview-table img, #overview-table b').count(), 0);
    await view.page.locator('tr[data-image-id="img-b"] th.image button').hover();
    assert.equal(await view.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.deepEqual(await view.violations(), []);
    assert.deepEqual(view.errors, []);
  });

  it('filters: pending for more than N days, rejected only, one project, image text; totals follow', async () => {
    const page = view.page;
    await page.locator('#filter-pending').check();
    await page.locator('#filter-days').fill('10');
    assert.deepEqual(await bodyRows(), ['img-a', 'img-c'], 'the 12-day pending one, and the failed row (it cannot be judged)');
    assert.deepEqual(await headers(), ['Image', 'team-a', 'Total']);
    await page.locator('#filter-days').fill('1');
    assert.deepEqual(await bodyRows(), ['img-b', 'img-a', 'img-c']);
    assert.deepEqual(await headers(), ['Image', 'team-a', P3, 'Total']);

    await page.locator('#filter-rejected').check();
    assert.equal(await page.locator('#filter-pending').isChecked(), false, 'rejected only replaces the pending filter');
    assert.deepEqual(await bodyRows(), ['img-b', 'img-c']);
    assert.deepEqual(await page.locator('#overview-table tbody .badge').allTextContents(), ['rejected']);
    await page.locator('#filter-rejected').uncheck();

    await page.locator('#filter-project').selectOption(P1);
    assert.deepEqual(await headers(), ['Image', 'team-a', 'Total']);
    assert.equal(await text('#overview-summary'), '3 images \u00b7 1 project \u00b7 1 pending \u00b7 1 accepted \u00b7 0 rejected');
    await page.locator('#filter-project').selectOption('');

    await page.locator('#filter-text').fill('GOLDEN');
    assert.deepEqual(await bodyRows(), ['img-b']);
    assert.deepEqual((await view.state()).filter, { rejectedOnly: false, imageText: 'GOLDEN' }, 'the filter is kept for the page\u2019s next life');
    await page.locator('#filter-text').fill('');
  });

  it('a click on a cell or a row asks for that image\u2019s members; the export buttons send the filter', async () => {
    const page = view.page;
    const before = (await view.posted()).length;
    await page.locator(`tr[data-image-id="img-a"] button.cell-button[data-project-id="${P1}"]`).click();
    await page.locator('tr[data-image-id="img-b"] th.image button').click();
    await page.locator('#filter-rejected').check();
    await page.locator('[data-export="csv"]').click();
    await page.locator('[data-export="markdown"]').click();
    assert.deepEqual((await view.posted()).slice(before) as unknown[], [
      { type: 'openMembers', scopeId: 's1', imageId: 'img-a' },
      { type: 'openMembers', scopeId: 's1', imageId: 'img-b' },
      { type: 'export', format: 'csv', filter: { rejectedOnly: true, imageText: '' } },
      { type: 'export', format: 'markdown', filter: { rejectedOnly: true, imageText: '' } },
    ]);
    await page.locator('#filter-rejected').uncheck();
  });

  it('ignores a malformed message and keeps what it shows', async () => {
    await view.send({ type: 'model', model: { rows: 'not rows' } });
    assert.equal((await view.warnings()).filter((w) => /access overview: ignored/.test(w)).length, 1);
    assert.deepEqual(await bodyRows(), ['img-b', 'img-a', 'img-c']);
  });
});
