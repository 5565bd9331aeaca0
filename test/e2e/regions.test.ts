// A cloud with two regions as a person sees it: one root row per region, each naming its region.
// The clouds file is erin's from the stack, once as it is (one region) and once with a regions list.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { waitForTree } from './support/tree';
import { openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';
import { stackCloudsFile } from '../vscode/stackEnv';

describe('regions in the workbench', function () {
  let wb: Workbench;
  let dir: string;

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, Record<string, unknown>> };
    const { region_name: _region, ...erinAnywhere } = structuredClone(stack.clouds.erin);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-regions-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: stack.clouds.erin, 'erin-regions': { ...erinAnywhere, regions: ['RegionOne', 'RegionTwo'] } } }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
  });

  after(async function () {
    await wb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a row per region of the two-region cloud, and the one-region cloud as before', async () => {
    await openContainer(wb.page);
    const wanted = ['erin · e2e-producer', 'erin-regions · RegionOne · e2e-producer', 'erin-regions · RegionTwo · e2e-producer'];
    const rows = await waitForTree(
      wb.page,
      (r) => wanted.every((c) => r.some((x) => x.level === 1 && x.label === c && x.description !== 'connecting…')),
      'every scope to sign in',
    );
    assert.deepEqual(
      rows.filter((r) => r.level === 1).map((r) => `${r.label} — ${r.description}`),
      ['erin · e2e-producer — erin · RegionOne', 'erin-regions · RegionOne · e2e-producer — erin', 'erin-regions · RegionTwo · e2e-producer — erin'],
    );
    await screenshot(wb.page, 'regions-two-region-cloud');
  });
});
