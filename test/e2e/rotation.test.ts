// Golden-image rotation by clicks: erin right-clicks a new image, "Publish New Version…", picks the
// old one, chooses whom to carry over, reads the plan and confirms; the notices open in a new
// document; then she decides about the old image (hide it, or make it private with its members
// removed first), confirms, and reads what was done. And "Share with the Same Projects as…". The
// `openstack` CLI is the reference for what Glance holds afterwards; frank's tree shows each new
// share under Pending without a Refresh. Screenshots: .test-output/screenshots/rotation-*.png.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { GlanceImage } from '../../src/openstack';
import { stackIds, uniqueName } from '../support/stack';
import { ERIN, ErinAndFrank, FRANK } from './support/erinAndFrank';
import { cliImage, cliMembers } from './support/cli';
import { clickContextMenuEntry } from './support/contextMenu';
import { activeEditorText, activeTabIsUntitled, closeEditors } from './support/editor';
import { clickDialogButton, dialogButtons, modalDialog, waitForNotificationInCenter, waitForToast } from './support/notifications';
import { pickerRows, waitForPickerRows } from './support/projectPicker';
import { poll } from './support/poll';
import { pickRowByLabel, quickInput, waitForPlaceholder } from './support/quickInput';
import { rowAtPath, waitForRow, waitForRowExpanding, waitForTree, type RowMatch } from './support/tree';
import { screenshotAtRest, screenshotIfFailed } from './support/workbench';

const PRIVATE = /^Private \(\d+\)$/;
const SHARED = /^Shared \(\d+\)$/;
const PENDING = /^Pending \(\d+\)$/;

type Key = 'v1' | 'v2' | 'w1' | 'w2' | 'src' | 'copy';

describe('golden-image rotation by clicks: Publish New Version… and Share with the Same Projects as…', function () {
  this.timeout(300_000);

  let users: ErinAndFrank;
  let page: Page;
  const consumer = stackIds().projects['e2e-consumer'];
  const stranger = randomBytes(16).toString('hex');
  const prefix = uniqueName('e2e-rotate');
  const images = {} as Record<Key, GlanceImage>;
  const name = (key: Key) => images[key].name ?? '';

  const shoot = (file: string) => screenshotAtRest(page, file);

  /** Right-clicks one of erin's images (under My images › `group`, opened if need be) and runs `entry`. */
  async function onErinImage(group: RegExp, key: Key, entry: string): Promise<void> {
    const at: RowMatch[] = [ERIN, 'My images', group, name(key)];
    await waitForRowExpanding(page, at);
    await clickContextMenuEntry(page, await waitForRow(page, at), entry);
  }

  /** The modal's whole text once it shows. */
  async function modalText(): Promise<string> {
    await modalDialog(page).waitFor({ state: 'visible', timeout: 60_000 });
    return (await modalDialog(page).innerText()).replace(/\r/g, '');
  }

  before(async function () {
    users = await ErinAndFrank.connect();
    const { erin, frank } = users;
    const make = async (key: Key, visibility: 'private' | 'shared') => (images[key] = await users.image(`${prefix}-${key}`, visibility));
    // v1 → v2: v1 accepted by frank, pending for a stranger; v2 private. w1 → w2: w1 accepted by frank; w2 shared, no members.
    await make('v1', 'shared');
    await make('v2', 'private');
    await make('w1', 'shared');
    await make('w2', 'shared');
    // src has two members; copy (private) gets the same ones.
    await make('src', 'shared');
    await make('copy', 'private');
    for (const key of ['v1', 'w1', 'src'] as const) {
      await erin.glance.addMember(images[key].id, consumer);
      await frank.glance.updateMemberStatus(images[key].id, consumer, 'accepted');
    }
    await erin.glance.addMember(images.v1.id, stranger);
    await erin.glance.addMember(images.src.id, stranger);
    page = (await users.open('gs-e2e-rotate-', 560)).page;
    await waitForRowExpanding(page, [FRANK, 'Shared with me', /^Accepted \(\d+\)$/, name('v1')]);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
    if (page) {
      // A test that failed mid-way may leave a modal or a pick open: the next one starts clean.
      if (await modalDialog(page).isVisible()) await page.keyboard.press('Escape');
      if (await quickInput(page).isVisible()) await page.keyboard.press('Escape');
      await closeEditors(page);
    }
  });

  after(async function () {
    await users?.close();
  });

  it('Publish New Version… on a private image: to the project that accepted the old one (not the pending one), made shared first, notices in a document, the old one hidden', async () => {
    await onErinImage(PRIVATE, 'v2', 'Publish New Version…');
    await waitForPlaceholder(page, `"${name('v2')}" is the new version of which image?`);
    await shoot('rotation-01-pick-old');
    await (await pickRowByLabel(page, name('v1'))).click();

    // The old image has one accepted and one pending member: whom to carry over.
    await waitForPlaceholder(page, `Share "${name('v2')}" with which members of "${name('v1')}"?`);
    assert.deepEqual(await pickerRows(page), [
      'The 1 project that accepted it | Those who use the old version.',
      'Those and the 1 still pending | 2 projects: the pending ones have not answered the old share.',
    ]);
    await shoot('rotation-02-whom');
    await (await pickRowByLabel(page, 'The 1 project that accepted it')).click();

    // The plan: the private image made shared first, frank's project to add.
    const plan = await modalText();
    assert.match(plan, new RegExp(`"${name('v2')}" is private\\. Only shared images can have members\\.`));
    assert.match(plan, new RegExp(`1 member to add:\\s*\u2022 ${name('v2')} \u2192 e2e-consumer`));
    assert.doesNotMatch(plan, new RegExp(stranger), 'the pending project is not carried over');
    assert.ok((await dialogButtons(page)).includes('Make Shared and Share'), (await dialogButtons(page)).join(' | '));
    assert.equal(cliImage('erin', images.v2.id).visibility, 'private', 'nothing changed before the answer');
    await shoot('rotation-03-plan');
    await clickDialogButton(page, 'Make Shared and Share');

    // The old image: what this scope may do with it.
    await waitForPlaceholder(page, `And the old version, "${name('v1')}"?`);
    const choices = await waitForPickerRows(page, (rows) => rows.length >= 4, 'the choices for the old image');
    assert.deepEqual(
      choices.map((r) => r.split(' | ')[0]),
      ['Leave the old image as it is', 'Hide the old image', 'Make the old image community', 'Make the old image private'],
    );
    assert.match(choices[3], /Only this project can use it; its 2 members removed first\./);
    await waitForToast(page, `"${name('v2')}" is shared with 1 consumer of "${name('v1')}"`);
    await shoot('rotation-04-old-choices');
    await (await pickRowByLabel(page, 'Hide the old image')).click();

    const hide = await modalText();
    assert.match(hide, new RegExp(`Hide "${name('v1')}"\\?`));
    assert.match(hide, /Its members stay\./);
    await shoot('rotation-05-hide-confirm');
    await clickDialogButton(page, 'Hide');
    await waitForToast(page, `Old image "${name('v1')}": hidden.`, 60_000);
    await shoot('rotation-06-hidden');

    // Glance, by the CLI: v2 shared with frank's project only, pending; v1 hidden with both members kept.
    assert.equal(cliImage('erin', images.v2.id).visibility, 'shared');
    assert.deepEqual(cliMembers('erin', images.v2.id), { [consumer]: 'pending' });
    assert.equal((cliImage('erin', images.v1.id).properties as Record<string, unknown> | undefined)?.os_hidden, true);
    assert.deepEqual(cliMembers('erin', images.v1.id), { [consumer]: 'accepted', [stranger]: 'pending' });

    // frank's tree: the new version waits under Pending; erin's marks the old one hidden.
    await waitForRowExpanding(page, [FRANK, 'Shared with me', PENDING, name('v2')]);
    const v1Path = [ERIN, 'My images', SHARED, name('v1')];
    await waitForRowExpanding(page, v1Path);
    await waitForTree(page, (rows) => /(^|· )hidden( ·|$)/.test(rowAtPath(rows, v1Path)?.description ?? ''), 'erin\u2019s v1 marked hidden');
    await shoot('rotation-07-trees');

    // The notices document: one block for frank's project, naming the old and the new image.
    assert.ok(await activeTabIsUntitled(page), 'the notices are an untitled document in front');
    const notices = await activeEditorText(page, users.origin);
    assert.match(notices, new RegExp(`^----- To e2e-consumer \\(${consumer}\\) -----$`, 'm'));
    assert.match(notices, new RegExp(`A new version of "${name('v1')}" \\(${images.v1.id}\\) is out\\.`));
    assert.ok(notices.includes(images.v2.id), notices);
    assert.doesNotMatch(notices, new RegExp(stranger), 'no notice for the pending project');
  });

  it('Publish New Version… on a shared image whose old one has only accepted members: no whom-question; the old one made private, its member removed first', async () => {
    await onErinImage(SHARED, 'w2', 'Publish New Version…');
    await waitForPlaceholder(page, `"${name('w2')}" is the new version of which image?`);
    await (await pickRowByLabel(page, name('w1'))).click();

    const plan = await modalText();
    assert.match(plan, /Share 1 image with 1 project: 1 member to add\?/);
    assert.ok((await dialogButtons(page)).includes('Share'), (await dialogButtons(page)).join(' | '));
    await shoot('rotation-08-plan-shared');
    await clickDialogButton(page, 'Share');

    await waitForPlaceholder(page, `And the old version, "${name('w1')}"?`);
    await (await pickRowByLabel(page, 'Make the old image private')).click();
    const confirm = await modalText();
    assert.match(confirm, new RegExp(`Make "${name('w1')}" private\\?`));
    assert.match(confirm, /First its 1 member is removed: they lose it at once/);
    assert.equal(cliMembers('erin', images.w1.id)[consumer], 'accepted', 'nothing changed before the answer');
    await shoot('rotation-09-private-confirm');
    await clickDialogButton(page, 'Remove Members and Make Private');
    await waitForToast(page, `Old image "${name('w1')}": 1 member removed; made private.`, 60_000);
    await shoot('rotation-10-made-private');

    assert.deepEqual(cliMembers('erin', images.w2.id), { [consumer]: 'pending' });
    assert.equal(cliImage('erin', images.w1.id).visibility, 'private');
    // Members survive visibility changes (docs/glance-behaviour.md): shared again, w1 would show
    // frank's project had it not been removed first.
    await users.erin.glance.setVisibility(images.w1.id, 'shared');
    assert.deepEqual(cliMembers('erin', images.w1.id), {});

    // frank's tree: w2 pending, w1 gone from his list.
    await waitForRowExpanding(page, [FRANK, 'Shared with me', PENDING, name('w2')]);
    await waitForTree(
      page,
      (rows) => !rows.slice(rows.findIndex((r) => r.level === 1 && r.label === FRANK)).some((r) => r.label === name('w1')),
      'w1 gone from frank\u2019s tree',
      60_000,
    );
    await shoot('rotation-11-trees');
  });

  it('Share with the Same Projects as…: a private image gets every member of the other one (accepted and pending), made shared first', async () => {
    // The tree reads an image's members once its row shows: then the pick can give src's count.
    const srcPath = [ERIN, 'My images', SHARED, name('src')];
    await waitForRowExpanding(page, srcPath);
    await waitForTree(page, (rows) => /1 accepted · 1 pending/.test(rowAtPath(rows, srcPath)?.description ?? ''), 'src\u2019s member summary');
    await onErinImage(PRIVATE, 'copy', 'Share with the Same Projects as…');
    await waitForPlaceholder(page, `Share "${name('copy')}" with the members of which image?`);
    // Each candidate with its member count, where the tree has read it.
    const srcRow = await pickRowByLabel(page, name('src'));
    await poll(
      () => srcRow.innerText(),
      (t) => /2 members/.test(t),
      'src with its 2 members',
    );
    await shoot('rotation-12-same-as-pick');
    await srcRow.click();

    const plan = await modalText();
    assert.match(plan, /Share 1 image with 2 projects: 2 members to add\?/);
    assert.match(plan, new RegExp(`\u2022 ${name('copy')} \u2192 e2e-consumer`));
    assert.match(plan, new RegExp(`\u2022 ${name('copy')} \u2192 ${stranger}`));
    assert.match(plan, new RegExp(`Made shared first[^\\n]*\\s*\u2022 ${name('copy')}`));
    await shoot('rotation-13-same-as-plan');
    await clickDialogButton(page, 'Make Shared and Share');
    // The workbench posts it, but does not draw it as a toast here (measured: it is only in the
    // notification center; see the report of issue 12): read it there.
    assert.match(
      await waitForNotificationInCenter(page, `"${name('copy')}" is shared with the same 2 projects as "${name('src')}".`, 60_000),
      /Each must accept before it shows in its list\./,
    );
    await shoot('rotation-14-same-as-done');
    assert.deepEqual(cliMembers('erin', images.copy.id), { [consumer]: 'pending', [stranger]: 'pending' });
    assert.deepEqual(cliMembers('erin', images.src.id), { [consumer]: 'accepted', [stranger]: 'pending' }, 'the source unchanged');
    await waitForRowExpanding(page, [FRANK, 'Shared with me', PENDING, name('copy')]);
  });
});
