// The seed workflow by clicks, with erin (e2e-producer) and frank (e2e-consumer) side by side in one
// window: erin shares a private image with frank's project, frank accepts then rejects it, erin
// removes him, makes the image community (frank finds it under Community) and is refused public.
// Each step is asserted on what the screen shows and cross-checked in Glance itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { GlanceImage, GlanceMember } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry, closeContextMenu, openContextMenu } from './support/contextMenu';
import { clickDialogButton, dialogButtons, modalDialog, notificationToast, waitForNoHover, waitForToast } from './support/notifications';
import { statusBarText } from './support/panel';
import { pickerInput, pickerRows, pickerTitle, waitForPickerRow, waitForPickerRows } from './support/projectPicker';
import { quickInput, quickPickRow } from './support/quickInput';
import { collapseRow, expandRow, findRow, formatTree, readTree, rowAtPath, waitForRow, waitForTree, type RowMatch, type TreeRow } from './support/tree';
import { poll } from './support/poll';
import { activityBarBadge, openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';
const FRANK = 'frank · e2e-consumer';
const count = (word: string) => new RegExp(`^${word} \\(\\d+\\)$`);
const PRIVATE = count('Private');
const SHARED = count('Shared');
const COMMUNITY = count('Community');
const PENDING = count('Pending');
const ACCEPTED = count('Accepted');
const REJECTED = count('Rejected');

/** Both scopes signed in and their own and incoming images listed (no "loading…" anywhere). */
function settled(rows: readonly TreeRow[]): boolean {
  const roots = [ERIN, FRANK].every((root) => rows.some((r) => r.level === 1 && r.label === root && / · RegionOne$/.test(r.description)));
  const groups = rows.filter((r) => r.level === 2 && (r.label === 'My images' || r.label === 'Shared with me'));
  return (
    roots &&
    groups.length === 4 &&
    groups.every((g) => /^\d+/.test(g.description) && !/loading/.test(g.description)) &&
    !rows.some((r) => /^Loading/.test(r.label) || /loading/.test(r.description))
  );
}

/** "Shared with me — 8 · 3 pending": the pending count of a scope, 0 when not said. */
function pendingOf(rows: readonly TreeRow[], root: string): number {
  const group = rowAtPath(rows, [root, 'Shared with me']);
  return Number(/(\d+) pending/.exec(group?.description ?? '')?.[1] ?? 0);
}

describe('sharing by clicks: erin shares, frank answers, erin unshares and changes visibility', function () {
  // Each step waits for Glance and for the tree to follow, on a machine that may be busy.
  this.timeout(300_000);

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let erin: TestConnection;
  let image: GlanceImage;
  let name: string;
  const consumer = stackIds().projects['e2e-consumer'];

  /** Members of the test image as Glance holds them (erin is the owner). */
  const members = async (): Promise<Array<[string, string]>> => (await erin.glance.listMembers(image.id)).map((m: GlanceMember) => [m.member_id, m.status]);

  /** The tree once both scopes have settled. */
  const outline = (): Promise<TreeRow[]> => waitForTree(page, settled, 'the tree to settle');

  /** Expands each row along `path` that is collapsed. */
  async function expandPath(path: readonly RowMatch[]): Promise<void> {
    for (let depth = 1; depth <= path.length; depth++) {
      await expandRow(await waitForRow(page, path.slice(0, depth)));
    }
  }

  /** Collapses the row at `path` if it is there and expanded: keeps the tree short. */
  async function collapsePath(path: readonly RowMatch[]): Promise<void> {
    if ((await findRow(page, path)).row?.expanded) await collapseRow(await waitForRow(page, path));
  }

  /**
   * Waits for the test image under `parent` (a subgroup or group) and, if given, for `accept` to
   * hold for its row; returns the row. Rows along `parent` are expanded when
   * collapsed: a subgroup without images is a leaf, and a scope's reload collapses its subgroups.
   */
  async function waitForImage(parent: readonly RowMatch[], accept: (row: TreeRow) => boolean = () => true, what = '', timeoutMs = 60_000) {
    const path = [...parent, name];
    await poll(
      async () => {
        const { row, rows } = await findRow(page, path);
        if (!row && parent.some((_, depth) => rowAtPath(rows, parent.slice(0, depth + 1))?.expanded === false)) await expandPath(parent);
        return row;
      },
      (row) => row !== undefined && accept(row),
      `"${name}" under ${parent.map(String).join(' › ')}${what ? ` ${what}` : ''}`,
      timeoutMs,
    );
    return waitForRow(page, path);
  }

  /** Moves the pointer off the tree so that no hover or tooltip hides a row in a screenshot. */
  async function shoot(file: string): Promise<void> {
    await page.mouse.move(1100, 300);
    await waitForNoHover(page);
    await screenshot(page, file);
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-sharing-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, frank: stack.clouds.frank } }));
    erin = await connectAs('erin');
    name = `${uniqueName('e2e')}-golden`;
    image = await createImage(erin, name, 'private');
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    // Wide enough for an image's name and its description ("1 pending · queued") in screenshots.
    await resizeSideBar(page, 560);
    // Two scopes: both roots start expanded, with My images and Shared with me.
    await waitForTree(page, settled, 'erin and frank signed in with their images listed', 60_000);
  });

  // Each step builds on the one before: after a failure the rest are skipped (they would only
  // report noise). Not mocha's bail(): that also skips this whole suite after a failure in any
  // suite before it, without counting its tests.
  let failedStep: string | undefined;

  beforeEach(function () {
    if (failedStep) this.skip();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failedStep ??= this.currentTest.title;
      if (page) {
        const file = await screenshot(page, `failed-${this.currentTest.fullTitle()}`);
        console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
      }
    }
  });

  after(async function () {
    await wb?.close();
    if (erin && image) {
      await deleteImage(erin, image.id).catch((error: Error) => console.log(`      could not delete ${image.id}: ${error.message}`));
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('1 · erin: the private image offers sharing, visibility and copying, not a consumer\u2019s answers', async () => {
    const row = await waitForImage([ERIN, 'My images', PRIVATE]);
    const entries = await openContextMenu(page, row);
    await screenshot(page, 'sharing-01-erin-private-menu');
    await closeContextMenu(page);
    for (const entry of ['Share with Project(s)…', 'Set Visibility…', 'Copy Image ID', 'Copy as CLI Command…']) {
      assert.ok(entries.includes(entry), `"${entry}" missing; the menu: ${entries.join(' | ')}`);
    }
    for (const entry of ['Accept', 'Reject (Hide from My List)', 'Remove Member (Unshare)…', 'Reset to Pending']) {
      assert.ok(!entries.includes(entry), `"${entry}" offered on erin's own private image; the menu: ${entries.join(' | ')}`);
    }
  });

  it('2 · erin: Share with Project(s)… checks the ID, asks to make the image shared, and adds frank\u2019s project as pending', async () => {
    const row = await waitForImage([ERIN, 'My images', PRIVATE]);
    await clickContextMenuEntry(page, row, 'Share with Project(s)…');
    const box = quickInput(page);
    await box.waitFor({ state: 'visible' });
    assert.match(await pickerTitle(page), new RegExp(`Share "${name}" with projects`));
    const input = pickerInput(page);
    // A project name that none of erin's sources knows and Keystone will not look up for her:
    // advice on how to get the ID, and nothing that could be sent.
    await input.fill('consumer');
    const advice = await waitForPickerRows(page, (rows) => rows.some((r) => /Glance needs the project ID/.test(r)), 'the advice for a name');
    assert.ok(
      advice.some((r) => /^"consumer" is none of your projects/.test(r)),
      advice.join(' / '),
    );
    await shoot('sharing-02-share-invalid-id');
    // The ID, pasted: checked at once, Enter shares.
    await input.fill(consumer);
    await waitForPickerRow(page, consumer);
    await poll(
      () => pickerRows(page),
      (rows) => !rows.some((r) => /Glance needs the project ID/.test(r)),
      'the advice to go',
    );
    await page.keyboard.press('Enter');

    const dialog = modalDialog(page);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`"${name}" is private\\. Only shared images can have members\\.`));
    assert.ok((await dialogButtons(page)).includes('Make Shared and Share'), `dialog buttons: ${(await dialogButtons(page)).join(' | ')}`);
    await shoot('sharing-03-make-shared-modal');
    await clickDialogButton(page, 'Make Shared and Share');

    // The message names the project (frank's identity knows it), with its ID.
    await waitForToast(page, `Shared with e2e-consumer (${consumer}). Each must accept before the image shows in its list.`);
    // The row moves from Private to Shared, and says who it is shared with.
    await waitForImage([ERIN, 'My images', SHARED], (r) => /^1 pending\b/.test(r.description), 'saying "1 pending"');
    const { row: stale, rows } = await findRow(page, [ERIN, 'My images', PRIVATE, name]);
    assert.equal(stale, undefined, `still under Private:\n${formatTree(rows)}`);
    // Glance holds it: shared, with frank's project as a pending member.
    assert.equal((await erin.glance.getImage(image.id)).visibility, 'shared');
    assert.deepEqual(await members(), [[consumer, 'pending']]);
    await collapsePath([ERIN, 'My images', PRIVATE]);
    await waitForImage([ERIN, 'My images', SHARED]);
    await shoot('sharing-04-erin-shared');
  });

  it('3 · frank: the share waits under Pending with a badge; Accept, then Reject, move it', async () => {
    const pendingPath = [FRANK, 'Shared with me', PENDING];
    // After a share the extension reloads the member project's scopes; Refresh only if it has not.
    try {
      await waitForImage(pendingPath, undefined, '', 20_000);
    } catch {
      await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
      await waitForImage(pendingPath);
    }
    // The badge counts the shares waiting in both scopes: the sum their groups announce. Its
    // tooltip says the number. The e2e projects hold only this suite's shares: a few.
    let expected = -1;
    const counted = (label: string) => Number(/(\d+) images? shared with you waiting for Accept or Reject/.exec(label)?.[1] ?? -1);
    const badge = await poll(
      async () => {
        const rows = await outline();
        expected = pendingOf(rows, ERIN) + pendingOf(rows, FRANK);
        return activityBarBadge(page);
      },
      (b) => b !== undefined && expected >= 1 && counted(b.label) === expected,
      'the activity-bar badge to count the pending shares',
      60_000,
    );
    assert.ok(badge);
    assert.equal(badge.text, String(expected), `badge "${badge.text}", tooltip "${badge.label}"`);
    const pending = await waitForImage(pendingPath);
    await shoot('sharing-05-frank-pending-badge');
    const entries = await openContextMenu(page, pending);
    await screenshot(page, 'sharing-06-frank-pending-menu');
    await closeContextMenu(page);
    for (const entry of ['Accept', 'Reject (Hide from My List)']) {
      assert.ok(entries.includes(entry), `"${entry}" missing; the menu: ${entries.join(' | ')}`);
    }
    for (const entry of ['Share with Project(s)…', 'Set Visibility…', 'Remove Member (Unshare)…']) {
      assert.ok(!entries.includes(entry), `"${entry}" offered to the consumer; the menu: ${entries.join(' | ')}`);
    }

    await clickContextMenuEntry(page, pending, 'Accept');
    await waitForImage([FRANK, 'Shared with me', ACCEPTED]);
    let left = await findRow(page, [...pendingPath, name]);
    assert.equal(left.row, undefined, `still under Pending:\n${formatTree(left.rows)}`);
    assert.deepEqual(await members(), [[consumer, 'accepted']]);
    await collapsePath(pendingPath);
    await waitForImage([FRANK, 'Shared with me', ACCEPTED]);
    await shoot('sharing-07-frank-accepted');

    // Looked up again: collapsing Pending moved the row.
    await clickContextMenuEntry(page, await waitForImage([FRANK, 'Shared with me', ACCEPTED]), 'Reject (Hide from My List)');
    await waitForImage([FRANK, 'Shared with me', REJECTED]);
    left = await findRow(page, [FRANK, 'Shared with me', ACCEPTED, name]);
    assert.equal(left.row, undefined, `still under Accepted:\n${formatTree(left.rows)}`);
    assert.deepEqual(await members(), [[consumer, 'rejected']]);
    // Not asserted: erin's row should now say "1 rejected", but it keeps "1 pending". The
    // extension reloads the owner's scope after an answer, and a reload (Refresh too) keeps the
    // member lists it read before (ImageStore.members is never cleared).
    await collapsePath([FRANK, 'Shared with me', ACCEPTED]);
    await waitForImage([FRANK, 'Shared with me', REJECTED]);
    await shoot('sharing-08-frank-rejected');
  });

  it('4 · erin: Remove Member (Unshare)… takes frank\u2019s project off the image', async () => {
    const row = await waitForImage([ERIN, 'My images', SHARED]);
    await clickContextMenuEntry(page, row, 'Remove Member (Unshare)…');
    const member = quickPickRow(page, consumer);
    await member.waitFor({ state: 'visible' });
    assert.match(await member.innerText(), /rejected/);
    // A multi-select pick: check the member, then OK.
    await member.locator('.quick-input-list-checkbox, .monaco-custom-toggle').first().click();
    await poll(
      () => quickInput(page).locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count(),
      (n) => n === 1,
      'the member to be checked',
    );
    await shoot('sharing-09-remove-member-pick');
    await quickInput(page).locator('.quick-input-action .monaco-button', { hasText: 'OK' }).click();

    const dialog = modalDialog(page);
    await dialog.waitFor({ state: 'visible' });
    // One member: the confirmation names its project (the same wording as the members panel's).
    assert.match(await dialog.innerText(), new RegExp(`Remove e2e-consumer from "${name}"\\?`));
    await shoot('sharing-10-remove-member-confirm');
    await clickDialogButton(page, 'Remove');

    await poll(members, (m) => m.length === 0, 'Glance to hold no member of the image');
    await waitForImage([ERIN, 'My images', SHARED], (r) => /^no members\b/.test(r.description), 'saying "no members"');
    // frank: Refresh his scope; the image is in none of his groups any more.
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    await outline();
    for (const status of [PENDING, ACCEPTED, REJECTED]) {
      const group = [FRANK, 'Shared with me', status];
      await expandPath(group);
      const { row: left, rows } = await findRow(page, [...group, name]);
      assert.equal(left, undefined, `still under ${status.source}:\n${formatTree(rows)}`);
      if (status === REJECTED) {
        await waitForRow(page, group);
        await shoot('sharing-11-unshared');
      }
      await collapsePath(group);
    }
  });

  it('5 · erin: Set Visibility… community; frank finds the image under Community', async () => {
    const row = await waitForImage([ERIN, 'My images', SHARED]);
    await clickContextMenuEntry(page, row, 'Set Visibility…');
    await quickPickRow(page, 'community').first().waitFor({ state: 'visible' });
    // Each row: the visibility as its label, then a description (and for public a warning as detail).
    const choices = await quickInput(page)
      .locator('.quick-input-list .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent?.trim() ?? ''));
    // No public: only an admin role may make an image public, and erin has none (step 6).
    assert.deepEqual(choices, ['private', 'community']);
    await quickPickRow(page, /^community/).click();
    // No member is left, so no dialog should ask; confirm one if it does.
    await poll(
      async () => {
        if (await modalDialog(page).isVisible()) await clickDialogButton(page, 'Make community');
        const { row: moved, rows } = await findRow(page, [ERIN, 'My images', COMMUNITY, name]);
        if (!moved && rowAtPath(rows, [ERIN, 'My images', COMMUNITY])?.expanded === false) await expandPath([ERIN, 'My images', COMMUNITY]);
        return moved;
      },
      (moved) => moved !== undefined,
      'the image under erin\u2019s Community group',
    );
    await waitForToast(page, `"${name}" is now community.`);
    assert.equal((await erin.glance.getImage(image.id)).visibility, 'community');
    await collapsePath([ERIN, 'My images', SHARED]);

    // frank: other projects' community images load when the group opens.
    await expandPath([FRANK, 'Community']);
    await waitForImage([FRANK, 'Community'], (r) => /^from e2e-producer\b/.test(r.description), 'saying "from e2e-producer"');
    await shoot('sharing-12-community');
    // The group waited for Glance (VS Code's progress) instead of drawing a Loading row; a Refresh
    // keeps its rows until the new listing is in, and no row is registered twice.
    await clickContextMenuEntry(page, await waitForRow(page, [FRANK]), 'Refresh');
    await waitForImage([FRANK, 'Community'], (r) => /^from e2e-producer\b/.test(r.description), 'still there after a Refresh');
    const rows = await readTree(page);
    assert.ok(!rows.some((r) => /^Loading/.test(r.label) && r.level > 2), `no Loading row under a group:\n${formatTree(rows)}`);
    assert.equal(await notificationToast(page, /already registered/).count(), 0, 'no "Element with id … is already registered" error');
    // The Refresh's load has ended (My images no longer says "loading"): the next step's menu opens on a still tree.
    await waitForTree(page, (all) => rowAtPath(all, [FRANK, 'My images'])?.description === '0', 'frank\u2019s Refresh to end', 30_000);
  });

  it('6 · erin: Set Visibility… offers no public: only an admin role may, so nothing Glance refuses is offered', async () => {
    const row = await waitForImage([ERIN, 'My images', COMMUNITY]);
    await clickContextMenuEntry(page, row, 'Set Visibility…');
    await quickPickRow(page, /^private/)
      .first()
      .waitFor({ state: 'visible' });
    const choices = await quickInput(page)
      .locator('.quick-input-list .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent?.trim() ?? ''));
    assert.deepEqual(choices, ['private', 'shared']);
    await shoot('sharing-13-no-public');
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
    assert.equal((await erin.glance.getImage(image.id)).visibility, 'community');
    const still = await findRow(page, [ERIN, 'My images', COMMUNITY, name]);
    assert.ok(still.row, `not under Community any more:\n${formatTree(still.rows)}`);
  });

  it('Glance: Copy Image ID from the command palette lists the images and copies the picked one', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.server.origin });
    await page.keyboard.press('F1');
    const input = quickInput(page).locator('.quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Glance: Copy Image ID');
    await quickPickRow(page, 'Glance: Copy Image ID').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // The command's own pick: every loaded image of both scopes (on a fresh stack that can be
    // just this suite's image, so at least one).
    await poll(
      () => input.getAttribute('placeholder'),
      (p) => p === 'Copy the ID of which image?',
      'the image pick',
    );
    const listed = await poll(
      () => quickInput(page).locator('.quick-input-list .monaco-list-row').count(),
      (n) => n >= 1,
      'images in the pick',
    );
    assert.ok(listed >= 1, `${listed} images listed`);
    await input.fill(name);
    const pick = quickPickRow(page, name);
    await poll(
      () => quickInput(page).locator('.quick-input-list .monaco-list-row').count(),
      (n) => n === 1,
      `only "${name}" in the pick`,
    );
    assert.match(await pick.innerText(), new RegExp(`erin · e2e-producer · community[\\s\\S]*${image.id}`));
    await page.keyboard.press('Enter');
    await poll(
      () => statusBarText(page),
      (t) => t.includes(`Copied image ID ${image.id}`),
      'the status bar message',
      5_000,
    );
    await shoot('sharing-14-copy-image-id');
    const clipboard = await page.evaluate<string>('navigator.clipboard.readText()').catch((error: Error) => `(unreadable: ${error.message})`);
    assert.equal(clipboard, image.id);
  });
});
