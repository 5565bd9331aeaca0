// The lint rule glance-share/no-bare-user-strings (eslint.config.mjs) through ESLint's own API and
// the repository's real config, on a fixture placed (by name) in src/ui: it reports English written
// straight into a message, its buttons, a progress title, a picker's or input box's words, a quick
// pick item and a tree item's label, and stays quiet on vscode.l10n.t and on text with no words.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');
const RULE = 'glance-share/no-bare-user-strings';

async function bareLines(code: string, file = 'src/ui/l10nFixture.ts'): Promise<number[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.line);
}

describe('lint: user-visible strings go through vscode.l10n.t', function () {
  // Loading the config (typescript-eslint) takes a few seconds on a busy machine.
  this.timeout(60_000);

  it('reports bare English in messages, buttons, progress, pickers, input boxes and tree items', async () => {
    const code = [
      "import * as vscode from 'vscode';",
      'export async function f(name: string, n: number): Promise<void> {',
      "  void vscode.window.showInformationMessage('Shared the image.');", // 3
      "  void vscode.window.showWarningMessage(`Remove ${name}?`, { modal: true, detail: vscode.l10n.t('Sure?') }, 'Remove');", // 4: message and button
      "  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Sharing…' }, async () => undefined);", // 5
      "  await vscode.window.showInputBox({ prompt: 'The name', title: vscode.l10n.t('Name') });", // 6
      "  await vscode.window.showQuickPick([{ label: 'Remember it' }], { placeHolder: n > 1 ? 'Which ones?' : vscode.l10n.t('Which one?') });", // 7: item and placeholder
      '  const picker = vscode.window.createQuickPick();',
      "  picker.placeholder = 'Type a name';", // 9
      "  void new vscode.TreeItem('My images');", // 10
      "  void vscode.window.showErrorMessage('Failed: ' + name);", // 11
      '}',
    ].join('\n');
    assert.deepEqual(await bareLines(code), [3, 4, 4, 5, 6, 7, 7, 9, 10, 11]);
  });

  it('accepts vscode.l10n.t, text passed by name, codicons and separators', async () => {
    const code = [
      "import * as vscode from 'vscode';",
      'export async function f(name: string, text: string): Promise<void> {',
      "  const remove = vscode.l10n.t('Remove');",
      "  void vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}?', name), { modal: true }, remove);",
      "  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sharing {name}…', { name }) }, async () => undefined);",
      "  await vscode.window.showQuickPick([{ label: vscode.l10n.t('Remember it'), description: '$(check)' }], { placeHolder: text });",
      '  void new vscode.TreeItem(name);',
      "  void vscode.window.showInformationMessage(text, ' · ');",
      '}',
    ].join('\n');
    assert.deepEqual(await bareLines(code), []);
  });

  it('applies to src/ui and src/extension.ts, not to tests', async () => {
    const code = "import * as vscode from 'vscode';\nvoid vscode.window.showInformationMessage('Hello');\n";
    assert.deepEqual(await bareLines(code, 'src/extension.ts'), [2]);
    assert.deepEqual(await bareLines(code, 'test/exthost/l10nFixture.test.ts'), []);
  });

  it('reports bare English in the webviews\u2019 DOM (media/): h() children and shown attributes, append, replaceChildren, textContent', async () => {
    const code = [
      "import * as l10n from '@vscode/l10n';",
      "import { append, h, replaceChildren } from './dom';",
      'export function f(root: HTMLElement, name: string): void {',
      "  root.appendChild(h('button', { title: 'Read it again', class: 'button' }, 'Refresh'));", // 4: title and child
      "  root.appendChild(h('input', { 'aria-label': 'Image name', placeholder: l10n.t('name or ID') }));", // 5
      "  append(root, 'Status of ', name);", // 6
      "  replaceChildren(root, h('span', {}, name), ' \u00b7 ', `${name} members`);", // 7
      "  root.textContent = 'Loading\u2026';", // 8
      "  root.appendChild(h('h2', { id: 'members-heading', class: 'x' }, l10n.t('Members'), ' ', name, '\u2014'));", // fine
      '}',
    ].join('\n');
    assert.deepEqual(await bareLines(code, 'media/members/l10nFixture.ts'), [4, 4, 5, 6, 7, 8]);
  });
});
