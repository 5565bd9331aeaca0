// Offboarding by clicks: erin asks "What Did I Share with a Project…" from her scope row, picks
// frank's project in the project picker, reads the list, chooses "Remove … from All", reads the
// plan and confirms; then "Remove a Project from All My Images…" from the command palette with a
// pasted project ID. After each, the `openstack` CLI (the reference) and both trees agree: the
// members are gone from erin's images and the shares from frank's list, and nothing else changed.
// Screenshots: .test-output/screenshots/offboarding-*.png.
import { skipAfterFirstFailure } from './support/steps';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { GlanceImage } from '../../src/openstack';
import { stackIds, uniqueName } from '../support/stack';
import { ERIN, ErinAndFrank, FRANK } from './support/erinAndFrank';
import { cliMembers } from './support/cli';
import { clickContextMenuEntry } from './support/contextMenu';
import { activeEditorText, activeTabIsUntitled, closeEditors } from './support/editor';
import { clickDialogButton, dialogButtons, modalDialog, waitForToast } from './support/notifications';
import { clickToastButton, pickerInput, pickerRows, pickerTitle, waitForPickerRow, waitForPickerRows } from './support/projectPicker';
import { poll } from './support/poll';
import { pickRowByLabel, quickInput, waitForPlaceholder, runCommand } from './support/quickInput';
import { rowAtPath, waitForRow, waitForRowExpanding, waitForTree } from './support/tree';
import { screenshotAtRest, screenshotIfFailed } from './support/workbench';

const SHARED = /^Shared \(\d+\)$/;

describe('offboarding by clicks: what did I share with a project, and remove it from all my images', function () {
  this.timeout(300_000);
  skipAfterFirstFailure();

  let users: ErinAndFrank;
  let page: Page;
  const consumer = stackIds().projects['e2e-consumer'];
  const stranger = randomBytes(16).toString('hex');
  const prefix = uniqueName('e2e-offboard');
  /** a: frank accepted; b: frank pending and the stranger; c: the stranger only; d: nobody but another stranger. */
  const images: Record<'a' | 'b' | 'c' | 'd', GlanceImage> = {} as Record<'a' | 'b' | 'c' | 'd', GlanceImage>;
  const other = randomBytes(16).toString('hex');
  const members = (key: keyof typeof images) => cliMembers('erin', images[key].id);

  const shoot = (file: string) => screenshotAtRest(page, file);

  /** Waits until each of erin's rows (My images › Shared, opened if need be) has this member summary in its description. */
  async function erinSummaries(expected: Partial<Record<keyof typeof images, string>>): Promise<void> {
    const keys = Object.keys(expected) as Array<keyof typeof images>;
    const at = (key: keyof typeof images) => [ERIN, 'My images', SHARED, images[key].name ?? ''];
    for (const key of keys) await waitForRowExpanding(page, at(key));
    await waitForTree(
      page,
      (rows) => keys.every((key) => (rowAtPath(rows, at(key))?.description ?? '').split(' \u00b7 ').includes(expected[key] ?? '')),
      `erin's rows to read ${JSON.stringify(expected)}`,
    );
  }

  before(async function () {
    users = await ErinAndFrank.connect();
    const { erin, frank } = users;
    for (const key of ['a', 'b', 'c', 'd'] as const) images[key] = await users.image(`${prefix}-${key}`, 'shared');
    await erin.glance.addMember(images.a.id, consumer);
    await frank.glance.updateMemberStatus(images.a.id, consumer, 'accepted');
    await erin.glance.addMember(images.b.id, consumer);
    await erin.glance.addMember(images.b.id, stranger);
    await erin.glance.addMember(images.c.id, stranger);
    await erin.glance.addMember(images.d.id, other);
    page = (await users.open('gs-e2e-offboard-', 560)).page;
    await waitForRowExpanding(page, [FRANK, 'Shared with me', /^Accepted \(\d+\)$/, images.a.name ?? '']);
    await waitForRowExpanding(page, [FRANK, 'Shared with me', /^Pending \(\d+\)$/, images.b.name ?? '']);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await users?.close();
  });

  it('"What Did I Share with a Project…" from erin\u2019s row: frank\u2019s project picked, its two images listed pending first, Remove from All, the plan, and Glance and both trees follow', async () => {
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'What Did I Share with a Project…');
    await quickInput(page).waitFor({ state: 'visible' });
    assert.equal(await pickerTitle(page), 'What did I share with which project?');
    // frank's project by its name (frank is signed in): a click on its row takes it.
    const project = await waitForPickerRow(page, consumer);
    assert.match((await pickerRows(page)).find((r) => r.includes(consumer)) ?? '', new RegExp(`^e2e-consumer( \\| )?${consumer}\\b`));
    await shoot('offboarding-01-project-picker');
    await project.click();

    // The list: b (pending) before a (accepted), each with its status and since when; then the removal.
    const rows = await waitForPickerRows(page, (all) => all.some((r) => r.startsWith('Remove e2e-consumer from All')), 'the images shared with e2e-consumer', 60_000);
    await waitForPlaceholder(page, 'Shared with e2e-consumer: 2 images. Pick one to see its members.');
    const today = new Date().toISOString().slice(0, 10);
    // A row's text: the label, its description (drawn beside it, no separator) | the detail.
    assert.equal(rows.length, 3, rows.join('\n'));
    assert.match(rows[0], new RegExp(`^${images.b.name}( \\| )?pending since ${today} \\| ${images.b.id}$`));
    assert.match(rows[1], new RegExp(`^${images.a.name}( \\| )?accepted since ${today} \\| ${images.a.id}$`));
    assert.equal(rows[2], 'Remove e2e-consumer from All 2 images…');
    await shoot('offboarding-02-what-did-i-share');
    await (await pickRowByLabel(page, 'Remove e2e-consumer from All 2 images…')).click();

    // The plan, before anything changes.
    await modalDialog(page).waitFor({ state: 'visible', timeout: 30_000 });
    const plan = (await modalDialog(page).innerText()).replace(/\r/g, '');
    assert.match(plan, /Remove e2e-consumer from 2 images\?/);
    assert.match(plan, new RegExp(`\u2022 ${images.b.name} \\(pending since ${today}\\)\\s*\u2022 ${images.a.name} \\(accepted since ${today}\\)`));
    assert.match(plan, /The project loses access to them at once/);
    assert.ok((await dialogButtons(page)).includes('Remove from All'), (await dialogButtons(page)).join(' | '));
    assert.equal(members('a')[consumer], 'accepted', 'nothing changed before the answer');
    await shoot('offboarding-03-plan');
    await clickDialogButton(page, 'Remove from All');

    await waitForToast(page, 'e2e-consumer removed from 2 images.', 60_000);
    await shoot('offboarding-04-done');
    // Glance, by the CLI: frank's project gone from a and b, the stranger kept on b and c, d untouched.
    assert.deepEqual(members('a'), {});
    assert.deepEqual(members('b'), { [stranger]: 'pending' });
    assert.deepEqual(members('c'), { [stranger]: 'pending' });
    assert.deepEqual(members('d'), { [other]: 'pending' });
    // frank's tree: neither share is listed any more, without a Refresh.
    await waitForTree(
      page,
      (all) => {
        const frankRows = all.slice(all.findIndex((r) => r.level === 1 && r.label === FRANK));
        return frankRows.length > 0 && !frankRows.some((r) => r.label === images.a.name || r.label === images.b.name);
      },
      `frank's tree without ${images.a.name} and ${images.b.name}`,
      60_000,
    );
    // erin's tree: each row's member summary read again from Glance.
    await erinSummaries({ a: 'no members', b: '1 pending' });

    // Show Results: the per-image report as a Markdown document.
    await clickToastButton(page, 'e2e-consumer removed from 2 images.', 'Show Results');
    await poll(() => activeTabIsUntitled(page), Boolean, 'the results document', 60_000);
    const report = await activeEditorText(page, users.origin);
    assert.match(report, new RegExp(`^# Removing \`e2e-consumer\` \\(\`${consumer}\`\\) from my images$`, 'm'));
    assert.match(report, new RegExp(`^\\| \`${images.b.name}\` \\| \`${images.b.id}\` \\| pending \\| removed \\|$`, 'm'));
    assert.match(report, new RegExp(`^\\| \`${images.a.name}\` \\| \`${images.a.id}\` \\| accepted \\| removed \\|$`, 'm'));
    await shoot('offboarding-05-results');
    await closeEditors(page);
  });

  it('"Remove a Project from All My Images…" from the palette with a pasted ID: erin\u2019s scope picked, the plan names both images, and only that member goes', async () => {
    await runCommand(page, 'Glance: Remove a Project from All My Images…');
    // Two scopes are connected: the command asks which one's images.
    await waitForPlaceholder(page, 'Remove a project from the images of which scope?');
    await (await pickRowByLabel(page, ERIN)).click();
    await poll(
      () => pickerTitle(page),
      (t) => t === 'Remove which project from all my images?',
      'the project picker',
    );
    await pickerInput(page).fill(stranger);
    await waitForPickerRow(page, stranger);
    await shoot('offboarding-06-pasted-id');
    await page.keyboard.press('Enter');

    await modalDialog(page).waitFor({ state: 'visible', timeout: 60_000 });
    const plan = (await modalDialog(page).innerText()).replace(/\r/g, '');
    // A project no scope or address book names is shown by its ID.
    assert.match(plan, new RegExp(`Remove ${stranger} from 2 images\\?`));
    assert.match(plan, new RegExp(`\u2022 ${images.b.name} \\(pending since [\\d-]+\\)\\s*\u2022 ${images.c.name} \\(pending since [\\d-]+\\)`));
    assert.doesNotMatch(plan, new RegExp(`${images.d.name}`));
    await shoot('offboarding-07-plan-by-id');
    await clickDialogButton(page, 'Remove from All');

    await waitForToast(page, `${stranger} removed from 2 images.`, 60_000);
    assert.deepEqual(members('b'), {});
    assert.deepEqual(members('c'), {});
    assert.deepEqual(members('d'), { [other]: 'pending' }, 'the image the project was not a member of is untouched');
    await erinSummaries({ b: 'no members', c: 'no members' });
    await shoot('offboarding-08-done-by-id');
  });

  it('asked again, the project that left has nothing shared with it', async () => {
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'What Did I Share with a Project…');
    await (await waitForPickerRow(page, consumer)).click();
    await waitForToast(page, 'None of this project\u2019s images is shared with e2e-consumer.', 60_000);
    await shoot('offboarding-09-nothing-left');
  });
});
