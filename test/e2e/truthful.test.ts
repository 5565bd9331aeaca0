// What the tree and the panel show is true, readable and reachable (issue 16), in the real
// workbench with the packaged extension. erin (e2e-producer) changes things with the openstack CLI
// while frank (e2e-consumer) looks: a share arriving is brought into view inside its opened group
// without taking the focus from the editor; a share the owner withdrew says so when accepted and
// leaves the tree; names with a right-to-left override or "$(warning)" read as the text they are;
// the rows' accessible names are what a sighted user reads, and Shift+F10 opens an error row's
// menu. Screenshots: .test-output/screenshots/truthful-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { connectAs, deleteImage, openstackCli, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry, closeContextMenu } from './support/contextMenu';
import { closeEditors } from './support/editor';
import { waitForNoHover, waitForToast } from './support/notifications';
import { poll } from './support/poll';
import { runCommand } from './support/quickInput';
import {
  collapseRow,
  containerView,
  expandRow,
  formatTree,
  readTree,
  rowAtPath,
  scopesListed,
  treeRowLocator,
  waitForRow,
  waitForTree,
  type RowMatch,
  type TreeRow,
} from './support/tree';
import { clearHover, openContainer, openWorkbench, resizeSideBar, screenshot, screenshotIfFailed, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK = 'frank · e2e-consumer';
const OFFLINE = 'offline · nowhere';
const count = (word: string) => new RegExp(`^${word} \\(\\d+\\)$`);
const PENDING = count('Pending');
const ACCEPTED = count('Accepted');

/** The "N pending" of frank's Shared with me row, and the N of its Pending (N) group. */
const pendingInDescription = (rows: readonly TreeRow[]) => Number(/(\d+) pending/.exec(rowAtPath(rows, [FRANK, 'Shared with me'])?.description ?? '')?.[1] ?? 0);
const pendingInGroupLabel = (rows: readonly TreeRow[]) => Number(/\((\d+)\)/.exec(rowAtPath(rows, [FRANK, 'Shared with me', PENDING])?.label ?? '')?.[1] ?? -1);
/** erin and frank signed in with their images listed, and the offline cloud's error shown. */
const settled = (rows: readonly TreeRow[]) => scopesListed(rows, [ERIN, FRANK]) && rows.some((r) => r.label === 'Could not connect');

describe('truthful, readable, reachable: the tree and the panel as erin changes things with the CLI', function () {
  this.timeout(300_000);

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let cloudsFile: string;
  let erin: TestConnection;
  const made: string[] = [];
  const consumer = stackIds().projects['e2e-consumer'];
  const prefix = uniqueName('e2e-true');

  /** erin at a terminal: `openstack --os-cloud erin …`, against the same stack. */
  const cli = (...args: string[]) => openstackCli('erin', args).trim();

  /** A shared image of erin's, shared with frank's project through the CLI; its ID. */
  function shareByCli(name: string): string {
    const id = cli('image', 'create', '--shared', '--disk-format', 'raw', '--container-format', 'bare', name, '-f', 'value', '-c', 'id');
    made.push(id);
    cli('image', 'add', 'project', id, consumer);
    return id;
  }

  /** Moves the pointer off the tree so that no hover hides a row in a screenshot. */
  async function shoot(file: string): Promise<void> {
    await page.mouse.move(1100, 300);
    await waitForNoHover(page);
    await screenshot(page, file);
  }

  /** The row at `path` is drawn inside the view's visible area, every row above it expanded. */
  async function onScreen(rowPath: readonly RowMatch[]): Promise<TreeRow> {
    const rows = await waitForTree(page, (r) => !!rowAtPath(r, rowPath), `the row ${rowPath.map(String).join(' › ')}`, 120_000);
    for (let depth = 1; depth < rowPath.length; depth++) {
      assert.equal(rowAtPath(rows, rowPath.slice(0, depth))?.expanded, true, `${rowPath.slice(0, depth).map(String).join(' › ')} is not open:\n${formatTree(rows)}`);
    }
    const row = rowAtPath(rows, rowPath) as TreeRow;
    const box = await rowBox(row);
    const view = await containerView(page).locator('.monaco-list').first().boundingBox();
    assert.ok(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height, `row at ${JSON.stringify(box)}, view ${JSON.stringify(view)}`);
    return row;
  }

  const rowElement = (row: TreeRow): Locator => treeRowLocator(page).and(page.locator(`[data-index="${row.index}"]`));
  const rowBox = (row: TreeRow) => rowElement(row).boundingBox();

  /** The members panel's document: the workbench's webview frame, then the content frame inside it. */
  const panel = () => page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');

  /** The hover card of a row: its text and whether it draws a warning icon. */
  async function hoverOf(row: Locator): Promise<{ text: string; warningIcon: boolean }> {
    await clearHover(page);
    await row.locator('.label-name').hover();
    const hover = page.locator('.workbench-hover-container:visible, .monaco-hover:not(.hidden):visible').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    return { text: await hover.innerText(), warningIcon: (await hover.locator('.codicon-warning').count()) > 0 };
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-truthful-'));
    cloudsFile = path.join(dir, 'clouds.yaml');
    // A third cloud nothing answers for (port 9 refuses): its row and its error row.
    const offline = {
      auth: {
        auth_url: 'http://127.0.0.1:9/v3',
        username: 'nobody',
        password: 'nobodypass',
        project_name: 'nowhere',
        user_domain_name: 'Default',
        project_domain_name: 'Default',
      },
      region_name: 'RegionOne',
    };
    fs.writeFileSync(cloudsFile, stringify({ clouds: { erin: stack.clouds.erin, frank: stack.clouds.frank, offline } }));
    erin = await connectAs('erin');
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: cloudsFile });
    page = wb.page;
    await openContainer(page);
    await resizeSideBar(page, 600);
    await waitForTree(page, settled, 'erin and frank signed in, the offline cloud refused', 120_000);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await wb?.close();
    for (const id of made) await deleteImage(erin, id).catch((error: Error) => console.log(`      could not delete ${id}: ${error.message}`));
    erin?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accessible names: groups read label and count, a cloud not connected reads its state, an error row its sentence; Shift+F10 opens Retry and Show Log', async () => {
    const rows = await waitForTree(page, settled, 'the tree to settle');
    const aria = (rowPath: RowMatch[]) => rowAtPath(rows, rowPath)?.ariaLabel ?? `(no row ${rowPath.map(String).join(' › ')})`;
    const images = (n: string) => `${n} image${n === '1' ? '' : 's'}`;
    // What the row shows, said in words: "My images — 3" reads "My images, 3 images".
    const mine = rowAtPath(rows, [ERIN, 'My images'])!;
    assert.equal(aria([ERIN, 'My images']), `My images, ${images(mine.description)}`);
    const incoming = rowAtPath(rows, [FRANK, 'Shared with me'])!;
    const [total, pending] = [/^\d+/.exec(incoming.description)![0], /(\d+) pending/.exec(incoming.description)?.[1]];
    assert.equal(aria([FRANK, 'Shared with me']), `Shared with me, ${images(total)}${pending ? `, ${pending} pending` : ''}`);
    assert.match(aria([FRANK, 'Shared with me', PENDING]), /^Pending, \d+ images?$/);
    // The scope that did not connect: its name and state, not its tooltip (the clouds.yaml path).
    assert.equal(aria([OFFLINE]), `${OFFLINE}, not connected`);
    assert.ok(!aria([OFFLINE]).includes(cloudsFile) && !aria([OFFLINE]).includes('/'), aria([OFFLINE]));
    // The error row: "Could not connect: <the sentence the row shows>", not the technical tooltip.
    const error = rowAtPath(rows, [OFFLINE, 'Could not connect'])!;
    assert.equal(error.ariaLabel, `Could not connect: ${error.description}`);
    assert.match(error.description, /refused the connection/);
    assert.doesNotMatch(error.ariaLabel, /ECONNREFUSED|POST|https?:/);
    // The browser's accessibility tree agrees with the attributes.
    const snapshot = await containerView(page).locator('.monaco-list').first().ariaSnapshot();
    assert.ok(snapshot.includes(`treeitem "Could not connect: ${error.description}"`), snapshot);
    assert.ok(snapshot.includes(`treeitem "${OFFLINE}, not connected"`), snapshot);

    // Keyboard only: to the error row, then Shift+F10, the context-menu key.
    await rowElement(rowAtPath(rows, [OFFLINE])!)
      .locator('.label-name')
      .click(); // toggles the scope row closed
    await page.keyboard.press('ArrowRight'); // opens it again, the focus on it
    await page.keyboard.press('ArrowDown');
    const focused = containerView(page).locator('.monaco-list-row.focused');
    await poll(
      () => focused.getAttribute('aria-label'),
      (label) => label?.startsWith('Could not connect: ') === true,
      'the error row to have the keyboard focus',
    );
    await page.keyboard.press('Shift+F10');
    const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-label');
    await items.first().waitFor({ state: 'visible' });
    const entries = (await items.allTextContents()).map((t) => t.trim()).filter(Boolean);
    await screenshot(page, 'truthful-01-error-row-shift-f10');
    await closeContextMenu(page);
    assert.ok(entries.includes('Retry') && entries.includes('Show Log'), `the menu: ${entries.join(' | ')}`);
  });

  it('an arriving share is revealed inside its group, opened for it; Accept then reveals it in Accepted', async () => {
    // frank has closed Shared with me: a count is all he would see of a new share.
    await collapseRow(await waitForRow(page, [FRANK, 'Shared with me']));
    await shoot('truthful-02-arrive-before');
    const name = `${prefix}-arriving`;
    shareByCli(name);
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    const row = await onScreen([FRANK, 'Shared with me', PENDING, name]);
    assert.match(row.description, /^from e2e-producer\b/);
    await shoot('truthful-03-arrive-revealed');

    // Accept moves it to Accepted, closed until now: it opens to show the row.
    const accepted = rowAtPath(await readTree(page), [FRANK, 'Shared with me', ACCEPTED]);
    assert.notEqual(accepted?.expanded, true, 'Accepted starts closed (or empty)');
    await clickContextMenuEntry(page, rowElement(row), 'Accept');
    await onScreen([FRANK, 'Shared with me', ACCEPTED, name]);
    await shoot('truthful-04-accepted-revealed');
    await collapseRow(await waitForRow(page, [FRANK, 'Shared with me', ACCEPTED]));
  });

  it('a share arriving while frank types in an editor shows in the tree and the keys still reach the editor', async () => {
    await collapseRow(await waitForRow(page, [FRANK, 'Shared with me']));
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    await page.keyboard.type('notes ');
    const name = `${prefix}-while-typing`;
    shareByCli(name);
    await runCommand(page, 'Glance: Refresh'); // the view's Refresh: every scope signs in again; the palette gives the focus back
    await onScreen([FRANK, 'Shared with me', PENDING, name]);
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), true, 'the focus is still in the editor');
    await page.keyboard.type('typed on');
    await poll(
      () => page.locator('.editor-instance .monaco-editor .view-lines').first().innerText(),
      (text) => text.replace(/\s+/g, ' ').includes('notes typed on'),
      'the keys to reach the editor',
    );
    await shoot('truthful-05-arrive-while-typing');
    await closeEditors(page); // the notes were never meant to be saved
  });

  it('a pending row whose share the owner withdrew: Accept says so in words and the row leaves the tree', async () => {
    const name = `${prefix}-withdrawn`;
    const id = shareByCli(name);
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    const pendingPath = [FRANK, 'Shared with me', PENDING, name];
    await onScreen(pendingPath);
    // The group's description is redrawn apart from its rows: read the count once both agree, or a
    // share left pending by an earlier test makes the count look one behind.
    const before = await waitForTree(
      page,
      (rows) => rowAtPath(rows, pendingPath) !== undefined && pendingInDescription(rows) === pendingInGroupLabel(rows),
      'the pending count in the description to agree with the Pending group',
    );
    const pendingBefore = pendingInDescription(before);
    await shoot('truthful-06-stale-before');
    cli('image', 'remove', 'project', id, consumer); // erin withdraws it; frank's tree still shows it
    const stale = await waitForRow(page, pendingPath);
    await clickContextMenuEntry(page, stale, 'Accept');
    const toast = await waitForToast(page, /no longer there/);
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.match(
      text,
      new RegExp(
        `${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: This share is no longer there: its owner withdrew it or deleted the image\\. It has been taken off the list\\.`,
      ),
    );
    assert.doesNotMatch(text, /404|not found/i);
    const after = await waitForTree(
      page,
      (rows) => !rowAtPath(rows, pendingPath) && pendingInDescription(rows) === pendingInGroupLabel(rows),
      'the stale row to go and the counts to agree',
    );
    const pendingAfter = pendingInDescription(after);
    assert.equal(pendingAfter, pendingBefore - 1, `the pending count follows:\n${formatTree(after)}`);
    await shoot('truthful-07-stale-after');
  });

  it('names with a right-to-left override and "$(warning)" read as text in the row, its description, its hover and the panel\u2019s tab', async () => {
    const rtlName = `${prefix}-rtl-\u202Egnp.exe`;
    const rtlShown = `${prefix}-rtl-[U+202E]gnp.exe`;
    const iconName = `${prefix}-$(warning)-alert`;
    shareByCli(rtlName);
    shareByCli(iconName);
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    const rtlRow = await onScreen([FRANK, 'Shared with me', PENDING, rtlShown]);
    // The description stays after the name, in reading order: no override reaches the screen.
    assert.match(rtlRow.description, /^from e2e-producer\b/);
    const rtlText = await rowElement(rtlRow).innerText();
    assert.ok(!rtlText.includes('\u202E') && !rtlRow.ariaLabel.includes('\u202E'), JSON.stringify(rtlText));
    assert.ok(rtlText.indexOf(rtlShown) < rtlText.indexOf('from e2e-producer'), JSON.stringify(rtlText));
    // "$(warning)" is drawn as those characters, never as the ⚠ icon.
    const rows = await readTree(page);
    const iconRow = rows.find((r) => r.label.replace(/\u200C/g, '') === iconName);
    assert.ok(iconRow, `no row reads ${iconName}:\n${formatTree(rows)}`);
    assert.equal(await rowElement(iconRow).locator('.label-name .codicon').count(), 0, 'no icon in the label');
    await shoot('truthful-08-names-rows');

    const rtlHover = await hoverOf(rowElement(rtlRow));
    assert.ok(rtlHover.text.includes(rtlShown) && !rtlHover.text.includes('\u202E'), JSON.stringify(rtlHover.text));
    await screenshot(page, 'truthful-09-names-rtl-hover');
    const iconHover = await hoverOf(rowElement(iconRow));
    assert.equal(iconHover.warningIcon, false, 'no warning icon in the hover');
    assert.ok(iconHover.text.replace(/\u200C/g, '').includes(iconName), JSON.stringify(iconHover.text));
    await screenshot(page, 'truthful-10-names-icon-hover');
    await clearHover(page);

    // The members panel's tab title and heading.
    await clickContextMenuEntry(page, rowElement(rtlRow), 'Show Members');
    const tab = page.locator('.tabs-container .tab.active .label-name');
    await poll(
      async () => (await tab.count()) > 0 && (await tab.innerText()),
      (title) => title === `Members: ${rtlShown}`,
      'the panel tab to be titled with the name as text',
      30_000,
    );
    const headingText = await poll(
      () => panel().locator('#image-name').innerText(),
      (text) => text !== 'Loading\u2026',
      'the panel to read the image',
      30_000,
    );
    assert.ok(headingText.includes(rtlShown) && !headingText.includes('\u202E'), JSON.stringify(headingText));
    await shoot('truthful-11-names-panel-tab');
  });

  it('Show Members on a share the owner withdrew says the image is no longer available instead of loading, and the row goes', async () => {
    await closeEditors(page);
    const name = `${prefix}-withdrawn-panel`;
    const id = shareByCli(name);
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    const rowPath = [FRANK, 'Shared with me', PENDING, name];
    await onScreen(rowPath);
    cli('image', 'remove', 'project', id, consumer);
    await clickContextMenuEntry(page, await waitForRow(page, rowPath), 'Show Members');
    const heading = panel().locator('#image-name');
    await poll(
      () => heading.innerText().catch(() => ''),
      (text) => text === 'Image no longer available',
      'the panel to say the image is gone',
      30_000,
    );
    const body = (await panel().locator('body').innerText()).replace(/\s+/g, ' ');
    assert.match(body, /no longer available to this project: it was deleted, or its owner stopped sharing it with this project/);
    assert.doesNotMatch(body, /Loading/);
    await waitForTree(page, (rows) => !rowAtPath(rows, rowPath), 'the withdrawn row to leave the tree');
    await shoot('truthful-12-withdrawn-panel');
  });

  it('erin\u2019s members table marks a well-formed project ID no signed-in identity knows as "unknown project"', async () => {
    await closeEditors(page);
    const name = `${prefix}-unknown-member`;
    const id = shareByCli(name);
    const madeUp = '0123456789abcdef0123456789abcdef'; // well-formed; no such project
    cli('image', 'add', 'project', id, madeUp);
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'Refresh');
    const shared = await waitForRow(page, [ERIN, 'My images', count('Shared')]);
    await expandRow(shared);
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN, 'My images', count('Shared'), name]), 'Show Members');
    const rows = panel().locator('table.members-table tbody tr[data-project-id]');
    await poll(
      () => rows.count(),
      (n) => n === 2,
      'both members in the table',
      30_000,
    );
    const text = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    const unknown = text.find((t) => t.includes(madeUp));
    const known = text.find((t) => t.includes(consumer) || t.includes('e2e-consumer'));
    assert.ok(unknown && /unknown project/.test(unknown), JSON.stringify(text));
    assert.ok(known && !/unknown project/.test(known), JSON.stringify(text));
    await shoot('truthful-13-unknown-project');
  });
});
