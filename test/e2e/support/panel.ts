// The bottom panel (the Output channel shown) and the status bar.
import type { Page } from 'playwright-core';

/** The channel the Output panel shows, e.g. after "Glance: Show Log". */
export async function visibleOutputChannel(page: Page): Promise<string> {
  const select = page.locator('.part.panel select.monaco-select-box').first();
  await select.waitFor({ state: 'attached' });
  return select.inputValue();
}

/** The status bar's text, e.g. to read a setStatusBarMessage. */
export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar').innerText()).replace(/\s+/g, ' ');
}
