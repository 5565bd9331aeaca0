// Smoke suite for the packaged extension in the real workbench: what only the screen shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { contextMenuEntries } from './support/contextMenu';
import { visibleOutputChannel } from './support/panel';
import { poll } from './support/poll';
import { runCommand } from './support/quickInput';
import { formatTree, waitForTree } from './support/tree';
import { activityBarEntry, openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';
import { repoRoot } from '../vscode/codeServer';
import { stackCloudsFile } from '../vscode/stackEnv';

/** The cloud names in the stack's clouds.yaml, in file order. */
function stackClouds(): Record<string, { regions?: unknown[] }> {
  return (parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, { regions?: unknown[] }> }).clouds;
}

function stackCloudNames(): string[] {
  return Object.keys(stackClouds());
}

/** One root row per cloud and region: a cloud with a `regions:` list has a row for each. */
function expectedRootRows(): number {
  return Object.values(stackClouds()).reduce((n, cloud) => n + (Array.isArray(cloud.regions) ? cloud.regions.length : 1), 0);
}

/** A root row belongs to a cloud when its label starts with the cloud's name as a whole word. */
function rootLabelFor(cloud: string, labels: readonly string[]): string | undefined {
  const pattern = new RegExp(`^${cloud.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`);
  return labels.find((l) => pattern.test(l));
}

describe('workbench (packaged extension in VS Code 1.100.3)', function () {
  let wb: Workbench;

  before(async function () {
    wb = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      const file = await screenshot(wb.page, `failed-${this.currentTest.fullTitle()}`);
      console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
    }
  });

  after(async function () {
    await wb?.close();
  });

  it('has an "OpenStack Images" activity-bar entry', async () => {
    await activityBarEntry(wb.page).waitFor({ state: 'visible' });
  });

  it('shows the Images view when the entry is clicked', async () => {
    const view = await openContainer(wb.page);
    assert.ok(await view.isVisible());
    const title = await wb.page.locator('.part.sidebar .composite.title').innerText();
    assert.match(title, /OpenStack Images/i);
    // Leave no hover tooltip over the tree for the screenshots.
    await wb.page.mouse.move(700, 450);
  });

  it('shows one root row per cloud and region in OS_CLIENT_CONFIG_FILE', async () => {
    const clouds = stackCloudNames();
    assert.ok(clouds.includes('alice') && clouds.includes('bob') && clouds.includes('carol-producer'), `unexpected stack clouds: ${clouds}`);
    const rows = await waitForTree(
      wb.page,
      (r) =>
        clouds.every((c) =>
          rootLabelFor(
            c,
            r.filter((x) => x.level === 1).map((x) => x.label),
          ),
        ),
      `a root row for each of ${clouds.join(', ')}`,
    );
    const roots = rows.filter((r) => r.level === 1).map((r) => r.label);
    assert.equal(roots.length, expectedRootRows(), `root rows: ${roots.join(' | ')}`);
    // Every cloud signs in: no row keeps "Connecting…", and a connected scope shows its groups.
    const settled = await waitForTree(wb.page, (r) => r.filter((x) => x.level === 1).every((x) => x.description !== 'connecting…'), 'every cloud to sign in');
    // The stack has two regions: a one-region cloud's row says its region after the user ("-r2" clouds
    // sign in to RegionTwo); a cloud with several regions names the region in the row's title instead.
    const signedIn = (x: { label: string; description: string }) =>
      / · Region(One|Two)$/.test(x.description) || (/ · Region(One|Two) · /.test(x.label) && /^[\w-]+$/.test(x.description));
    const notConnected = settled.filter((x) => x.level === 1 && !signedIn(x));
    assert.deepEqual(notConnected, [], `root rows not signed in:\n${formatTree(settled)}`);
    await wb.page.mouse.move(700, 450);
    const file = await screenshot(wb.page, 'workbench-clouds');
    assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
  });

  it("offers Refresh on a cloud's root row and hides scope-only removal", async () => {
    await openContainer(wb.page);
    const rows = await waitForTree(wb.page, (r) => r.some((x) => x.level === 1), 'root rows');
    const alice = rootLabelFor(
      'alice',
      rows.filter((r) => r.level === 1).map((r) => r.label),
    );
    assert.ok(alice, 'no root row for cloud alice');
    const entries = await contextMenuEntries(wb.page, alice);
    assert.ok(entries.includes('Refresh'), `context menu of "${alice}": ${entries.join(', ')}`);
    // "Hide Project Scope" is only for scopes the user added; a fresh profile has none.
    assert.ok(!entries.includes('Hide Project Scope'), `context menu of "${alice}": ${entries.join(', ')}`);
  });

  it('opens its log from the command palette', async () => {
    await runCommand(wb.page, 'Glance: Show Log');
    await wb.page.locator('.part.panel').waitFor({ state: 'visible' });
    const channel = await poll(
      () => visibleOutputChannel(wb.page),
      (c) => c === 'Glance Image Sharing',
      'the Output panel to show the log',
      10_000,
    ).catch(() => visibleOutputChannel(wb.page));
    assert.equal(channel, 'Glance Image Sharing');
    await screenshot(wb.page, 'workbench-log');
  });
});
