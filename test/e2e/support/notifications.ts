// Modal dialogs, notification toasts and hovers.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';
import { runCommand } from './quickInput';
import { exactText } from './tree';

/** A modal dialog (showWarningMessage with modal: true and the like). */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

export async function dialogButtons(page: Page): Promise<string[]> {
  return (await modalDialog(page).locator('.dialog-buttons .monaco-button').allTextContents()).map((t) => t.trim());
}

export async function clickDialogButton(page: Page, title: string): Promise<void> {
  await modalDialog(page)
    .locator('.dialog-buttons .monaco-button', { hasText: exactText(title) })
    .click();
  await modalDialog(page).waitFor({ state: 'hidden' });
}

/** The notification toasts (bottom right) whose text contains `text`. */
export function notificationToast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Waits for a toast and for its fade-in to end (a screenshot mid-fade shows it half drawn). */
export async function waitForToast(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const toast = notificationToast(page, text).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  const fadedIn = () => toast.evaluate((el) => !!el.closest('.notification-fade-in-done') || !!el.querySelector('.notification-fade-in-done'));
  // Best effort: a toast that never reports the end of its fade-in is still there to assert on.
  await poll(fadedIn, Boolean, 'the toast to fade in', 2_000).catch(() => undefined);
  return toast;
}

/** Waits until no hover (a tree row's tooltip, say) is on screen, e.g. after moving the pointer away. */
export async function waitForNoHover(page: Page, timeoutMs = 3_000): Promise<void> {
  const hovers = page.locator('.workbench-hover-container:visible, .monaco-hover:not(.hidden):visible');
  // Best effort: a hover that lingers spoils a screenshot, not the test.
  await poll(
    () => hovers.count(),
    (n) => n === 0,
    'no hover on screen',
    timeoutMs,
  ).catch(() => undefined);
}

/**
 * Waits until the notification center holds a notification whose text contains `text`, and
 * returns it; the center is shown for that and hidden again. A notification posted while the
 * workbench holds its toasts back (several within 800 ms, VS Code's spam protection) is only there.
 */
export async function waitForNotificationInCenter(page: Page, text: string, timeoutMs = 30_000): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  try {
    const entry = center.locator('.notification-list-item', { hasText: text }).first();
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await entry.innerText()).trim();
  } finally {
    await runCommand(page, 'Notifications: Hide Notifications');
  }
}
