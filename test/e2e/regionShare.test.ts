// A share in the second region, by clicks: erin and frank each have a cloud with two regions
// (RegionOne, RegionTwo); erin shares an image that lives in RegionTwo only, and frank's RegionTwo
// row, not his RegionOne row, shows it as pending, with the badge counting it. The `openstack` CLI
// (with --os-region-name) is the reference for what each region's Glance holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { openstackCli, stackIds, uniqueName } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry } from './support/contextMenu';
import { clickDialogButton, modalDialog, waitForNoHover, waitForToast } from './support/notifications';
import { statusBarText } from './support/panel';
import { poll } from './support/poll';
import { pickerInput, waitForCheckedPickerRow } from './support/projectPicker';
import { expandRow, findRow, formatTree, rowAtPath, waitForRow, waitForRowExpanding, waitForTree, type RowMatch, type TreeRow } from './support/tree';
import { activityBarBadge, openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

const ERIN_ONE = 'erin-regions · RegionOne · e2e-producer';
const ERIN_TWO = 'erin-regions · RegionTwo · e2e-producer';
const FRANK_ONE = 'frank-regions · RegionOne · e2e-consumer';
const FRANK_TWO = 'frank-regions · RegionTwo · e2e-consumer';
const ROOTS = [ERIN_ONE, ERIN_TWO, FRANK_ONE, FRANK_TWO];
const count = (word: string) => new RegExp(`^${word} \\(\\d+\\)$`);

/** Every region's scope signed in (with four scopes the roots start collapsed). */
function settled(rows: readonly TreeRow[]): boolean {
  return ROOTS.every((root) => rows.some((r) => r.level === 1 && r.label === root && r.description !== 'connecting…'));
}

/** The badge's count, from its accessible label (0 when there is no badge). */
const badgeCount = async (page: Page): Promise<number> => Number(/(\d+) images? shared with you/.exec((await activityBarBadge(page))?.label ?? '')?.[1] ?? 0);

describe('a share in the second region, by clicks', function () {
  this.timeout(300_000);

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let imageId = '';
  const name = `${uniqueName('e2e-r2')}-golden`;
  const consumer = stackIds().projects['e2e-consumer'];
  let file = '';
  /** The CLI with this suite's clouds (erin-regions, frank-regions), in one region. */
  const cli = (cloud: string, region: string, args: readonly string[]) => openstackCli(cloud, ['--os-region-name', region, ...args], file);
  const inRegionTwo = (cloud: string, args: readonly string[]) => cli(`${cloud}-regions`, 'RegionTwo', args);

  /** Waits for the test image under `parent`, expanding collapsed rows on the way. */
  const waitForImage = (parent: readonly RowMatch[]) => waitForRowExpanding(page, [...parent, name]);

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, Record<string, unknown>> };
    const everyRegion = (cloud: string) => {
      const { region_name: _region, ...rest } = structuredClone(stack.clouds[cloud]);
      return { ...rest, regions: ['RegionOne', 'RegionTwo'] };
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-region-share-'));
    file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { 'erin-regions': everyRegion('erin'), 'frank-regions': everyRegion('frank') } }));
    // The image exists in RegionTwo's Glance only.
    imageId = inRegionTwo('erin', ['image', 'create', '--private', '--format', 'value', '-c', 'id', name]).trim();
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await resizeSideBar(page, 560);
    await waitForTree(page, settled, 'both clouds signed in, in both regions', 90_000);
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      console.log(`      screenshot: ${path.relative(repoRoot, await screenshot(page, 'failed-region-share'))}`);
    }
    await wb?.close();
    if (imageId) {
      try {
        inRegionTwo('erin', ['image', 'delete', imageId]);
      } catch (error) {
        console.log(`      could not delete ${imageId}: ${(error as Error).message}`);
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('erin shares her RegionTwo image; frank finds it pending under RegionTwo only, and the badge counts it', async () => {
    assert.ok(!cli('erin-regions', 'RegionOne', ['image', 'list', '--format', 'value', '-c', 'ID']).includes(imageId), 'RegionOne has no such image');
    // frank's scopes have listed what is shared with them before the badge is read.
    for (const root of [FRANK_ONE, FRANK_TWO]) {
      await expandRow(await waitForRow(page, [root]));
      await waitForTree(page, (rows) => /^\d+/.test(rowAtPath(rows, [root, 'Shared with me'])?.description ?? ''), `${root} to list its shares`, 60_000);
    }
    const badgeBefore = await badgeCount(page);

    await waitForImage([ERIN_TWO, 'My images', count('Private')]);
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN_TWO, 'My images', count('Private'), name]), 'Share with Project(s)…');
    // The project picker: the pasted ID is checked at once, Enter shares.
    await pickerInput(page).fill(consumer);
    await waitForCheckedPickerRow(page, consumer);
    await page.keyboard.press('Enter');
    await modalDialog(page).waitFor({ state: 'visible' });
    await clickDialogButton(page, 'Make Shared and Share');
    // The message after sharing names the region the share lives in.
    await waitForToast(page, `Shared with e2e-consumer (${consumer}) in RegionTwo; they see it only there.`);

    // frank's RegionTwo scope follows without a Refresh; his RegionOne scope has nothing.
    await waitForImage([FRANK_TWO, 'Shared with me', count('Pending')]);
    const { rows } = await findRow(page, [FRANK_TWO]);
    assert.equal(rowAtPath(rows, [FRANK_ONE, 'Shared with me', count('Pending'), name]), undefined, `pending in RegionOne too:\n${formatTree(rows)}`);
    await poll(
      () => badgeCount(page),
      (n) => n === badgeBefore + 1,
      `the badge to go from ${badgeBefore} to ${badgeBefore + 1}`,
      60_000,
    );

    // The CLI agrees: RegionTwo's Glance has frank's project pending, RegionOne's has no such image.
    assert.match(inRegionTwo('erin', ['image', 'member', 'list', '--format', 'value', '-c', 'Member ID', '-c', 'Status', imageId]), new RegExp(`${consumer}\\s+pending`));
    assert.ok(inRegionTwo('frank', ['image', 'list', '--shared', '--member-status', 'pending', '--format', 'value', '-c', 'ID']).includes(imageId));
    assert.ok(!cli('frank-regions', 'RegionOne', ['image', 'list', '--shared', '--member-status', 'pending', '--format', 'value', '-c', 'ID']).includes(imageId));

    // Working on a row of frank's RegionTwo scope makes it the status bar's project, region named.
    await (await waitForRow(page, [FRANK_TWO, 'Shared with me', count('Pending'), name])).click();
    await poll(
      () => statusBarText(page),
      (text) => text.includes(FRANK_TWO),
      `the status bar to name ${FRANK_TWO}`,
    );

    await page.mouse.move(1100, 300);
    await waitForNoHover(page);
    await screenshot(page, 'regions-share-in-region-two');
  });
});
