// A tree row's context menu (the workbench draws it in a shadow root; playwright's CSS engine pierces it).
import type { Locator, Page } from 'playwright-core';
import { exactText, treeRow } from './tree';

/**
 * Right-clicks a row and returns the context menu's entries (titles), then closes the menu.
 * A row whose when-clauses leave no entry gets no menu at all: that reads as [] after `menuWaitMs`.
 */
export async function contextMenuEntries(page: Page, label: string | Locator, menuWaitMs = 3_000): Promise<string[]> {
  const titles = await openContextMenu(page, typeof label === 'string' ? treeRow(page, label) : label, menuWaitMs);
  if (titles.length > 0) await closeContextMenu(page);
  return titles;
}

/** Right-clicks `row` and returns the menu's enabled entries, leaving the menu open ([] when none shows). */
export async function openContextMenu(page: Page, row: Locator, menuWaitMs = 3_000): Promise<string[]> {
  await row.click({ button: 'right' });
  // The menu lives in a shadow root; playwright's CSS engine pierces it.
  const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-label');
  try {
    await items.first().waitFor({ state: 'visible', timeout: menuWaitMs });
  } catch {
    return [];
  }
  return (await items.allTextContents()).map((t) => t.trim()).filter(Boolean);
}

export async function closeContextMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-menu').waitFor({ state: 'hidden' });
}

/** Right-clicks `row` and runs its context-menu entry `title`. */
export async function clickContextMenuEntry(page: Page, row: Locator, title: string): Promise<void> {
  await row.click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item:not(.disabled)').filter({
    has: page.locator('.action-label', { hasText: exactText(title) }),
  });
  await entry.waitFor({ state: 'visible' });
  // The menu acts on a hovered entry's mouse-up; a bare click can land before it is armed.
  await entry.hover();
  await entry.click();
  await page.locator('.monaco-menu').waitFor({ state: 'hidden' });
}
