// The README's screenshots, taken from the packaged extension in the real workbench: a producer
// (erin), a consumer (frank) and one person in both projects (gina), with a shared image pending
// for the consumer; the tree, the members panel, the pending share's menu and the walkthrough.
// Every run writes them to .test-output/screenshots/readme-*.png; GS_README_SCREENSHOTS=1 also
// copies them over media/screenshots/, the files the README shows (see CONTRIBUTING.md).
import { skipAfterFirstFailure } from './support/steps';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, type TestConnection } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry, closeContextMenu, openContextMenu } from './support/contextMenu';
import { runCommand } from './support/quickInput';
import { poll } from './support/poll';
import { collapseRow, expandRow, waitForRow, waitForTree } from './support/tree';
import { clearHover, openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK = 'frank · e2e-consumer';
const GINA_PRODUCER = 'gina-producer · e2e-producer';
const GINA_CONSUMER = 'gina-consumer · e2e-consumer';
const committedDir = path.join(repoRoot, 'media', 'screenshots');

describe('README screenshots (packaged extension)', function () {
  skipAfterFirstFailure();
  let wb: Workbench;
  let page: Page;
  let dir: string;
  let erin: TestConnection;
  let frank: TestConnection;
  const made: GlanceImage[] = [];
  const { 'e2e-consumer': consumer } = stackIds().projects;
  const suffix = Math.random().toString(36).slice(2, 6);
  const names = { golden: `ubuntu-24.04-golden-${suffix}`, hardened: `debian-12-hardened-${suffix}`, nightly: `ubuntu-24.04-nightly-${suffix}` };

  /** Saves the shot (clipped to `clip` when given) and, when asked, over the committed copy. */
  async function shoot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
    await clearHover(page);
    const file = await screenshot(page, `readme-${name}`);
    if (clip) await page.screenshot({ path: file, clip });
    assert.ok(fs.statSync(file).size > 5_000, `${file} looks empty`);
    if (process.env.GS_README_SCREENSHOTS === '1') {
      fs.mkdirSync(committedDir, { recursive: true });
      fs.copyFileSync(file, path.join(committedDir, `${name}.png`));
    }
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-readme-'));
    const file = path.join(dir, 'clouds.yaml');
    const clouds = Object.fromEntries(['erin', 'frank', 'gina-producer', 'gina-consumer'].map((c) => [c, stack.clouds[c]]));
    fs.writeFileSync(file, stringify({ clouds }));
    erin = await connectAs('erin');
    frank = await connectAs('frank');
    const golden = await createImage(erin, names.golden, 'shared', { diskFormat: 'qcow2' });
    made.push(golden);
    await erin.glance.addMember(golden.id, consumer);
    await frank.glance.updateMemberStatus(golden.id, consumer, 'accepted');
    const hardened = await createImage(erin, names.hardened, 'shared', { diskFormat: 'qcow2' });
    made.push(hardened);
    await erin.glance.addMember(hardened.id, consumer);
    made.push(await createImage(erin, names.nightly, 'private', { diskFormat: 'qcow2' }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await waitForTree(
      page,
      (rows) => [ERIN, FRANK, GINA_PRODUCER, GINA_CONSUMER].every((root) => rows.some((r) => r.level === 1 && r.label === root && / · RegionOne$/.test(r.description))),
      'the four scopes signed in',
      60_000,
    );
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-${this.currentTest.fullTitle()}`);
  });

  after(async () => {
    await wb?.close();
    for (const image of made) await deleteImage(erin, image.id).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the tree: erin’s shared images, frank’s pending share', async () => {
    for (const root of [GINA_CONSUMER, GINA_PRODUCER]) await collapseRow(await waitForRow(page, [root]));
    // Top down, each subtree settled before the next: a row's locator pins its position.
    await expandRow(await waitForRow(page, [ERIN]));
    await expandRow(await waitForRow(page, [ERIN, 'My images']));
    await expandRow(await waitForRow(page, [ERIN, 'My images', /^Shared \(\d+\)$/]));
    await waitForRow(page, [ERIN, 'My images', /^Shared/, names.golden]);
    await expandRow(await waitForRow(page, [FRANK]));
    await expandRow(await waitForRow(page, [FRANK, 'Shared with me']));
    await waitForRow(page, [FRANK, 'Shared with me', /^Pending \(1\)$/]);
    await expandRow(await waitForRow(page, [FRANK, 'Shared with me', /^Pending \(1\)$/]));
    await waitForRow(page, [FRANK, 'Shared with me', /^Pending/, names.hardened]);
    await shoot('tree', { x: 0, y: 0, width: 720, height: 560 });
  });

  it('the pending share’s menu: Accept, Reject', async () => {
    const row = await waitForRow(page, [FRANK, 'Shared with me', /^Pending/, names.hardened]);
    const entries = await openContextMenu(page, row);
    assert.ok(entries.includes('Accept') && entries.includes('Reject (Hide from My List)'), entries.join(', '));
    const menu = await page.locator('.monaco-menu').first().boundingBox();
    assert.ok(menu);
    const file = await screenshot(page, 'readme-accept-menu');
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: Math.min(1400, Math.ceil(menu.x + menu.width + 24)), height: 560 } });
    if (process.env.GS_README_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(committedDir, 'accept-menu.png'));
    await closeContextMenu(page);
  });

  it('the members panel of erin’s shared image', async () => {
    await collapseRow(await waitForRow(page, [FRANK]));
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN, 'My images', /^Shared/, names.golden]), 'Show Members');
    const frame = page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
    await frame.locator('#image-name', { hasText: names.golden }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('#facts').waitFor({ state: 'visible' });
    await poll(
      async () => (await frame.locator('body').innerText()).includes('accepted'),
      (shown) => shown,
      'the member table with the accepted member',
      30_000,
    );
    await shoot('members-panel', { x: 0, y: 0, width: 1400, height: 620 });
  });

  it('the walkthrough, opened by Glance: Get Started, with its four steps', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Glance: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get Started with glance-share').first().waitFor({ state: 'visible', timeout: 30_000 });
    const steps = await walkthrough.locator('button.getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(
      steps.map((t) => t.trim()),
      ['Connect a cloud', 'Copy your project ID', 'Share an image', 'Accept a share'],
    );
    // erin signed in before the walkthrough was first shown: its first step is ticked all the same.
    const connectStep = walkthrough.locator('button.getting-started-step', { hasText: 'Connect a cloud' });
    await poll(
      async () => connectStep.locator('[role="checkbox"]').first().getAttribute('aria-checked'),
      (checked) => checked === 'true',
      'the connect step to be ticked',
      30_000,
    );
    await shoot('walkthrough', { x: 0, y: 0, width: 1400, height: 720 });
  });
});
