// Connections as a person sees them: the stack's producer and consumer side by side, a cloud
// with a wrong password showing an error row (not a crash), and a second project of gina's
// added through the context menu and the project picker.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { clickContextMenuEntry, contextMenuEntries } from './support/contextMenu';
import { formatTree, treeRow, waitForTree } from './support/tree';
import { openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';
import { stackCloudsFile } from '../vscode/stackEnv';

describe('connections in the workbench', function () {
  let wb: Workbench;
  let dir: string;

  before(async function () {
    const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, { auth: Record<string, unknown> }> };
    const pick = (name: string) => stack.clouds[name];
    const wrong = structuredClone(pick('frank'));
    wrong.auth.password = 'not-franks-password';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-connections-'));
    const file = path.join(dir, 'clouds.yaml');
    fs.writeFileSync(file, stringify({ clouds: { erin: pick('erin'), frank: pick('frank'), 'gina-producer': pick('gina-producer'), 'frank-typo': wrong } }));
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: file });
  });

  after(async function () {
    await wb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows erin, frank and gina signed in, and the wrong password as an error row', async () => {
    await openContainer(wb.page);
    const clouds = ['erin · e2e-producer', 'frank · e2e-consumer', 'gina-producer · e2e-producer', 'frank-typo · e2e-consumer'];
    await waitForTree(
      wb.page,
      (r) => clouds.every((c) => r.some((x) => x.level === 1 && x.label === c && x.description !== 'connecting…')),
      'every cloud to sign in or fail',
    );
    // Four scopes start collapsed; open the failed one.
    await treeRow(wb.page, 'frank-typo · e2e-consumer').click();
    const rows = await waitForTree(wb.page, (r) => r.some((x) => x.label === 'Could not connect'), 'the error row');
    const roots = rows.filter((r) => r.level === 1);
    assert.deepEqual(
      roots.map((r) => `${r.label} — ${r.description}`),
      [
        'erin · e2e-producer — erin · RegionOne',
        'frank · e2e-consumer — frank · RegionOne',
        'gina-producer · e2e-producer — gina · RegionOne',
        'frank-typo · e2e-consumer — not connected',
      ],
    );
    const error = rows.find((r) => r.label === 'Could not connect');
    assert.match(error?.description ?? '', /Keystone refused the credentials/, formatTree(rows));
    // The error row's inline actions appear on hover.
    await treeRow(wb.page, 'Could not connect').hover();
    const actions = treeRow(wb.page, 'Could not connect').locator('.actions .action-label');
    await actions.first().waitFor({ state: 'visible' });
    const titles = await actions.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(titles.includes('Retry') && titles.includes('Show Log'), `inline actions: ${titles.join(', ')}`);
    await screenshot(wb.page, 'connections-error-row');
  });

  it('adds gina\u2019s consumer project side by side from the context menu', async () => {
    const entries = await contextMenuEntries(wb.page, 'gina-producer · e2e-producer');
    assert.ok(entries.includes('Add Project Scope…'), entries.join(', '));
    assert.ok(!entries.includes('Remove Cloud'), 'a cloud from clouds.yaml is not removed from VS Code');
    const input = wb.page.locator('.quick-input-widget');
    const row = treeRow(wb.page, 'gina-producer · e2e-producer');
    // A context-menu click now and then lands before the menu is armed and runs nothing (seen once
    // in four runs: no picker, no progress, nothing logged): one more try before calling it a failure.
    // Running the command twice would only show the picker again.
    try {
      await clickContextMenuEntry(wb.page, row, 'Add Project Scope…');
      await input.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
        await clickContextMenuEntry(wb.page, row, 'Add Project Scope…');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
      });
    } finally {
      await screenshot(wb.page, 'connections-add-scope-picker');
    }
    await input.locator('.monaco-list-row', { hasText: 'e2e-consumer' }).first().click();
    const rows = await waitForTree(
      wb.page,
      (r) => r.some((x) => x.level === 1 && x.label === 'gina-producer · e2e-consumer' && x.description === 'gina · RegionOne'),
      'gina\u2019s consumer scope',
    );
    assert.equal(rows.filter((r) => r.level === 1 && r.label.startsWith('gina-producer · ')).length, 2);
    await wb.page.mouse.move(900, 500);
    await screenshot(wb.page, 'connections-gina-side-by-side');
  });
});
