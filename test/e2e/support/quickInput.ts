// The quick input: the command palette, input boxes and quick picks share it.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';
import { exactText } from './tree';

/** The quick input (input boxes and quick picks share it). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The text under the input: a validation message, or else the prompt. */
export async function quickInputMessage(page: Page): Promise<string> {
  return ((await quickInput(page).locator('.quick-input-message').textContent()) ?? '').trim();
}

/** The quick pick's rows whose text contains `text`. */
export function quickPickRow(page: Page, text: string | RegExp): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row', { hasText: text });
}

/**
 * Runs a command through the command palette by its full title, e.g. "Glance: Show Log". It clicks
 * the row whose label is exactly the title: the top row may be another command that merely
 * contains it, or one the palette recently used.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('.quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const pick = quickInput(page)
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(title) }) })
    .first();
  await pick.click();
  // The palette closes, or the command opens its own pick at once (a scope to choose): either way
  // the input no longer holds the command's title.
  await page.waitForFunction(
    (typed) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const box = widget?.querySelector<HTMLInputElement>('.quick-input-box input');
      return !widget || widget.style.display === 'none' || widget.offsetParent === null || box?.value !== typed;
    },
    `>${title}`,
    { timeout: 30_000 },
  );
}

/** The quick pick's row whose label is exactly `label` (its icons aside), once it shows. */
export async function pickRowByLabel(page: Page, label: string, timeoutMs = 30_000): Promise<Locator> {
  const row = quickInput(page)
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(label) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/** The quick input's placeholder (what a quick pick asks). */
export async function quickInputPlaceholder(page: Page): Promise<string> {
  return (await quickInput(page).locator('.quick-input-box input').getAttribute('placeholder')) ?? '';
}

/** Waits until the quick input shows and asks `placeholder` (a command's pick replaces the palette asynchronously). */
export async function waitForPlaceholder(page: Page, placeholder: string, timeoutMs = 60_000): Promise<void> {
  await quickInput(page).waitFor({ state: 'visible', timeout: timeoutMs });
  await poll(
    () => quickInputPlaceholder(page),
    (p) => p === placeholder,
    `the pick "${placeholder}"`,
    timeoutMs,
  );
}
