// The access overview in the real workbench with the packaged extension: erin opens it from her
// scope row's context menu, sees her shared images × their member projects (frank's project by
// name, with his answer; a made-up project by its ID), filters it, and a click on a cell opens the
// image's members panel. Photographed for a look. The webview on its own is tested in plain
// Chromium (test/webview/overview.test.ts); the model against Glance in test/exthost/.
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
import { clickContextMenuEntry } from './support/contextMenu';
import { collapseRow, rootsListed, waitForRow, waitForTree } from './support/tree';
import { clearHover, openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK = 'frank · e2e-consumer';

/** The webview frame of the active editor: the workbench's webview frame, then the content frame inside it. */
function activeFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

describe('access overview in the workbench (packaged extension)', function () {
  skipAfterFirstFailure();

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let erin: TestConnection;
  let frank: TestConnection;
  const images: GlanceImage[] = [];
  const consumer = stackIds().projects['e2e-consumer'];
  const stranger = randomBytes(16).toString('hex');
  const prefix = uniqueName('overview-e2e');

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-overview-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, frank: stack.clouds.frank } }));
    [erin, frank] = await Promise.all([connectAs('erin'), connectAs('frank')]);
    images.push(await createImage(erin, `${prefix}-golden`, 'shared'), await createImage(erin, `${prefix}-legacy`, 'shared'));
    await erin.glance.addMember(images[0].id, consumer);
    await erin.glance.addMember(images[0].id, stranger);
    await erin.glance.addMember(images[1].id, consumer);
    await frank.glance.updateMemberStatus(images[0].id, consumer, 'accepted');
    await frank.glance.updateMemberStatus(images[1].id, consumer, 'rejected');
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await clearHover(page);
    await waitForTree(page, (rows) => rootsListed(rows, [ERIN, FRANK]), 'erin and frank signed in with their images listed', 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const shot = await screenshot(page, `failed-${this.currentTest.fullTitle()}`);
      console.log(`      screenshot: ${path.relative(repoRoot, shot)}`);
    }
  });

  after(async function () {
    await wb?.close();
    for (const image of images) await deleteImage(erin, image.id).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('erin opens "Show Access Overview" from her scope row: her images × member projects, names and answers as text', async () => {
    await collapseRow(await waitForRow(page, [FRANK]));
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'Show Access Overview');
    await clearHover(page);
    const frame = activeFrame(page);
    await frame.locator('#overview-progress-text', { hasText: /images? read$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#overview-scopes').textContent(), 'erin \u00b7 e2e-producer');
    const golden = frame.locator(`tr[data-image-id="${images[0].id}"]`);
    const legacy = frame.locator(`tr[data-image-id="${images[1].id}"]`);
    assert.equal(await golden.locator('th.image').textContent(), `${prefix}-golden`);
    const headers = await frame.locator('#overview-table thead th').allTextContents();
    assert.ok(headers.includes('e2e-consumer'), `frank's project by its name: ${headers.join(' | ')}`);
    assert.ok(headers.includes(stranger), 'the made-up project by its ID');
    const cell = (row: typeof golden, project: string) => row.locator(`button.cell-button[data-project-id="${project}"]`);
    assert.match((await cell(golden, consumer).textContent()) ?? '', /^accepted(<1 min|\d+ min)$/);
    assert.match((await cell(golden, stranger).textContent()) ?? '', /^pending(<1 min|\d+ min)$/);
    assert.match((await cell(legacy, consumer).textContent()) ?? '', /^rejected(<1 min|\d+ min)$/);
    assert.equal(await golden.locator('td.total').textContent(), '2 \u00b7 1 pending');
    await frame.locator('#filter-text').fill(prefix);
    assert.equal(await frame.locator('#overview-table tbody tr').count(), 2);
    assert.equal(await frame.locator('#overview-summary').textContent(), '2 images \u00b7 2 projects \u00b7 1 pending \u00b7 1 accepted \u00b7 1 rejected');
    const shot = await screenshot(page, 'overview-light');
    console.log(`      screenshot: ${path.relative(repoRoot, shot)}`);
  });

  it('the rejected-only filter leaves the one rejected answer', async () => {
    const frame = activeFrame(page);
    await frame.locator('#filter-rejected').check();
    assert.deepEqual(await frame.locator('#overview-table tbody .badge').allTextContents(), ['rejected']);
    assert.deepEqual(await frame.locator('#overview-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-image-id'))), [images[1].id]);
    await frame.locator('#filter-rejected').uncheck();
  });

  it('a click on a cell opens that image\u2019s members panel', async () => {
    const frame = activeFrame(page);
    await frame.locator(`tr[data-image-id="${images[0].id}"] button.cell-button[data-project-id="${consumer}"]`).click();
    const members = activeFrame(page);
    await members.locator('#image-name', { hasText: `${prefix}-golden` }).waitFor({ state: 'visible', timeout: 30_000 });
    await members.locator(`tbody tr[data-project-id="${consumer}"] .badge`, { hasText: 'accepted' }).waitFor();
  });
});
