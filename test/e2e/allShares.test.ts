// All Shares in the real workbench with the packaged extension: the admin cloud's Shared with me
// holds an "All Shares (admin)…" row in place of its groups; a click opens every project's shared
// images as lines of owner project → image → member → status (erin's image and frank's, owners
// and members by name, a made-up member by its ID), sortable by a header; only the admin scope's
// menu offers it. Photographed for a look. The model against Glance: test/exthost/allShares.test.ts.
import { skipAfterFirstFailure } from './support/steps';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { contextMenuEntries } from './support/contextMenu';
import { waitForRow } from './support/tree';
import { clearHover, openContainer, openWorkbench, screenshot, screenshotIfFailed, type Workbench } from './support/workbench';

const ADMIN = 'admin · admin';
const ERIN = 'erin · e2e-producer';
const ALL_SHARES = 'All Shares (admin)\u2026';

function activeFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

describe('All Shares in the workbench (packaged extension, admin cloud)', function () {
  skipAfterFirstFailure();

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let erin: TestConnection;
  let frank: TestConnection;
  const made: Array<{ image: GlanceImage; owner: TestConnection }> = [];
  const producer = stackIds().projects['e2e-producer'];
  const consumer = stackIds().projects['e2e-consumer'];
  const stranger = randomBytes(16).toString('hex');
  const prefix = uniqueName('allshares-e2e');

  before(async function () {
    // The suite's own clouds file: the stack's admin (Glance lists every project's shares to it) and erin.
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-allshares-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { admin: stack.clouds.admin, erin: stack.clouds.erin } }));
    [erin, frank] = await Promise.all([connectAs('erin'), connectAs('frank')]);
    const golden = await createImage(erin, `${prefix}-golden`, 'shared');
    const tools = await createImage(frank, `${prefix}-tools`, 'shared');
    made.push({ image: golden, owner: erin }, { image: tools, owner: frank });
    await erin.glance.addMember(golden.id, consumer);
    await erin.glance.addMember(golden.id, stranger);
    await frank.glance.addMember(tools.id, producer);
    await frank.glance.updateMemberStatus(golden.id, consumer, 'accepted');
    await erin.glance.updateMemberStatus(tools.id, producer, 'rejected');
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await clearHover(page);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await wb?.close();
    for (const { image, owner } of made) await deleteImage(owner, image.id).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('only the admin scope\u2019s menu offers "Show All Shares (admin)"', async () => {
    await waitForRow(page, [ADMIN, 'Shared with me', ALL_SHARES], 60_000);
    const adminMenu = await contextMenuEntries(page, await waitForRow(page, [ADMIN]));
    assert.ok(adminMenu.includes('Show All Shares (admin)'), adminMenu.join(' | '));
    const erinMenu = await contextMenuEntries(page, await waitForRow(page, [ERIN]));
    assert.ok(erinMenu.includes('Show Access Overview') && !erinMenu.includes('Show All Shares (admin)'), erinMenu.join(' | '));
  });

  it('a click on "All Shares (admin)…" opens every owner\u2019s shares: owner → image → member → status, names as text, sortable', async () => {
    await (await waitForRow(page, [ADMIN, 'Shared with me', ALL_SHARES])).click();
    await clearHover(page);
    const frame = activeFrame(page);
    await frame.locator('#overview-progress-text', { hasText: /images? read$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#overview-title').textContent(), 'All shares (admin)');
    await frame.locator('#filter-text').fill(prefix);
    const lines = async () =>
      frame
        .locator('#overview-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('.owner')?.textContent ?? '',
            tr.querySelector('.image')?.textContent ?? '',
            tr.querySelector('.member')?.textContent ?? '',
            tr.querySelector('.badge')?.textContent ?? '',
          ]),
        );
    assert.deepEqual(await lines(), [
      ['e2e-consumer', `${prefix}-tools`, 'e2e-producer', 'rejected'],
      ['e2e-producer', `${prefix}-golden`, 'e2e-consumer', 'accepted'],
      ['e2e-producer', `${prefix}-golden`, stranger, 'pending'],
    ]);
    assert.equal(
      await frame.locator('#overview-summary').textContent(),
      '2 images of 2 owner projects \u00b7 3 member projects \u00b7 1 pending \u00b7 1 accepted \u00b7 1 rejected',
    );
    const shot = await screenshot(page, 'all-shares-admin');
    console.log(`      screenshot: ${path.relative(repoRoot, shot)}`);
    await frame.locator('button[data-sort="status"]').click();
    assert.deepEqual(
      (await lines()).map((l) => l[3]),
      ['pending', 'accepted', 'rejected'],
    );
    assert.equal(await frame.locator('th[aria-sort="ascending"]').textContent(), 'Status');
  });
});
