// The "Images" view's tree as the workbench draws it. The e2e suites sign in as users whose
// projects (e2e-producer, e2e-consumer) no other suite, scale test or bench loads images into, so
// the tree fits its view: every row is rendered, and reading the DOM reads the whole tree. A row
// that is not rendered is reported with the tree as shown, and whether the tree overflowed.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

export const containerId = 'glanceShare';

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** 1 for root rows. */
  readonly level: number;
  /** undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** The row's position in the tree (the list's data-index). */
  readonly index: number;
  /** What a screen reader announces for the row (its aria-label: the TreeItem's accessibilityInformation). */
  readonly ariaLabel: string;
}

/** A label, matched whole, or a pattern such as /^Private \(\d+\)$/. */
export type RowMatch = string | RegExp;

export function containerView(page: Page, id = containerId): Locator {
  return page.locator(`#workbench\\.view\\.extension\\.${id}`);
}

export function treeRowLocator(page: Page): Locator {
  // Not the copies that tree sticky scroll pins over the top of a tree.
  return containerView(page).locator('.monaco-list-row[role=treeitem]:not(.monaco-tree-sticky-row)');
}

/** The rows the tree draws, in display order. */
export async function readTree(page: Page): Promise<TreeRow[]> {
  const rows = await treeRowLocator(page).evaluateAll((els) =>
    els.map((row) => {
      const expanded = row.getAttribute('aria-expanded');
      return {
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: expanded === null ? undefined : expanded === 'true',
        index: Number(row.getAttribute('data-index') ?? '-1'),
        ariaLabel: row.getAttribute('aria-label') ?? '',
      };
    }),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** Whether the tree is longer than its view (then rows below it are not drawn). */
async function overflows(page: Page): Promise<boolean> {
  const list = containerView(page).locator('.monaco-list').first();
  if ((await list.count()) === 0) return false;
  return list.evaluate((el) => {
    const rows = el.querySelector('.monaco-list-rows') as unknown as { style: { height: string } } | null;
    return parseFloat(rows?.style.height || '0') > el.getBoundingClientRect().height;
  });
}

export function formatTree(rows: readonly TreeRow[]): string {
  if (rows.length === 0) return '  (no rows)';
  return rows.map((r) => `${'  '.repeat(r.level)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');
}

export function formatPath(path: readonly RowMatch[]): string {
  return path.map((m) => (typeof m === 'string' ? m : m.source)).join(' › ');
}

/** Reads the tree until `accept` holds and returns the rows. */
export async function waitForTree(page: Page, accept: (rows: TreeRow[]) => boolean, what: string, timeoutMs = 30_000): Promise<TreeRow[]> {
  try {
    return await poll(() => readTree(page), accept, what, timeoutMs, formatTree);
  } catch (error) {
    if (await overflows(page)) (error as Error).message += '\n(the tree is longer than its view: does an e2e scope hold images of another suite?)';
    throw error;
  }
}

/** Matches the whole text (a label, a button title), whitespace around it aside. */
export function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function matchesLabel(label: string, match: RowMatch): boolean {
  return typeof match === 'string' ? label === match : match.test(label);
}

/** The row at `path` (each element matches one level, from the root), if the rows hold it. */
export function rowAtPath(rows: readonly TreeRow[], path: readonly RowMatch[]): TreeRow | undefined {
  let start = 0;
  let end = rows.length;
  let found: TreeRow | undefined;
  for (const [depth, match] of path.entries()) {
    const level = depth + 1;
    const hit = rows.slice(start, end).findIndex((r) => r.level === level && matchesLabel(r.label, match));
    if (hit < 0) return undefined;
    const at = start + hit;
    found = rows[at];
    let stop = at + 1;
    while (stop < end && rows[stop].level > level) stop++;
    start = at + 1;
    end = stop;
  }
  return found;
}

/** The row at `path` now, if any, and the rows read to look for it. */
export async function findRow(page: Page, path: readonly RowMatch[]): Promise<{ row?: TreeRow; rows: TreeRow[] }> {
  const rows = await readTree(page);
  return { row: rowAtPath(rows, path), rows };
}

function rowLocator(page: Page, row: TreeRow): Locator {
  return treeRowLocator(page)
    .and(page.locator(`[data-index="${row.index}"]`))
    .filter({ has: page.locator('.label-name', { hasText: exactText(row.label) }) });
}

/**
 * Waits until the tree has a row at `path` (e.g. ['erin · e2e-producer', 'My images', /^Private/,
 * 'img']) and returns it. The locator pins the row's position and label, so it stops matching
 * when the tree changes under it: look the row up again after an action.
 */
export async function waitForRow(page: Page, path: readonly RowMatch[], timeoutMs = 30_000): Promise<Locator> {
  const rows = await waitForTree(page, (r) => !!rowAtPath(r, path), `the row ${formatPath(path)}`, timeoutMs);
  return rowLocator(page, rowAtPath(rows, path) as TreeRow);
}

/** The row whose label is exactly `label`. */
export function treeRow(page: Page, label: string): Locator {
  return treeRowLocator(page).filter({ has: page.locator('.label-name', { hasText: exactText(label) }) });
}

/** Expands a collapsed row (a leaf or an expanded row is left as it is). */
export async function expandRow(row: Locator): Promise<void> {
  await setExpanded(row, true);
}

export async function collapseRow(row: Locator): Promise<void> {
  await setExpanded(row, false);
}

async function setExpanded(row: Locator, expanded: boolean): Promise<void> {
  // A row is found by its place in the list; rows arriving above it move it ("moved"). After the
  // click that is no failure: the caller waits for what the expanded row shows, read afresh.
  const state = () => row.getAttribute('aria-expanded', { timeout: 5_000 }).catch(() => 'moved');
  const initial = await state();
  if (initial === null || initial === String(expanded)) return;
  if (initial === 'moved') throw new Error('the row moved before its twistie could be clicked');
  await row.locator('.monaco-tl-twistie').click({ timeout: 10_000 });
  await poll(state, (s) => s === String(expanded) || s === 'moved', `the row to ${expanded ? 'expand' : 'collapse'}`, 30_000);
}

/** Every root signed in (in RegionOne), and each one's My images and Shared with me listed. */
export function rootsListed(rows: readonly TreeRow[], roots: readonly string[]): boolean {
  const signedIn = roots.every((root) => rows.some((r) => r.level === 1 && r.label === root && / · RegionOne$/.test(r.description)));
  const groups = rows.filter((r) => r.level === 2 && (r.label === 'My images' || r.label === 'Shared with me'));
  return signedIn && groups.length === 2 * roots.length && groups.every((g) => /^\d+/.test(g.description) && !/loading/.test(g.description));
}

/**
 * Waits until the tree has a row at `path`, expanding collapsed rows along it on the way: a
 * subgroup that was empty is a leaf, and a scope's reload collapses its subgroups.
 */
export async function waitForRowExpanding(page: Page, path: readonly RowMatch[], timeoutMs = 90_000): Promise<void> {
  const parent = path.slice(0, -1);
  await poll(
    async () => {
      const { row, rows } = await findRow(page, path);
      for (let depth = 1; !row && depth <= parent.length; depth++) {
        const at = rowAtPath(rows, parent.slice(0, depth));
        // A row is found by its place in the list: rows arriving above it (a scope's groups paint
        // one listing after another) move it, and the click misses. Read the tree again and retry.
        if (at && !at.expanded) await expandRow(await waitForRow(page, parent.slice(0, depth))).catch(() => undefined);
      }
      return row;
    },
    (row) => row !== undefined,
    `the row ${formatPath(path)}`,
    timeoutMs,
  );
}

/**
 * Each of `roots` signed in (its description names the region) with My images and Shared with me
 * listed, and nothing still loading or connecting: what a suite waits for before it starts.
 */
export function scopesListed(rows: readonly TreeRow[], roots: readonly string[]): boolean {
  const signedIn = roots.every((root) => rows.some((r) => r.level === 1 && r.label === root && / · RegionOne$/.test(r.description)));
  const groups = roots.flatMap((root) => ['My images', 'Shared with me'].map((group) => rowAtPath(rows, [root, group])));
  return (
    signedIn &&
    groups.every((g) => g !== undefined && /^\d+/.test(g.description) && !/loading/.test(g.description)) &&
    !rows.some((r) => /^(Loading|Connecting)/.test(r.label) || /loading|connecting/.test(r.description))
  );
}
