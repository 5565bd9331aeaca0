// Text editors as a user meets them: the active tab, its whole text, closing them all.
import type { Page } from 'playwright-core';
import { clickDialogButton, modalDialog } from './notifications';
import { poll } from './poll';
import { runCommand } from './quickInput';

/** The active editor tab's title, e.g. "Access: erin · e2e-producer", or an untitled document's first line. */
export async function activeTabTitle(page: Page): Promise<string> {
  const tab = page.locator('.tabs-container .tab.active .label-name').first();
  return ((await tab.textContent()) ?? '').trim();
}

/**
 * Whether the active tab is an untitled document: the workbench titles one by its first line and
 * keeps "Untitled-N" beside it (or as the title while it is empty).
 */
export async function activeTabIsUntitled(page: Page): Promise<boolean> {
  const tab = page.locator('.tabs-container .tab.active').first();
  if ((await tab.count()) === 0) return false;
  const texts = await tab.locator('.label-name, .label-description').allTextContents();
  return texts.some((t) => /^Untitled-\d+$/.test(t.trim()));
}

/** The language the status bar names for the active editor ("Plain Text", "JSON"). */
export async function activeEditorLanguage(page: Page): Promise<string> {
  return ((await page.locator('.statusbar-item[id="status.editor.mode"]').first().textContent()) ?? '').trim();
}

const SENTINEL = '\u2063glance-share e2e: clipboard not written yet\u2063';

/**
 * The whole text of the active text editor, as the model holds it: select all, copy, read the
 * clipboard. The rendered lines (.view-lines) hold only what is scrolled into view, with
 * non-breaking spaces; the clipboard has every line as written. The clipboard is set to a
 * sentinel first so that a copy that did not happen reads as one, never as an older text.
 */
export async function activeEditorText(page: Page, origin: string): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(SENTINEL)})`);
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await editor.waitFor({ state: 'visible' });
  // A click in the text (a text editor, never a webview: that would block) gives it the keyboard.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  return poll(
    () => page.evaluate<string>('navigator.clipboard.readText()'),
    (text) => text !== SENTINEL,
    'the editor\u2019s text on the clipboard',
    10_000,
  );
}

/** Closes every editor; an unsaved one is not saved. */
export async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const state = async () => ((await modalDialog(page).isVisible()) ? 'asks' : (await page.locator('.tabs-container .tab').count()) === 0 ? 'closed' : 'open');
  while ((await poll(state, (s) => s !== 'open', 'the editors to close or a save prompt')) === 'asks') {
    // One prompt per unsaved editor ("Don't Save" answers for this one; several may follow).
    await clickDialogButton(page, "Don't Save");
  }
}
