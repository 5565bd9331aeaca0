// A user without any clouds.yaml: the welcome view, then "Add Cloud…" step by step. The password
// must end up in VS Code's secret storage, never in settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { contextMenuEntries } from './support/contextMenu';
import { waitForTree } from './support/tree';
import { openContainer, openWorkbench, screenshot, type Workbench } from './support/workbench';
import { stackCloudsFile } from '../vscode/stackEnv';

describe('no clouds.yaml: welcome view and Add Cloud…', function () {
  let wb: Workbench;
  const auth = (parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, { auth: { auth_url: string } }> }).clouds.frank.auth;

  before(async function () {
    // code-server's own XDG_CONFIG_HOME is a fresh temp folder, and the workspace is empty:
    // with OS_CLIENT_CONFIG_FILE pointing nowhere there is no cloud at all.
    wb = await openWorkbench({ OS_CLIENT_CONFIG_FILE: path.join(fs.mkdtempSync('/tmp/gs-none-'), 'absent.yaml') });
  });

  after(async function () {
    await wb?.close();
  });

  it('shows the welcome view with Add Cloud and Open clouds.yaml', async () => {
    const view = await openContainer(wb.page);
    const welcome = view.locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /No OpenStack cloud is configured/);
    const buttons = await welcome.locator('.monaco-button').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      ['Add Cloud…', 'Open clouds.yaml', 'Show Log', 'Get Started with glance-share'],
    );
    await screenshot(wb.page, 'add-cloud-01-welcome');
  });

  it('adds frank\u2019s cloud through seven prompts and signs in', async () => {
    const view = await openContainer(wb.page);
    await view.locator('.welcome-view-content .monaco-button', { hasText: 'Add Cloud…' }).click();
    const answers = ['frank-in-vscode', auth.auth_url, 'frank', 'Default', 'e2e-consumer', 'Default', 'frankpass'];
    const box = wb.page.locator('.quick-input-widget');
    for (const [index, answer] of answers.entries()) {
      await box.locator('.quick-input-title', { hasText: `(${index + 1}/7)` }).waitFor({ state: 'visible' });
      const input = box.locator('.quick-input-box input');
      await input.fill(answer);
      if (index === 6) {
        assert.equal(await input.getAttribute('type'), 'password', 'the password is typed into a password box');
        await screenshot(wb.page, 'add-cloud-02-password');
      }
      await wb.page.keyboard.press('Enter');
    }
    const rows = await waitForTree(
      wb.page,
      (r) => r.some((x) => x.level === 1 && x.label === 'frank-in-vscode · e2e-consumer' && x.description === 'frank'),
      'the added cloud to sign in',
    );
    assert.ok(rows.some((x) => x.label === 'My images'));
    await wb.page.mouse.move(900, 500);
    await screenshot(wb.page, 'add-cloud-03-signed-in');
  });

  it('keeps the password out of settings (it is in the secret storage)', () => {
    const settings = fs.readFileSync(path.join(wb.server.tempDir, 'user-data', 'User', 'settings.json'), 'utf8');
    assert.doesNotMatch(settings, /frankpass/);
    assert.doesNotMatch(settings, /frank-in-vscode/, 'the cloud itself is kept in extension state, not in settings');
  });

  it('no file of the VS Code profile holds the password in clear text (state, logs, settings)', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.isFile() && fs.statSync(file).size < 64 << 20 && fs.readFileSync(file).includes('frankpass')) hits.push(path.relative(wb.server.tempDir, file));
      }
    };
    walk(wb.server.tempDir);
    assert.deepEqual(hits, []);
  });

  it('offers Remove Cloud for a cloud added in VS Code, and removes it after confirming', async () => {
    const entries = await contextMenuEntries(wb.page, 'frank-in-vscode · e2e-consumer');
    assert.ok(entries.includes('Remove Cloud'), entries.join(', '));
    await wb.page.locator('.monaco-list-row', { hasText: 'frank-in-vscode · e2e-consumer' }).click({ button: 'right' });
    const entry = wb.page.locator('.monaco-menu .action-item', { hasText: 'Remove Cloud' });
    await entry.hover();
    await entry.click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Remove cloud "frank-in-vscode"/);
    await dialog.locator('.monaco-button', { hasText: 'Remove' }).click();
    const view = await openContainer(wb.page);
    await view.locator('.welcome-view-content').waitFor({ state: 'visible' });
  });
});
