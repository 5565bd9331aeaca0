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
  // Not the copies that tree sticky scroll pins over the top of a long tree.
  return containerView(page).locator('.monaco-list-row[role=treeitem]:not(.monaco-tree-sticky-row)');
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
  const lines: string[] = [];
  rows.forEach((r, i) => {
    // Rows from a read that skipped part of a long run (readWholeTree's elideLeafRunsOver).
    const index = (r as Partial<ListedRow>).index;
    const before = (rows[i - 1] as Partial<ListedRow> | undefined)?.index;
    if (index !== undefined && before !== undefined && index > before + 1) lines.push(`${'  '.repeat(r.level)}… ${index - before - 1} rows not read`);
    lines.push(`${'  '.repeat(r.level)}${r.label}${r.description ? ` — ${r.description}` : ''}`);
  });
  return lines.join('\n');
}

/** The row whose label is exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return treeRowLocator(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

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
    has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }),
  });
  await entry.waitFor({ state: 'visible' });
  // The menu acts on a hovered entry's mouse-up; a bare click can land before it is armed.
  await entry.hover();
  await entry.click();
  await page.locator('.monaco-menu').waitFor({ state: 'hidden' });
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

// ---- Rows by path, in a tree longer than the screen -------------------------------------------
//
// The tree is a virtualised list: only the rows in view exist in the DOM. A mouse wheel moves it
// 50 px per event whatever the delta, so the helpers below jump instead: a click on the list's
// scrollbar track puts the slider there (the list scrolls by absolute position, not by page).

/** A label, matched whole, or a pattern such as /^Private \(\d+\)$/. */
export type RowMatch = string | RegExp;

export interface ListedRow extends TreeRow {
  /** The row's position in the whole (expanded) tree: the list's data-index. */
  readonly index: number;
}

const ROW_HEIGHT = 22;
/** Runs of sibling leaves longer than this are skipped by the fast reads (see ReadTreeOptions). */
const ELIDE_OVER = 60;

function treeList(page: Page): Locator {
  return containerView(page).locator('.monaco-list').first();
}

function rowAtIndex(page: Page, index: number): Locator {
  return containerView(page).locator(`.monaco-list-row[role=treeitem][data-index="${index}"]:not(.monaco-tree-sticky-row)`);
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The list's scroll state and the rows in view, read in one round trip. */
interface ListSnapshot {
  /** Pixels scrolled off the top. */
  readonly scrollTop: number;
  /** Height of all rows. */
  readonly scrollHeight: number;
  /** Height of the list on screen. */
  readonly viewport: number;
  /** Height of the sticky-scroll rows pinned over the top of the list (0 when none). */
  readonly sticky: number;
  readonly list: Rect;
  /** The scrollbar's track, when the rows do not all fit. */
  readonly track?: Rect;
  readonly slider?: Rect;
  /** In display order, only rows inside the view (a recycled row can linger in the DOM). */
  readonly rows: readonly SnapshotRow[];
}

interface SnapshotRow extends ListedRow {
  readonly last: boolean;
  /** aria-posinset / aria-setsize: the row's place among its siblings. */
  readonly position: number;
  readonly siblings: number;
}

async function listSnapshot(page: Page): Promise<ListSnapshot | undefined> {
  const list = treeList(page);
  if ((await list.count()) === 0) return undefined;
  // No function may be declared in here: the test runner's transpiler would wrap it in a helper
  // (__name) that does not exist in the page.
  const snapshot = await list.evaluate((el, rowHeight) => {
    const box = el.getBoundingClientRect();
    if (box.height === 0) return undefined;
    // The list scrolls its rows container by `top`; its height is that of every row.
    const container = el.querySelector('.monaco-list-rows') as unknown as { style: { top: string; height: string } } | null;
    const scrollTop = -parseFloat(container?.style.top || '0') || 0;
    const scrollHeight = parseFloat(container?.style.height || '0') || 0;
    const scrollbar = scrollHeight > box.height ? el.querySelector('.scrollbar.vertical') : null;
    const track = scrollbar?.getBoundingClientRect();
    const slider = scrollbar?.querySelector('.slider')?.getBoundingClientRect();
    // Sticky scroll pins copies of the ancestors over the first rows: they hide those rows.
    const sticky = el.querySelector('.monaco-tree-sticky-container')?.getBoundingClientRect().height ?? 0;
    const rows = [...el.querySelectorAll('.monaco-list-row[role=treeitem]:not(.monaco-tree-sticky-row)')]
      .map((row) => ({
        index: Number(row.getAttribute('data-index') ?? '-1'),
        top: parseFloat((row as unknown as { style: { top: string } }).style.top || '0'),
        last: row.getAttribute('data-last-element') === 'true',
        position: Number(row.getAttribute('aria-posinset') ?? '0'),
        siblings: Number(row.getAttribute('aria-setsize') ?? '0'),
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: row.getAttribute('aria-expanded') === null ? undefined : row.getAttribute('aria-expanded') === 'true',
      }))
      .filter((r) => r.top + rowHeight > scrollTop && r.top < scrollTop + box.height)
      .sort((a, b) => a.index - b.index)
      .map(({ top: _top, ...row }) => row);
    return {
      scrollTop,
      scrollHeight,
      sticky,
      viewport: box.height,
      list: { x: box.x, y: box.y, width: box.width, height: box.height },
      track: track && { x: track.x, y: track.y, width: track.width, height: track.height },
      slider: slider && { x: slider.x, y: slider.y, width: slider.width, height: slider.height },
      rows,
    };
  }, ROW_HEIGHT);
  return snapshot ?? undefined;
}

async function mustSnapshot(page: Page): Promise<ListSnapshot> {
  const snapshot = await listSnapshot(page);
  if (!snapshot) throw new Error('the tree is not on screen');
  return snapshot;
}

/** Waits (briefly) for the list to scroll away from `from`. */
async function scrolledFrom(page: Page, from: number): Promise<ListSnapshot> {
  const deadline = Date.now() + 1_000;
  let snapshot = await mustSnapshot(page);
  while (snapshot.scrollTop === from && Date.now() < deadline) {
    await page.waitForTimeout(15);
    snapshot = await mustSnapshot(page);
  }
  return snapshot;
}

/**
 * Scrolls so that `scrollTop` is the given offset: one click on the scrollbar's track (it centres
 * the slider there, so the list jumps), then 50 px wheel steps if `exact`.
 */
async function scrollTreeTo(page: Page, target: number, exact = true): Promise<ListSnapshot> {
  let g = await mustSnapshot(page);
  const max = Math.max(0, g.scrollHeight - g.viewport);
  const wanted = Math.min(max, Math.max(0, Math.round(target)));
  if (!g.track || Math.abs(g.scrollTop - wanted) < ROW_HEIGHT) return g;
  // monaco's ScrollbarState: the slider is at least 20 px and a track click centres it.
  const slider = Math.max(20, Math.floor((g.viewport * g.viewport) / g.scrollHeight));
  const x = g.track.x + g.track.width / 2;
  const y = g.track.y + slider / 2 + (wanted * (g.track.height - slider)) / max;
  const onSlider = g.slider && y >= g.slider.y && y <= g.slider.y + g.slider.height;
  if (!onSlider) {
    // The scrollbar shows (and takes clicks) while the pointer is over the list; click only
    // when it is what lies under the pointer, never a row or a row's inline action.
    await page.mouse.move(x, y);
    let onTrack = false;
    for (let i = 0; i < 50 && !onTrack; i++) {
      onTrack = await treeList(page).evaluate((el, [px, py]) => {
        const hit = el.ownerDocument.elementFromPoint(px, py);
        return !!hit && !!hit.closest('.scrollbar.vertical') && el.contains(hit);
      }, [x, y] as const);
      if (!onTrack) await page.waitForTimeout(20);
    }
    if (!onTrack) throw new Error('the tree\u2019s scrollbar did not show under the pointer');
    await page.mouse.down();
    await page.mouse.up();
    g = await scrolledFrom(page, g.scrollTop);
  }
  // Fine-tune with the wheel: 50 px per event.
  for (let i = 0; exact && i < 40 && Math.abs(wanted - g.scrollTop) >= 50; i++) {
    await page.mouse.move(g.list.x + g.list.width - 5, g.list.y + g.list.height / 2);
    await page.mouse.wheel(0, Math.sign(wanted - g.scrollTop) * 100);
    g = await scrolledFrom(page, g.scrollTop);
  }
  return g;
}

export interface ReadTreeOptions {
  /**
   * Skip the middle of a run of more sibling leaves than this (e.g. the 2,000 images of a
   * subgroup): the rows then have gaps in `index`. Fast, but blind to what the run holds.
   */
  readonly elideLeafRunsOver?: number;
  /** Start at the row with this index (default 0). */
  readonly from?: number;
  /** Stop as soon as this holds for the rows read so far (in display order). */
  readonly stopWhen?: (rows: readonly ListedRow[]) => boolean;
}

/**
 * Every row of the tree in display order, also those scrolled out of the virtualised list: when
 * the tree is longer than the view, the list is scrolled from top to bottom to read them.
 */
export async function readWholeTree(page: Page, options: ReadTreeOptions = {}): Promise<ListedRow[]> {
  const strip = (list: readonly SnapshotRow[]): ListedRow[] =>
    list.map(({ index, label, description, level, expanded }) => ({ index, label, description, level, expanded }));
  let g = await listSnapshot(page);
  // Not drawn yet (the view opening, or its welcome content): no rows.
  if (!g) return [];
  if (!g.track) return strip(g.rows);
  const total = Math.round(g.scrollHeight / ROW_HEIGHT);
  const seen = new Map<number, SnapshotRow>();
  const sorted = () => [...seen.values()].sort((a, b) => a.index - b.index);
  let next = options.from ?? 0;
  for (let i = 0; i < total + 10 && next < total; i++) {
    // Two rows of overlap: a track click lands within a row or so of where it aims.
    g = await scrollTreeTo(page, (next - 2) * ROW_HEIGHT, false);
    if (g.rows.length && g.rows[0].index > next) g = await scrollTreeTo(page, (next - 2) * ROW_HEIGHT, true);
    g.rows.filter((r) => r.index >= (options.from ?? 0)).forEach((r) => seen.set(r.index, r));
    if (g.rows.some((r) => r.last)) break;
    if (options.stopWhen?.(strip(sorted()))) break;
    const tail = g.rows[g.rows.length - 1];
    const reached = tail ? tail.index + 1 : next;
    next = reached > next ? reached : next + 1;
    const limit = options.elideLeafRunsOver;
    if (limit !== undefined && tail && tail.expanded === undefined && tail.siblings - tail.position > limit) {
      // Jump to the run's last sibling; it is there only if no sibling in between has children.
      const lastSibling = tail.index + (tail.siblings - tail.position);
      const probe = await scrollTreeTo(page, (lastSibling - 2) * ROW_HEIGHT, true);
      const landed = probe.rows.find((r) => r.index === lastSibling);
      if (landed && landed.level === tail.level && landed.position === tail.siblings) next = lastSibling;
    }
  }
  return strip(sorted());
}

function matchesLabel(label: string, match: RowMatch): boolean {
  return typeof match === 'string' ? label === match : match.test(label);
}

/** The row at `path` in a whole tree (see readWholeTree): each element matches one level, from the root. */
export function rowAtPath(rows: readonly ListedRow[], path: readonly RowMatch[]): ListedRow | undefined {
  let start = 0;
  let end = rows.length;
  let found: ListedRow | undefined;
  for (const [depth, match] of path.entries()) {
    const level = depth + 1;
    let hit = -1;
    for (let i = start; i < end; i++) {
      if (rows[i].level === level && matchesLabel(rows[i].label, match)) {
        hit = i;
        break;
      }
    }
    if (hit < 0) return undefined;
    found = rows[hit];
    let stop = hit + 1;
    while (stop < end && rows[stop].level > level) stop++;
    start = hit + 1;
    end = stop;
  }
  return found;
}

/** The rows below the row at `path` (its expanded subtree), or undefined when there is no such row. */
export function rowsUnder(rows: readonly ListedRow[], path: readonly RowMatch[]): ListedRow[] | undefined {
  const parent = rowAtPath(rows, path);
  if (!parent) return undefined;
  const from = rows.indexOf(parent) + 1;
  let to = from;
  while (to < rows.length && rows[to].level > parent.level) to++;
  return rows.slice(from, to);
}

export function formatPath(path: readonly RowMatch[]): string {
  return path.map((m) => (typeof m === 'string' ? m : m.source)).join(' › ');
}

/** Scrolls the list until the row with this index is wholly in view, and returns it. */
async function revealIndex(page: Page, index: number): Promise<Locator> {
  const row = rowAtIndex(page, index);
  const top = index * ROW_HEIGHT;
  for (let i = 0; i < 5; i++) {
    const g = await mustSnapshot(page);
    const inView = top >= g.scrollTop + g.sticky && top + ROW_HEIGHT <= g.scrollTop + g.viewport;
    if (inView && g.rows.some((r) => r.index === index)) return row;
    await scrollTreeTo(page, top - g.viewport / 2);
  }
  throw new Error(`could not scroll tree row ${index} into view`);
}

/**
 * The row at `path` now, if any, and the rows read to find it. A fast read first (long runs of
 * images skipped); when the row may be inside a skipped run, the subtree of its deepest ancestor
 * found is read whole (and only until the row turns up).
 */
export async function findRow(page: Page, path: readonly RowMatch[]): Promise<{ row?: ListedRow; rows: ListedRow[] }> {
  const outline = await readWholeTree(page, { elideLeafRunsOver: ELIDE_OVER });
  const found = rowAtPath(outline, path);
  if (found || !skippedWhereItWouldBe(outline, path)) return { row: found, rows: outline };
  let ancestor: ListedRow | undefined;
  for (let depth = path.length - 1; depth >= 1 && !ancestor; depth--) ancestor = rowAtPath(outline, path.slice(0, depth));
  const from = ancestor?.index ?? 0;
  const merge = (scanned: readonly ListedRow[]) => {
    const byIndex = new Map(outline.map((r) => [r.index, r]));
    scanned.forEach((r) => byIndex.set(r.index, r));
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  };
  const scanned = await readWholeTree(page, {
    from,
    // Until the row is found, or the scan has left the ancestor's subtree.
    stopWhen: (rows) => !!rowAtPath(merge(rows), path) || (!!ancestor && rows.some((r) => r.index > from && r.level <= ancestor.level)),
  });
  const rows = merge(scanned);
  return { row: rowAtPath(rows, path), rows };
}

/** Whether a fast read skipped rows inside the subtree of the deepest ancestor of `path` it found. */
function skippedWhereItWouldBe(rows: readonly ListedRow[], path: readonly RowMatch[]): boolean {
  const gapBetween = (from: number, to: number) => rows.slice(from + 1, to + 1).some((r, i) => r.index !== rows[from + i].index + 1);
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const ancestor = rowAtPath(rows, path.slice(0, depth));
    if (!ancestor) continue;
    const at = rows.indexOf(ancestor);
    const size = rowsUnder(rows, path.slice(0, depth))?.length ?? 0;
    // Up to the row after the subtree: a skipped run at its end belongs to it as well.
    return gapBetween(at, Math.min(rows.length - 1, at + size + 1));
  }
  return gapBetween(0, rows.length - 1);
}

/**
 * Waits until the tree has a row at `path` (e.g. ['alice · producer', 'My images', /^Private/,
 * 'img']), scrolls it into view and returns it. The locator pins the row's position and label,
 * so it stops matching when the tree changes under it: look the row up again after an action.
 */
export async function waitForRow(page: Page, path: readonly RowMatch[], timeoutMs = 30_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows, row: found } = await findRow(page, path);
    if (found) {
      const row = await revealIndex(page, found.index);
      const label = (await row.locator('.label-name').textContent())?.trim() ?? '';
      if (label === found.label) {
        return row.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(found.label)}\\s*$`) }) });
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for the row ${formatPath(path)}; the tree shows:\n${formatTree(rows)}`);
    }
    await page.waitForTimeout(200);
  }
}

/** Polls the whole tree (scrolling as needed) until `accept` holds, and returns it. */
export async function waitForWholeTree(
  page: Page,
  accept: (rows: ListedRow[]) => boolean,
  what: string,
  timeoutMs = 30_000,
  options: ReadTreeOptions = {},
): Promise<ListedRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await readWholeTree(page, options);
  while (!accept(rows)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the tree shows:\n${formatTree(rows)}`);
    }
    await page.waitForTimeout(200);
    rows = await readWholeTree(page, options);
  }
  return rows;
}

/** Like waitForWholeTree, skipping the middle of long runs of images: for checks on groups, not on every image. */
export async function waitForTreeOutline(page: Page, accept: (rows: ListedRow[]) => boolean, what: string, timeoutMs = 30_000): Promise<ListedRow[]> {
  return waitForWholeTree(page, accept, what, timeoutMs, { elideLeafRunsOver: ELIDE_OVER });
}

/** Expands a collapsed row (a leaf or an expanded row is left as it is). */
export async function expandRow(page: Page, row: Locator): Promise<void> {
  await setExpanded(page, row, true);
}

export async function collapseRow(page: Page, row: Locator): Promise<void> {
  await setExpanded(page, row, false);
}

async function setExpanded(page: Page, row: Locator, expanded: boolean): Promise<void> {
  const state = () => row.getAttribute('aria-expanded', { timeout: 5_000 });
  const initial = await state();
  if (initial === null || initial === String(expanded)) return;
  await row.locator('.monaco-tl-twistie').click();
  // A subgroup of thousands of images takes a while to open on a busy machine.
  const deadline = Date.now() + 60_000;
  while ((await state()) !== String(expanded)) {
    if (Date.now() > deadline) throw new Error(`the row did not ${expanded ? 'expand' : 'collapse'}`);
    await page.waitForTimeout(100);
  }
}

// ---- Quick input, dialogs, notifications, status bar -----------------------------------------

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

/** A modal dialog (showWarningMessage with modal: true and the like). */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

export async function dialogButtons(page: Page): Promise<string[]> {
  return (await modalDialog(page).locator('.dialog-buttons .monaco-button').allTextContents()).map((t) => t.trim());
}

export async function clickDialogButton(page: Page, title: string): Promise<void> {
  await modalDialog(page).locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }).click();
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
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline && !(await toast.evaluate((el) => !!el.closest('.notification-fade-in-done') || !!el.querySelector('.notification-fade-in-done')))) {
    await page.waitForTimeout(50);
  }
  return toast;
}

/** Waits until no hover (a tree row's tooltip, say) is on screen, e.g. after moving the pointer away. */
export async function waitForNoHover(page: Page, timeoutMs = 3_000): Promise<void> {
  const hovers = page.locator('.workbench-hover-container:visible, .monaco-hover:not(.hidden):visible');
  const deadline = Date.now() + timeoutMs;
  while ((await hovers.count()) > 0 && Date.now() < deadline) await page.waitForTimeout(50);
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
  const deadline = Date.now() + 5_000;
  while (Math.abs(((await sidebar.boundingBox())?.width ?? 0) - width) > 4) {
    if (Date.now() > deadline) throw new Error(`the side bar did not become ${width} px wide`);
    await page.waitForTimeout(50);
  }
}

/** The status bar's text, e.g. to read a setStatusBarMessage. */
export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar').innerText()).replace(/\s+/g, ' ');
}
