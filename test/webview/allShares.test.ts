// The access overview's webview in admin mode (All Shares) in plain Chromium, under the page and
// CSP the extension serves: lines of owner → image → member → status, a run's owner shown once
// (dimmed after), hostile owner names as text, a header sorts (and the export carries the key).
import * as assert from 'node:assert/strict';
import type { GlanceMember, MemberStatus } from '../../src/openstack';
import { loadedRow, loadingRow, type OverviewModel } from '../../src/sharing';
import { image } from '../support/fixtures';
import { openWebview, type WebviewPage } from './page';

const NOW = '2026-11-30T12:00:00Z';
const OWNER_A = 'a'.repeat(32);
const OWNER_B = 'b'.repeat(32);
const M1 = '1'.repeat(32);
const M2 = '2'.repeat(32);
const HOSTILE_OWNER = '<img src=x onerror="window.__xss=3">ops';

const member = (image_id: string, member_id: string, status: MemberStatus): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: NOW,
  updated_at: NOW,
});

function model(): OverviewModel {
  const shared = (id: string, name: string, owner: string) => image(id, { name, owner, visibility: 'shared' });
  return {
    mode: 'admin',
    scopes: [{ scopeId: 'adm', cloud: 'admin', projectId: 'p-admin', projectName: 'admin' }],
    rows: [
      loadedRow(loadingRow('adm', shared('img-1', 'golden', OWNER_A), true), [member('img-1', M1, 'accepted'), member('img-1', M2, 'pending')]),
      loadedRow(loadingRow('adm', shared('img-2', 'tools', OWNER_B), true), [member('img-2', M1, 'rejected')]),
    ],
    names: { [OWNER_A]: HOSTILE_OWNER, [M1]: 'consumer' },
    done: true,
    now: NOW,
  };
}

describe('All Shares webview (plain Chromium, admin mode)', function () {
  let view: WebviewPage;
  const lines = () =>
    view.page
      .locator('#overview-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('.owner')?.textContent ?? '',
          tr.querySelector('.owner')?.classList.contains('repeat') ?? false,
          tr.querySelector('.image')?.textContent ?? '',
          tr.querySelector('.member')?.textContent ?? '',
          tr.querySelector('.badge')?.textContent ?? '',
        ]),
      );

  before(async function () {
    view = await openWebview('overview');
    await view.send({ type: 'model', model: model() });
  });

  after(async function () {
    await view?.close();
  });

  it('draws lines owner → image → member → status; an owner\u2019s later lines dimmed; names as text', async () => {
    assert.equal(await view.page.locator('#overview-title').textContent(), 'All shares (admin)');
    assert.deepEqual(await view.page.locator('#overview-table thead th').allTextContents(), ['Owner project', 'Image', 'Member project', 'Status']);
    assert.deepEqual(await lines(), [
      [HOSTILE_OWNER, false, 'golden', 'consumer', 'accepted'],
      [HOSTILE_OWNER, true, 'golden', M2, 'pending'],
      [OWNER_B, false, 'tools', 'consumer', 'rejected'],
    ]);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(
      await view.page.locator('#overview-summary').textContent(),
      '2 images of 2 owner projects \u00b7 2 member projects \u00b7 1 pending \u00b7 1 accepted \u00b7 1 rejected',
    );
  });

  it('a header sorts by its key first, and an export sends the key with the filter', async () => {
    await view.page.locator('button[data-sort="member"]').click();
    assert.deepEqual(
      (await lines()).map((l) => [l[3], l[4]]),
      [
        ['consumer', 'accepted'],
        ['consumer', 'rejected'],
        [M2, 'pending'],
      ],
    );
    const before = (await view.posted()).length;
    await view.page.locator('[data-export="json"]').click();
    assert.deepEqual((await view.posted()).slice(before) as unknown[], [
      { type: 'export', format: 'json', filter: { rejectedOnly: false, imageText: '', sortBy: 'member' } },
    ]);
  });
});
