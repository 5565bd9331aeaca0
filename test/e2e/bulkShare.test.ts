// Bulk share by clicks: erin selects two of her images (one already shared with frank's project,
// one private), shares them with two projects, and sees the plan before anything changes:
// the member already there, the image made shared first, the members to add. Screenshot:
// .test-output/screenshots/bulk-share-plan.png. Glance is checked after the click.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { stackCloudsFile } from '../vscode/stackEnv';
import { clickContextMenuEntry } from './support/contextMenu';
import { clickDialogButton, dialogButtons, modalDialog, waitForNoHover, waitForToast } from './support/notifications';
import { pickerInput, waitForCheckedPickerRow } from './support/projectPicker';
import { poll } from './support/poll';
import { expandRow, findRow, readTree, rowAtPath, waitForRow } from './support/tree';
import { openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

const ERIN = 'erin · e2e-producer';

describe('bulk share by clicks: the plan before anything changes', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let dir: string;
  let erin: TestConnection;
  let shared: GlanceImage;
  let privateOne: GlanceImage;
  const consumer = stackIds().projects['e2e-consumer'];
  const partner = randomBytes(16).toString('hex');

  before(async function () {
    erin = await connectAs('erin');
    const prefix = uniqueName('e2e-bulk');
    shared = await createImage(erin, `${prefix}-a`, 'shared');
    await erin.glance.addMember(shared.id, consumer);
    privateOne = await createImage(erin, `${prefix}-b`, 'private');
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-bulk-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin } }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
  });

  after(async function () {
    await wb?.close();
    for (const image of [shared, privateOne]) if (image) await deleteImage(erin, image.id);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    erin?.dispose();
  });

  it('two images × two projects: the modal lists the already-member, the image made shared first and the members to add; Glance then holds exactly that', async () => {
    const page = wb.page;
    await openContainer(page);
    await resizeSideBar(page, 560);
    const sharedPath = [ERIN, 'My images', /^Shared \(\d+\)$/, shared.name ?? ''];
    const privatePath = [ERIN, 'My images', /^Private \(\d+\)$/, privateOne.name ?? ''];
    // Each group opened until both rows show (a group drawn again while the scope loads may drop a click).
    await poll(
      async () => {
        const { rows } = await findRow(page, sharedPath);
        for (const path of [sharedPath, privatePath]) {
          if (rowAtPath(rows, path)) continue;
          for (let depth = 1; depth < path.length; depth++) {
            if (rowAtPath(rows, path.slice(0, depth))?.expanded === false) await expandRow(await waitForRow(page, path.slice(0, depth))).catch(() => undefined);
          }
        }
        const now = await readTree(page);
        return !!rowAtPath(now, sharedPath) && !!rowAtPath(now, privatePath);
      },
      Boolean,
      'both images to show',
      60_000,
    );
    await (await waitForRow(page, sharedPath)).click();
    const second = await waitForRow(page, privatePath);
    await second.click({ modifiers: ['ControlOrMeta'] });
    await clickContextMenuEntry(page, second, 'Share with Project(s)…');
    // Both IDs pasted at once: checked, Enter takes them.
    await pickerInput(page).fill(`${consumer} ${partner}`);
    await waitForCheckedPickerRow(page, partner);
    await page.keyboard.press('Enter');

    const dialog = modalDialog(page);
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await dialog.innerText();
    assert.match(text, /Share 2 images with 2 projects: 3 members to add\?/);
    assert.match(text, new RegExp(`Already members, left as they are:\\s*\u2022 ${shared.name} \u2192 [^\\n]*${consumer}[^\\n]* \\(pending\\)`));
    assert.match(text, new RegExp(`Made shared first[^\\n]*\\s*\u2022 ${privateOne.name}`));
    assert.match(text, new RegExp(`${privateOne.name} \u2192 ${partner}`));
    assert.ok((await dialogButtons(page)).includes('Make Shared and Share'), (await dialogButtons(page)).join(' | '));
    await page.mouse.move(1100, 300);
    await waitForNoHover(page);
    await screenshot(page, 'bulk-share-plan');
    await clickDialogButton(page, 'Make Shared and Share');

    await waitForToast(page, /Shared 2 images with 2 projects: /, 60_000);
    const members = async (image: GlanceImage) => (await erin.glance.listMembers(image.id)).map((m) => m.member_id).sort();
    assert.deepEqual(await members(shared), [consumer, partner].sort(), 'the already-member once, the new one added');
    assert.deepEqual(await members(privateOne), [consumer, partner].sort());
    assert.equal((await erin.glance.getImage(privateOne.id)).visibility, 'shared');
    await screenshot(page, 'bulk-share-done');
  });
});
