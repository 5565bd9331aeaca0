// The members panel in the real workbench with the packaged extension: erin reads and edits the
// members of a shared image (add through the input, remove after the modal), frank accepts it from
// his own panel, an image named like an XSS payload shows its name as text and runs nothing, and
// the panel is photographed in the light and the dark theme. The webview on its own (rendering,
// sorting, filtering, what it posts, its CSP) is tested in plain Chromium: test/webview/.
import { skipAfterFirstFailure } from './support/steps';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConsoleMessage, FrameLocator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { GlanceImage, GlanceMember } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry } from './support/contextMenu';
import { clickDialogButton, modalDialog } from './support/notifications';
import { quickInput, quickPickRow } from './support/quickInput';
import { poll } from './support/poll';
import { collapseRow, expandRow, waitForRow, waitForTree, type RowMatch, type TreeRow } from './support/tree';
import { clearHover, openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK = 'frank · e2e-consumer';
const SHARED = /^Shared \(\d+\)$/;
const PENDING = /^Pending \(\d+\)$/;

/** The members panel's document: the workbench's webview frame, then the content frame inside it. */
function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** Both scopes signed in and their images listed. */
function settled(rows: readonly TreeRow[]): boolean {
  const roots = [ERIN, FRANK].every((root) => rows.some((r) => r.level === 1 && r.label === root && / · RegionOne$/.test(r.description)));
  const groups = rows.filter((r) => r.level === 2 && (r.label === 'My images' || r.label === 'Shared with me'));
  return roots && groups.length === 4 && groups.every((g) => /^\d+/.test(g.description) && !/loading/.test(g.description));
}

/**
 * Whether a console message came from a webview's frames (VS Code's webview host page, or the
 * panel's own document and scripts) rather than from the workbench itself.
 */
function fromWebview(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return /\/webview\/browser\/pre\/|vscode-cdn|vscode-resource|members\.(js|css)/i.test(url) || /^members panel:/.test(message.text());
}

describe('members panel in the workbench (packaged extension)', function () {
  // Each step builds on the one before: after a failure the rest would only report noise.
  skipAfterFirstFailure();

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let erin: TestConnection;
  let image: GlanceImage;
  let hostile: GlanceImage;
  const { 'e2e-consumer': consumer, other } = stackIds().projects;
  const hostileName = `<img src=x onerror=alert(1)> e2e-${Math.random().toString(36).slice(2, 8)}`;
  const dialogs: string[] = [];
  const webviewErrors: string[] = [];
  /** The workbench's own CSP refusals (outside the webview; reported, see the last test). */
  const workbenchCsp: string[] = [];
  const pageErrors: string[] = [];

  const members = (): Promise<GlanceMember[]> => erin.glance.listMembers(image.id);

  /**
   * Opens the image's panel from its row's context menu, the other scope's root collapsed first
   * (the screenshots show the one scope the panel belongs to).
   */
  async function openPanel(pathToImage: readonly RowMatch[]): Promise<FrameLocator> {
    const otherRoot = pathToImage[0] === ERIN ? FRANK : ERIN;
    await collapseRow(await waitForRow(page, [otherRoot]));
    for (let depth = 1; depth < pathToImage.length; depth++) {
      await expandRow(await waitForRow(page, pathToImage.slice(0, depth)));
    }
    await clickContextMenuEntry(page, await waitForRow(page, pathToImage), 'Show Members');
    // Off the tree: a row's hover card would lie over the panel and catch the clicks meant for it.
    await clearHover(page);
    const frame = panelFrame(page);
    const title = pathToImage[pathToImage.length - 1];
    await frame.locator('#image-name', { hasText: typeof title === 'string' ? title : undefined }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('#facts').waitFor({ state: 'visible' });
    return frame;
  }

  async function shoot(name: string): Promise<string> {
    // Off the tree and the panel's rows: no hover highlight or tooltip in the picture.
    await clearHover(page);
    return screenshot(page, name);
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-panel-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, frank: stack.clouds.frank } }));
    erin = await connectAs('erin');
    image = await createImage(erin, uniqueName('panel-e2e'), 'shared');
    hostile = await createImage(erin, hostileName, 'shared');
    await erin.glance.addMember(image.id, consumer);
    await erin.glance.addMember(hostile.id, consumer);
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      if (fromWebview(message)) {
        // VS Code's webview host warns about its own sandbox flags on every webview: not ours.
        if (message.type() === 'error' || /^members panel:/.test(message.text())) webviewErrors.push(`${message.type()}: ${message.text()} (${message.location().url})`);
      } else if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
        workbenchCsp.push(message.text());
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openContainer(page);
    await clearHover(page);
    await waitForTree(page, settled, 'erin and frank signed in with their images listed', 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const file = await screenshot(page, `failed-${this.currentTest.fullTitle()}`);
      console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
      if (webviewErrors.length) console.log(`      webview console:\n        ${webviewErrors.join('\n        ')}`);
    }
  });

  after(async function () {
    await wb?.close();
    for (const made of [image, hostile]) {
      if (erin && made) await deleteImage(erin, made.id).catch((error: Error) => console.log(`      could not delete ${made.id}: ${error.message}`));
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('erin opens the members of a shared image from the tree: frank\u2019s project is pending', async () => {
    const frame = await openPanel([ERIN, 'My images', SHARED, image.name ?? image.id]);
    assert.equal(await frame.locator('#image-name').textContent(), image.name);
    assert.equal(await frame.locator('#image-id').textContent(), image.id);
    assert.match((await frame.locator('#scope').textContent()) ?? '', /^erin · e2e-producer$/);
    const row = frame.locator(`tbody tr[data-project-id="${consumer}"]`);
    await row.waitFor();
    assert.equal(await row.locator('.badge').textContent(), 'pending');
    assert.equal(await frame.locator('tbody tr[data-project-id]').count(), 1);
    assert.match((await frame.locator('#member-counts').textContent()) ?? '', /^1 member: 1 pending · 0 accepted · 0 rejected$/);
    // The column headers are buttons; the sorted one says so.
    assert.deepEqual(await frame.locator('thead th .sort-button').allTextContents(), ['Project', 'Status▲', 'Created', 'Updated']);
    assert.equal(await frame.locator('thead th[aria-sort="ascending"]').count(), 1);
  });

  it('erin adds a project through the input: the table and Glance have it', async () => {
    const frame = panelFrame(page);
    await frame.locator('#add-input textarea').fill(other);
    await frame.locator('#add-button').click();
    await frame.locator(`tbody tr[data-project-id="${other}"]`).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator(`tbody tr[data-project-id="${other}"] .badge`).textContent(), 'pending');
    const results = frame.locator('#add-results li');
    await results.first().waitFor();
    assert.deepEqual(await results.evaluateAll((items) => items.map((li) => li.className)), ['ok']);
    assert.match((await results.first().textContent()) ?? '', new RegExp(other));
    // A fully successful add empties the input.
    assert.equal(await frame.locator('#add-input textarea').inputValue(), '');
    const inGlance = await poll(members, (m) => m.some((x) => x.member_id === other), `${other} to be a member in Glance`);
    assert.deepEqual(inGlance.map((m) => m.member_id).sort(), [consumer, other].sort());
    assert.match((await frame.locator('#member-counts').textContent()) ?? '', /^2 members: 2 pending/);
    await shoot('panel-light');
  });

  it('erin removes it with its Remove button after the modal: gone from the table and from Glance', async () => {
    const frame = panelFrame(page);
    await frame.locator(`tbody tr[data-project-id="${other}"] [data-action="remove"]`).click();
    await modalDialog(page).waitFor({ state: 'visible' });
    assert.match((await modalDialog(page).textContent()) ?? '', /Remove/);
    await clickDialogButton(page, 'Remove');
    await frame.locator(`tbody tr[data-project-id="${other}"]`).waitFor({ state: 'detached', timeout: 20_000 });
    await poll(members, (m) => !m.some((x) => x.member_id === other), `${other} to leave the members in Glance`);
    assert.equal(await frame.locator('tbody tr[data-project-id]').count(), 1);
  });

  it('frank opens the same image from Shared with me › Pending and accepts it in the panel', async () => {
    const frame = await openPanel([FRANK, 'Shared with me', PENDING, image.name ?? image.id]);
    assert.equal(await frame.locator('#owner-view').isVisible(), false);
    assert.equal(await frame.locator('#my-status .badge').textContent(), 'pending');
    // A pending member may accept or reject; resetting to pending is not offered.
    assert.ok(await frame.locator('[data-status="accepted"]').isVisible());
    assert.ok(await frame.locator('[data-status="rejected"]').isVisible());
    assert.equal(await frame.locator('[data-status="pending"]').isVisible(), false);
    await frame.locator('[data-status="accepted"]').click();
    await frame.locator('#my-status .badge', { hasText: /^accepted$/ }).waitFor({ timeout: 20_000 });
    const member = await poll(
      () => erin.glance.getMember(image.id, consumer),
      (m) => m.status === 'accepted',
      'frank\u2019s project to be accepted in Glance',
    );
    assert.equal(member.status, 'accepted');
    // Now Reject and Reset to pending are offered, Accept is not.
    assert.equal(await frame.locator('[data-status="accepted"]').isVisible(), false);
    assert.ok(await frame.locator('[data-status="pending"]').isVisible());
    await shoot('panel-member-light');
  });

  it('shows an image named like an XSS payload as text, and runs nothing', async () => {
    const frame = await openPanel([ERIN, 'My images', SHARED, hostileName]);
    const name = frame.locator('#image-name');
    assert.equal(await name.textContent(), hostileName);
    assert.equal(await name.evaluate((h1) => [...h1.childNodes].every((n) => n.nodeType === Node.TEXT_NODE)), true, 'the heading holds nothing but text');
    assert.equal(await frame.locator('img').count(), 0, 'no <img> element was created');
    assert.equal(await frame.locator(`tbody tr[data-project-id="${consumer}"] .badge`).textContent(), 'pending');
    // Give a stray handler time to fire before looking for its traces.
    await page.waitForTimeout(500);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(webviewErrors, []);
    await shoot('panel-hostile-light');
  });

  it('looks right in the dark theme, and erin\u2019s panel shows frank\u2019s answer after Refresh', async () => {
    // Leave the webview: keys typed while it has focus go to it first.
    // The title's text, not its middle: the view's title bar actions (Filter, Review Shares…) are there.
    await page.locator('.part.sidebar .composite.title .title-label').click();
    await page.keyboard.press('F1');
    await quickInput(page).locator('.quick-input-box input').fill('>Preferences: Color Theme');
    // Click the row: the first match (and so Enter's) is "Preferences: Browse Color Themes in Marketplace".
    await quickPickRow(page, /^Preferences: Color Theme/).click();
    await quickPickRow(page, /^Dark Modern/).waitFor();
    await quickInput(page).locator('.quick-input-box input').fill('Dark Modern');
    await quickPickRow(page, /^Dark Modern/).click();
    await quickInput(page).waitFor({ state: 'hidden' });
    await page.locator('.monaco-workbench.vs-dark').waitFor();

    const frame = await openPanel([ERIN, 'My images', SHARED, image.name ?? image.id]);
    await frame.locator('body.vscode-dark').waitFor();
    await frame.locator('#refresh').click();
    await frame.locator(`tbody tr[data-project-id="${consumer}"] .badge`, { hasText: /^accepted$/ }).waitFor({ timeout: 20_000 });
    await frame.locator('.activity-text:empty').waitFor({ state: 'attached' });
    await shoot('panel-dark');
  });

  it('logged no console error, CSP violation or dialog from a webview all along', () => {
    assert.deepEqual(dialogs, []);
    assert.deepEqual(webviewErrors, []);
    assert.deepEqual(
      pageErrors.filter((e) => /members|webview/i.test(e)),
      [],
    );
    // Outside the webview, the workbench turns the tree row's Markdown tooltip into plain text
    // through an HTML parser, and its CSP refuses the payload's onerror handler: blocked (no dialog
    // above), but worth knowing. See the report on src/ui/tree/nodes.ts escape().
    if (workbenchCsp.length)
      console.log(`      the workbench's CSP refused ${workbenchCsp.length} inline handler(s) outside the panel: ${workbenchCsp[0].slice(0, 90)}…`);
    assert.ok(
      workbenchCsp.every((t) => /inline event handler/.test(t)),
      workbenchCsp.join('\n'),
    );
  });
});
