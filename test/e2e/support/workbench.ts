// Drives the real VS Code workbench (code-server in Debian's Chromium) with the packaged
// extension installed from the .vsix, as a user would have it. Selectors are the workbench's
// own DOM, measured on VS Code 1.100.3.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { launchChromium, workbenchUrl } from '../../vscode/browser';
import { repoRoot, startCodeServer, type CodeServer } from '../../vscode/codeServer';
import { stackCloudsFile } from '../../vscode/stackEnv';
import { waitForNoHover } from './notifications';
import { poll } from './poll';
import { containerView } from './tree';

export const containerTitle = 'OpenStack Images';
export const screenshotDir = path.join(repoRoot, '.test-output', 'screenshots');

export interface Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

/**
 * A clouds.yaml in a new scratch folder with only these of the stack's clouds, so that the window
 * shows just the scopes a suite drives; remove `dir` in after().
 */
export function windowClouds(names: readonly string[], dirPrefix: string): { readonly dir: string; readonly file: string } {
  const stack = parse(fs.readFileSync(stackCloudsFile(), 'utf8')) as { clouds: Record<string, unknown> };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  const file = path.join(dir, 'clouds.yaml');
  fs.writeFileSync(file, stringify({ clouds: Object.fromEntries(names.map((name) => [name, stack.clouds[name]])) }));
  return { dir, file };
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
  // With a badge the label grows: "OpenStack Images - 4 images shared with you waiting for …".
  return page.locator(`.activitybar .action-item a[aria-label="${title}"], .activitybar .action-item a[aria-label^="${title} - "]`);
}

/**
 * The container's activity-bar badge (the view's `badge`), or undefined when it shows none:
 * `text` as drawn ("4", "1K+"), `value` when that is a plain number, and `label`, its accessible
 * text, which holds the badge's tooltip.
 */
export async function activityBarBadge(page: Page, title = containerTitle): Promise<{ text: string; value?: number; label: string } | undefined> {
  const item = page.locator('.activitybar .action-item').filter({
    has: page.locator(`a[aria-label="${title}"], a[aria-label^="${title} - "]`),
  });
  const badge = item.locator('.badge').first();
  if ((await badge.count()) === 0 || !(await badge.isVisible())) return undefined;
  // Over 999 the badge abbreviates ("1K+"); its label keeps the view's whole tooltip.
  const text = (await badge.locator('.badge-content').textContent())?.trim() ?? '';
  if (!text) return undefined;
  return { text, value: /^\d+$/.test(text) ? Number(text) : undefined, label: (await badge.getAttribute('aria-label')) ?? '' };
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

/** Saves a PNG into .test-output/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // A test's full title can outgrow a file name (255 bytes): the start says which test it was.
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_').slice(0, 150)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The same, with the pointer moved off the view and no hover card left to spoil the picture. */
export async function screenshotAtRest(page: Page, name: string): Promise<string> {
  await page.mouse.move(1100, 860);
  await waitForNoHover(page);
  return screenshot(page, name);
}

/** Drags the sash on the side bar's edge so that the side bar is `width` pixels wide. */
export async function resizeSideBar(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('the side bar is not on screen');
  const edge = box.x + box.width;
  const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, height: r.height };
    }),
  );
  const sash = sashes.filter((s) => Math.abs(s.x - edge) < 6 && s.height > 100)[0];
  if (!sash) throw new Error(`no sash at the side bar's edge (x = ${edge})`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 8 });
  await page.mouse.up();
  await poll(
    async () => (await sidebar.boundingBox())?.width ?? 0,
    (w) => Math.abs(w - width) <= 4,
    `the side bar to become ${width} px wide`,
    5_000,
  );
}

/**
 * Moves the pointer to an empty stretch of the status bar and waits for any hover card to go: a
 * card left by the pointer resting on a tree row or the activity bar catches the next click.
 */
export async function clearHover(page: Page): Promise<void> {
  await page.mouse.move(700, 892);
  await page
    .locator('.monaco-hover:visible')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

/** For afterEach: a failed test leaves a screenshot of the workbench as it was, and says where. */
export async function screenshotIfFailed(test: Mocha.Test | undefined, page: Page | undefined): Promise<void> {
  if (test?.state !== 'failed' || !page) return;
  const file = await screenshot(page, `failed-${test.fullTitle()}`);
  console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
}
