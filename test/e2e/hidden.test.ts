// A hidden share (os_hidden) as a person sees it in the workbench: under the consumer's Pending,
// marked "hidden", and the owner's copy under My images › Shared marked the same. Screenshot:
// .test-output/screenshots/hidden-share.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { GlanceImage } from '../../src/openstack';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';
import { stackCloudsFile } from '../vscode/stackEnv';
import { expandRow, waitForRow, waitForTree, rowAtPath } from './support/tree';
import { openContainer, openWorkbench, resizeSideBar, screenshot, type Workbench } from './support/workbench';

describe('a hidden share in the workbench', function () {
  let wb: Workbench;
  let dir: string;
  let erin: TestConnection;
  let image: GlanceImage;

  before(async function () {
    erin = await connectAs('erin');
    image = await createImage(erin, uniqueName('e2e-hidden'), 'shared');
    await erin.glance.addMember(image.id, stackIds().projects['e2e-consumer']);
    await erin.glance.setHidden(image.id, true);
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-hidden-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, frank: stack.clouds.frank } }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
  });

  after(async function () {
    await wb?.close();
    if (image) await deleteImage(erin, image.id);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    erin?.dispose();
  });

  it('shows the hidden share under frank\u2019s Pending and erin\u2019s Shared, both marked hidden', async () => {
    await openContainer(wb.page);
    const pendingPath = ['frank · e2e-consumer', 'Shared with me', /^Pending \(\d+\)$/, image.name ?? ''];
    const rows = await waitForTree(wb.page, (r) => !!rowAtPath(r, pendingPath), 'the hidden share under Pending');
    assert.match(rowAtPath(rows, pendingPath)?.description ?? '', /· hidden/);
    await expandRow(await waitForRow(wb.page, ['erin · e2e-producer', 'My images', /^Shared \(\d+\)$/]));
    const ownPath = ['erin · e2e-producer', 'My images', /^Shared \(\d+\)$/, image.name ?? ''];
    const after = await waitForTree(wb.page, (r) => !!rowAtPath(r, ownPath), 'the owner\u2019s hidden image');
    assert.match(rowAtPath(after, ownPath)?.description ?? '', /hidden/);
    // Wide enough that the rows' descriptions ("from … · hidden") are not cut off.
    await resizeSideBar(wb.page, 620);
    await screenshot(wb.page, 'hidden-share');
  });
});
