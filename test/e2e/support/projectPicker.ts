// The project picker (a multi-select quick pick) and a notification's buttons, as a user meets them.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';
import { quickInput, quickPickRow } from './quickInput';
import { exactText } from './tree';

/** The picker's input box. */
export function pickerInput(page: Page): Locator {
  return quickInput(page).locator('.quick-input-box input');
}

/** The picker's title ("Share "x" with projects"). */
export async function pickerTitle(page: Page): Promise<string> {
  return ((await quickInput(page).locator('.quick-input-title').textContent()) ?? '').trim();
}

/** Each visible row's text, its lines (label, description, detail) joined with " | " (icons are not text). */
export async function pickerRows(page: Page): Promise<string[]> {
  const texts = await quickInput(page).locator('.quick-input-list .monaco-list-row').allInnerTexts();
  return texts.map((t) =>
    t
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' | '),
  );
}

/** Waits until a row with this text shows (the picker fills itself as its sources answer). */
export async function waitForPickerRow(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const row = quickPickRow(page, text).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/** Waits until a row with this text shows checked (the extension has read what was typed or pasted). */
export async function waitForCheckedPickerRow(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/** Waits until the picker's rows satisfy `accept`; returns them. */
export async function waitForPickerRows(page: Page, accept: (rows: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<string[]> {
  return poll(() => pickerRows(page), accept, what, timeoutMs);
}

/** Clicks a button of the notification toast whose text contains `text`. */
export async function clickToastButton(page: Page, text: string | RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  await toast.locator('.monaco-button', { hasText: exactText(button) }).click();
}

/** The buttons of that toast. */
export async function toastButtons(page: Page, text: string | RegExp): Promise<string[]> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  return (await toast.locator('.monaco-button').allTextContents()).map((t) => t.trim());
}
