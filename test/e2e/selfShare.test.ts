// Sharing with oneself by clicks: carol, in her producer scope, shares an image with her consumer
// project by picking it by name, and accepts it as that project from the notice that follows; her
// consumer scope and her producer scope both show the result without a Refresh. The clicks and
// keys are counted (the report compares them with the CLI's two RC files and copied IDs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry } from './support/contextMenu';
import { waitForNoHover, waitForToast } from './support/notifications';
import { poll } from './support/poll';
import { clickToastButton, pickerInput, pickerTitle, toastButtons, waitForPickerRow, waitForPickerRows } from './support/projectPicker';
import { quickInput } from './support/quickInput';
import { expandRow, findRow, rowAtPath, waitForRow, waitForTree, type RowMatch, type TreeRow } from './support/tree';
import { openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

const PRODUCER = 'carol-producer · producer';
const CONSUMER = 'carol-consumer · consumer';
const count = (word: string) => new RegExp(`^${word} \\(\\d+\\)$`);

function settled(rows: readonly TreeRow[]): boolean {
  const groups = rows.filter((r) => r.level === 2 && (r.label === 'My images' || r.label === 'Shared with me'));
  return (
    [PRODUCER, CONSUMER].every((root) => rows.some((r) => r.level === 1 && r.label === root)) &&
    groups.length === 4 &&
    groups.every((g) => /^\d+/.test(g.description) && !/loading/.test(g.description)) &&
    !rows.some((r) => /^Loading/.test(r.label) || /loading/.test(r.description))
  );
}

describe('share with yourself by clicks: carol picks her consumer project by name and accepts in one step', function () {
  this.timeout(300_000);

  let wb: Workbench;
  let page: Page;
  let dir: string;
  let carol: TestConnection;
  let image: GlanceImage;
  const consumer = stackIds().projects.consumer;
  /** What the user did, counted as they do it. */
  const done = { clicks: 0, keys: 0, typed: [] as string[] };

  async function expandPath(parent: readonly RowMatch[]): Promise<void> {
    for (let depth = 1; depth <= parent.length; depth++) {
      const { row } = await findRow(page, parent.slice(0, depth));
      if (row?.expanded === false) await expandRow(await waitForRow(page, parent.slice(0, depth)));
    }
  }

  /** The image's row under `parent`, once `accept` holds for it; no Refresh is ever clicked. */
  async function waitForImage(parent: readonly RowMatch[], accept: (row: TreeRow) => boolean = () => true, what = '') {
    const name = image.name ?? image.id;
    await poll(
      async () => {
        const { row, rows } = await findRow(page, [...parent, name]);
        if (!row && parent.some((_, depth) => rowAtPath(rows, parent.slice(0, depth + 1))?.expanded === false)) await expandPath(parent);
        return row;
      },
      (row) => row !== undefined && accept(row),
      `"${name}" under ${parent.map(String).join(' › ')} ${what}`,
      60_000,
    );
    return waitForRow(page, [...parent, name]);
  }

  async function shoot(file: string): Promise<void> {
    await screenshot(page, file);
  }

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-self-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { 'carol-producer': stack.clouds['carol-producer'], 'carol-consumer': stack.clouds['carol-consumer'] } }));
    carol = await connectAs('carol-producer');
    // Glance's default visibility, as `openstack image create` leaves it.
    image = await createImage(carol, `${uniqueName('e2e')}-self`, 'shared');
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
    page = wb.page;
    await openContainer(page);
    await resizeSideBar(page, 560);
    await waitForTree(page, settled, 'carol\u2019s two scopes signed in and listed', 90_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const file = await screenshot(page, `failed-${this.currentTest.fullTitle()}`);
      console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
    }
  });

  after(async function () {
    await wb?.close();
    if (carol && image) await deleteImage(carol, image.id).catch((error: Error) => console.log(`      could not delete ${image.id}: ${error.message}`));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the picker offers carol\u2019s consumer project by name, marked as hers; Enter shares; "Accept as consumer" accepts; both scopes follow without Refresh', async () => {
    const row = await waitForImage([PRODUCER, 'My images', count('Shared')]);
    await clickContextMenuEntry(page, row, 'Share with Project(s)…');
    done.clicks += 2; // right-click, the menu entry
    await quickInput(page).waitFor({ state: 'visible' });
    assert.match(await pickerTitle(page), /^Share ".*-self" with projects$/);
    // Before typing: her own other project is offered, marked, with its ID.
    const offered = await waitForPickerRows(page, (rows) => rows.some((r) => r.startsWith('consumer')), 'consumer offered');
    const consumerRow = offered.find((r) => r.startsWith('consumer'))!;
    assert.match(consumerRow, new RegExp(`^consumer.*${consumer}.*you are a member`));
    assert.ok(!offered.some((r) => r.startsWith('producer')), `the owner project is not offered: ${offered.join(' / ')}`);
    // By name: she types it.
    await pickerInput(page).fill('consumer');
    done.typed.push('consumer');
    await waitForPickerRow(page, /you are a member/);
    await page.mouse.move(1100, 600);
    await waitForNoHover(page);
    await shoot('picker-01-by-name');
    await page.keyboard.press('Enter');
    done.keys += 1;
    await quickInput(page).waitFor({ state: 'hidden' });

    // The notice names the project and offers to accept as it.
    const notice = /Shared with consumer \(/;
    const toast = await waitForToast(page, notice, 60_000);
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), new RegExp(`Shared with consumer \\(${consumer}\\)`));
    assert.deepEqual((await toastButtons(page, notice)).slice(0, 1), ['Accept as consumer']);
    await shoot('picker-02-accept-offer');
    await clickToastButton(page, notice, 'Accept as consumer');
    done.clicks += 1;
    await waitForToast(page, /and accepted it as consumer: it is in consumer\u2019s image list now/, 60_000);

    // Both sides, no Refresh: the consumer's Accepted group; the producer's row says "1 accepted".
    await waitForImage([CONSUMER, 'Shared with me', count('Accepted')]);
    await waitForImage([PRODUCER, 'My images', count('Shared')], (r) => /^1 accepted\b/.test(r.description), 'saying "1 accepted"');
    assert.deepEqual(
      (await carol.glance.listMembers(image.id)).map((m) => [m.member_id, m.status]),
      [[consumer, 'accepted']],
    );
    await page.mouse.move(1100, 300);
    await waitForNoHover(page);
    await shoot('picker-03-self-share-both-sides');
    console.log(`      by clicks: ${done.clicks} clicks, ${done.keys} key (Enter), typed: ${done.typed.join(', ')}`);
    assert.deepEqual(done, { clicks: 3, keys: 1, typed: ['consumer'] });
  });

  it('the team’s address book, a file in the workspace, offers its project by name and note; Enter shares with its ID', async () => {
    // A consumer no identity here belongs to: only the address book knows its name.
    const partner = 'feedfacefeedfacefeedfacefeedface';
    const book = path.join(wb.server.workspaceDir, '.vscode', 'glance-share-projects.json');
    fs.mkdirSync(path.dirname(book), { recursive: true });
    fs.writeFileSync(
      book,
      JSON.stringify({ projects: [{ name: 'payments-team', id: partner, cloud: 'carol-producer', note: 'ask #payments before sharing' }] }, null, 2),
    );
    try {
      const row = await waitForImage([PRODUCER, 'My images', count('Shared')]);
      await clickContextMenuEntry(page, row, 'Share with Project(s)…');
      await quickInput(page).waitFor({ state: 'visible' });
      await pickerInput(page).fill('payments');
      const rows = await waitForPickerRows(page, (r) => r.some((x) => x.startsWith('payments-team')), 'the address book entry');
      assert.match(
        rows.find((r) => r.startsWith('payments-team'))!,
        // Label and description share a line ("payments-team <id>"), then the source and the note.
        new RegExp(`^payments-team\\s*${partner} \\| address book — ask #payments before sharing$`),
      );
      await shoot('picker-05-address-book');
      await page.keyboard.press('Enter');
      await quickInput(page).waitFor({ state: 'hidden' });
      await waitForToast(page, new RegExp(`Shared with payments-team \\(${partner}\\)`), 60_000);
      assert.ok(
        (await carol.glance.listMembers(image.id)).some((m) => m.member_id === partner && m.status === 'pending'),
        'Glance has the address book’s project as a pending member',
      );
    } finally {
      // A failure above must not leave the picker open for the next test.
      if (await quickInput(page).isVisible()) await page.keyboard.press('Escape');
      fs.rmSync(book, { force: true });
      await carol.glance.removeMember(image.id, partner).catch(() => undefined);
    }
  });

  it('a name nobody here knows: the picker says how to get the ID and offers nothing to send', async () => {
    const before = (await carol.glance.listMembers(image.id)).map((m) => m.member_id);
    const row = await waitForImage([PRODUCER, 'My images', count('Shared')]);
    await clickContextMenuEntry(page, row, 'Share with Project(s)…');
    await quickInput(page).waitFor({ state: 'visible' });
    await pickerInput(page).fill('payments-team');
    const rows = await waitForPickerRows(page, (r) => r.some((x) => /Glance needs the project ID/.test(x)), 'the advice');
    assert.ok(
      rows.some((r) => /Keystone does not let this identity look projects up by name/.test(r)),
      rows.join(' / '),
    );
    await shoot('picker-04-unknown-name');
    // Enter on the advice shares nothing: the picker stays.
    await page.keyboard.press('Enter');
    assert.ok(await quickInput(page).isVisible());
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
    assert.deepEqual(
      (await carol.glance.listMembers(image.id)).map((m) => m.member_id),
      before,
      'no member added',
    );
  });
});
