// The consumer's inbox by clicks: erin shares three images with e2e-consumer, two in RegionOne
// and one in RegionTwo; frank, whose cloud has both regions, opens "Review Shares with Me…" from
// the view's title bar, checks one pending share of each region, clicks Accept, reads the plan and
// confirms. The tree of each region follows without a Refresh; the `openstack` CLI (with
// --os-region-name) is the reference for what each region's Glance holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { openstackCli, stackIds, uniqueName } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickDialogButton, dialogButtons, modalDialog, waitForNoHover, waitForToast } from './support/notifications';
import { pickerRows, pickerTitle, waitForCheckedPickerRow, waitForPickerRows } from './support/projectPicker';
import { quickInput, quickPickRow } from './support/quickInput';
import { rowAtPath, waitForRowExpanding, waitForTree, type RowMatch, type TreeRow } from './support/tree';
import { openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK_ONE = 'frank-regions · RegionOne · e2e-consumer';
const FRANK_TWO = 'frank-regions · RegionTwo · e2e-consumer';
const ROOTS = [ERIN, FRANK_ONE, FRANK_TWO];
const count = (word: string) => new RegExp(`^${word} \\(\\d+\\)$`);

/** The pick's list as text, top to bottom: the group separators and rows. */
async function listText(page: Page): Promise<string> {
  return (await quickInput(page).locator('.quick-input-list').innerText()).trim();
}

/** A button of the quick pick's title bar, by its tooltip. */
function titleButton(page: Page, tooltip: string) {
  return quickInput(page).locator(`.quick-input-titlebar .action-label[aria-label="${tooltip}"], .quick-input-titlebar .action-label[title="${tooltip}"]`);
}

function settled(rows: readonly TreeRow[]): boolean {
  return ROOTS.every((root) => rows.some((r) => r.level === 1 && r.label === root && r.description !== 'connecting…'));
}

describe('the inbox by clicks: frank accepts two pending shares from two regions at once', function () {
  this.timeout(300_000);

  let wb: Workbench;
  let page: Page;
  let dir: string;
  const consumer = stackIds().projects['e2e-consumer'];
  const prefix = uniqueName('e2e-inbox');
  /** alpha (RegionOne) and beta (RegionTwo) are accepted by clicks; gamma (RegionOne) stays pending. */
  const images = { alpha: { region: 'RegionOne', id: '' }, beta: { region: 'RegionTwo', id: '' }, gamma: { region: 'RegionOne', id: '' } };
  const nameOf = (key: keyof typeof images) => `${prefix}-${key}`;
  /** The CLI as erin in one region (its own clouds.yaml: the stack's erin names RegionOne only). */
  let cliFile = '';
  const erinCli = (region: string, args: readonly string[]) => openstackCli('erin-regions', ['--os-region-name', region, ...args], cliFile);
  const statusOf = (key: keyof typeof images) => {
    const out = erinCli(images[key].region, ['image', 'member', 'list', '--format', 'value', '-c', 'Member ID', '-c', 'Status', images[key].id]);
    return new RegExp(`${consumer}\\s+(\\w+)`).exec(out)?.[1];
  };

  const waitForImage = (parent: readonly RowMatch[], name: string) => waitForRowExpanding(page, [...parent, name]);

  async function shoot(file: string): Promise<void> {
    await page.mouse.move(1100, 860);
    await waitForNoHover(page);
    await screenshot(page, file);
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, Record<string, unknown>> };
    const everyRegion = (cloud: string) => {
      const { region_name: _region, ...rest } = structuredClone(stack.clouds[cloud]);
      return { ...rest, regions: ['RegionOne', 'RegionTwo'] };
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-inbox-'));
    cliFile = path.join(dir, 'cli-clouds.yaml');
    fs.writeFileSync(cliFile, stringify({ clouds: { 'erin-regions': everyRegion('erin') } }));
    for (const key of Object.keys(images) as Array<keyof typeof images>) {
      const image = images[key];
      image.id = erinCli(image.region, ['image', 'create', '--shared', '--format', 'value', '-c', 'id', nameOf(key)]).trim();
      erinCli(image.region, ['image', 'add', 'project', image.id, consumer]);
    }
    // The window: erin (RegionOne, the owner, so her project has a name) and frank in both regions.
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, 'frank-regions': everyRegion('frank') } }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await resizeSideBar(page, 560);
    await waitForTree(page, settled, 'erin and frank (both regions) signed in', 90_000);
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      console.log(`      screenshot: ${path.relative(repoRoot, await screenshot(page, 'failed-inbox'))}`);
    }
    await wb?.close();
    for (const image of Object.values(images)) {
      if (!image.id) continue;
      try {
        erinCli(image.region, ['image', 'delete', image.id]);
      } catch (error) {
        console.log(`      could not delete ${image.id}: ${(error as Error).message}`);
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signed in, each of frank\u2019s Pending groups opens by itself once listed: the shares show without a click', async () => {
    // The tree decides to open Pending only from the complete listing; VS Code then draws the
    // row open (a row first drawn closed under the same ID would stay closed).
    const rows = await waitForTree(
      page,
      (all) =>
        [FRANK_ONE, FRANK_TWO].every((scope) => rowAtPath(all, [scope, 'Shared with me', count('Pending')])?.expanded === true) &&
        !!rowAtPath(all, [FRANK_ONE, 'Shared with me', count('Pending'), nameOf('alpha')]) &&
        !!rowAtPath(all, [FRANK_TWO, 'Shared with me', count('Pending'), nameOf('beta')]),
      'frank\u2019s Pending groups open with the shares',
      60_000,
    );
    assert.ok(rowAtPath(rows, [FRANK_ONE, 'Shared with me', count('Pending'), nameOf('gamma')]), 'gamma waits in RegionOne too');
    await shoot('inbox-00-pending-open');
  });

  it('opens from the view\u2019s title bar, grouped with ages, owner and scope; two checked, Accept, the plan, and both regions follow', async () => {
    await page.locator('.action-label[aria-label="Review Shares with Me…"]').first().click();
    await quickInput(page).waitFor({ state: 'visible' });
    // Filled once Glance answers: the listings, then each share's age from its member row.
    const mine = (rows: string[]) => rows.filter((r) => r.includes(prefix));
    const rows = await waitForPickerRows(
      page,
      (all) => mine(all).length === 3 && mine(all).every((r) => /pending for .+ · from e2e-producer[\s|]+to frank-regions · Region(One|Two) · e2e-consumer/.test(r)),
      'the three shares with their ages',
      90_000,
    );
    assert.match(await pickerTitle(page), /^Shares with Me: \d+ shares? in 3 scopes$/, 'erin\u2019s scope and frank\u2019s two');
    const betaRow = mine(rows).find((r) => r.startsWith(nameOf('beta')));
    assert.match(betaRow ?? '', /to frank-regions · RegionTwo · e2e-consumer/, 'the RegionTwo share names its region');
    assert.match(await listText(page), /Pending \(\d+\)/, 'the Pending group is named');

    // Check two: a click on a row toggles its box.
    for (const key of ['alpha', 'beta'] as const) {
      await quickPickRow(page, nameOf(key)).first().click();
      await waitForCheckedPickerRow(page, nameOf(key));
    }
    assert.equal(await quickInput(page).locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count(), 2);
    await shoot('inbox-01-two-checked');

    await titleButton(page, 'Accept the checked shares').click();
    // The plan, per scope, before anything changes.
    await modalDialog(page).waitFor({ state: 'visible' });
    const plan = (await modalDialog(page).innerText()).replace(/\r/g, '');
    assert.match(plan, /Accept 2 shares\?/);
    assert.match(plan, new RegExp(`frank-regions · RegionOne · e2e-consumer:\\s+• ${nameOf('alpha')} \\(pending → accepted\\)`));
    assert.match(plan, new RegExp(`frank-regions · RegionTwo · e2e-consumer:\\s+• ${nameOf('beta')} \\(pending → accepted\\)`));
    assert.ok((await dialogButtons(page)).includes('Accept 2 Shares'));
    assert.equal(statusOf('alpha'), 'pending', 'nothing changed before the answer');
    await shoot('inbox-02-plan');
    await clickDialogButton(page, 'Accept 2 Shares');

    await waitForToast(page, 'Accepted: 2 shares.', 60_000);
    assert.deepEqual([statusOf('alpha'), statusOf('beta'), statusOf('gamma')], ['accepted', 'accepted', 'pending']);
    // Each region's tree follows without a Refresh.
    await waitForImage([FRANK_ONE, 'Shared with me', count('Accepted')], nameOf('alpha'));
    await waitForImage([FRANK_TWO, 'Shared with me', count('Accepted')], nameOf('beta'));
    await waitForImage([FRANK_ONE, 'Shared with me', count('Pending')], nameOf('gamma'));
    await shoot('inbox-03-accepted');
  });

  it('opened again: the accepted shares are under Accepted, the one left is still pending', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.action-label[aria-label="Review Shares with Me…"]').first().click();
    await quickInput(page).waitFor({ state: 'visible' });
    await waitForPickerRows(
      page,
      (all) => all.filter((r) => r.includes(prefix) && /-(alpha|beta)[\s|]*accepted (just now|\d)/.test(r)).length === 2,
      'two accepted shares',
      90_000,
    );
    const all = await pickerRows(page);
    assert.ok(
      all.some((r) => r.startsWith(nameOf('gamma')) && /-gamma[\s|]*pending for /.test(r)),
      all.join('\n'),
    );
    const text = await listText(page);
    assert.ok(text.indexOf('Pending (') < text.indexOf('Accepted ('), `Pending before Accepted:\n${text}`);
    await shoot('inbox-04-reopened');
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
  });
});
