// Drives the real VS Code workbench (code-server in Debian's Chromium) with the packaged
// extension installed from the .vsix, as a user would have it. Selectors are the workbench's
// own DOM, measured on VS Code 1.100.3.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, workbenchUrl } from '../../vscode/browser';
import { repoRoot, startCodeServer, type CodeServer } from '../../vscode/codeServer';
import { stackCloudsFile } from '../../vscode/stackEnv';

export const containerTitle = 'OpenStack Images';
export const containerId = 'glanceShare';
export const screenshotDir = path.join(repoRoot, '.test-output', 'screenshots');

export interface Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** 1 for root rows. */
  readonly level: number;
  /** undefined for leaves. */
  readonly expanded: boolean | undefined;
}

export function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

/** Starts code-server with the packaged extension installed and the stack's clouds, and opens the workbench. */
export async function openWorkbench(env: Readonly<Record<string, string>> = {}): Promise<Workbench> {
  const vsix = vsixPath();
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} is missing: the e2e tests run the packaged extension; build it with "npm run package".`);
  }
  const cloudsFile = stackCloudsFile();
  if (!fs.existsSync(cloudsFile)) {
    throw new Error(`${cloudsFile} is missing: start the local stack with "npm run stack:up".`);
  }
  const server = await startCodeServer({ vsix, env: { OS_CLIENT_CONFIG_FILE: cloudsFile, ...env } });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server));
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      server,
      browser: opened,
      page,
      async close() {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

export function activityBarEntry(page: Page, title = containerTitle): Locator {
  return page.locator(`.activitybar .action-item a[aria-label="${title}"]`);
}

export function containerView(page: Page, id = containerId): Locator {
  return page.locator(`#workbench\\.view\\.extension\\.${id}`);
}

/** Shows the container; clicking its entry when it is already shown would hide the side bar. */
export async function openContainer(page: Page): Promise<Locator> {
  const view = containerView(page);
  if (!(await view.isVisible())) {
    await activityBarEntry(page).click();
  }
  await view.waitFor({ state: 'visible' });
  return view;
}

export function treeRowLocator(page: Page): Locator {
  return containerView(page).locator('.monaco-list-row[role=treeitem]');
}

/** The rows currently rendered (a virtualised list: only what fits on screen). */
export async function readTree(page: Page): Promise<TreeRow[]> {
  return treeRowLocator(page).evaluateAll((rows) =>
    rows.map((row) => {
      const expanded = row.getAttribute('aria-expanded');
      return {
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: expanded === null ? undefined : expanded === 'true',
      };
    }),
  );
}

/** Polls the tree until `accept` holds (the extension fills it asynchronously) and returns the rows. */
export async function waitForTree(page: Page, accept: (rows: TreeRow[]) => boolean, what: string, timeoutMs = 30_000): Promise<TreeRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await readTree(page);
  while (!accept(rows)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the tree shows:\n${formatTree(rows)}`);
    }
    await page.waitForTimeout(200);
    rows = await readTree(page);
  }
  return rows;
}

export function formatTree(rows: readonly TreeRow[]): string {
  if (rows.length === 0) return '  (no rows)';
  return rows.map((r) => `${'  '.repeat(r.level)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');
}

/** The row whose label is exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return treeRowLocator(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

/**
 * Right-clicks a row and returns the context menu's entries (titles), then closes the menu.
 * A row whose when-clauses leave no entry gets no menu at all: that reads as [] after `menuWaitMs`.
 */
export async function contextMenuEntries(page: Page, label: string, menuWaitMs = 3_000): Promise<string[]> {
  await treeRow(page, label).click({ button: 'right' });
  // The menu lives in a shadow root; playwright's CSS engine pierces it.
  const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-label');
  try {
    await items.first().waitFor({ state: 'visible', timeout: menuWaitMs });
  } catch {
    return [];
  }
  const titles = (await items.allTextContents()).map((t) => t.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-menu').waitFor({ state: 'hidden' });
  return titles;
}

/** Runs a command through the command palette by its full title, e.g. "Glance: Show Log". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  await pick.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The channel the Output panel shows, e.g. after "Glance: Show Log". */
export async function visibleOutputChannel(page: Page): Promise<string> {
  const select = page.locator('.part.panel select.monaco-select-box').first();
  await select.waitFor({ state: 'attached' });
  return select.inputValue();
}

/** Saves a PNG into .test-output/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
