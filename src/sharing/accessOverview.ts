/**
 * The owner's access overview: rows are a scope's owned shared images, columns the member
 * projects, each cell a member's status and since when. The model is what the host reads from
 * Glance (src/ui/overview/); the webview (media/overview) and the exports (overviewExport.ts)
 * filter and total it with the same functions here, so what is shown is what is exported.
 * In admin mode ("All Shares") the rows are every shared image of the region, whoever owns it,
 * each with its owner, and are read as lines: owner project → image → member → status.
 */
import type { GlanceImage, GlanceMember } from '../openstack/models';

/** One scope of the overview (a project in one region of a cloud). */
export interface OverviewScope {
  readonly scopeId: string;
  readonly cloud: string;
  /** The region the page names: set only when the scope's cloud has several. */
  readonly region?: string;
  /**
   * The region the scope's requests go to (what `--os-region-name` names), for the exports: set
   * whenever it is known, also for a cloud with one region, so the exports say what Terraform
   * and the shell script say.
   */
  readonly regionName?: string;
  readonly projectId: string;
  readonly projectName: string;
  /** Listing the scope's shared images failed: why (its images are then missing, not empty). */
  readonly error?: string;
}

/** A member of one image: its status as Glance says it (an unknown one kept as its word) and dates. */
export interface OverviewCell {
  readonly projectId: string;
  readonly status: string;
  readonly created: string;
  readonly updated: string;
}

export type OverviewRowState = 'loading' | 'loaded' | 'failed';

export interface OverviewRow {
  readonly scopeId: string;
  readonly imageId: string;
  /** The image's name as Glance has it ('' when unnamed). */
  readonly imageName: string;
  readonly state: OverviewRowState;
  /** The owner project's ID (admin mode: rows of many owners; otherwise the scope's project owns them all). */
  readonly ownerId?: string;
  /** Why the members could not be read (state `failed`). */
  readonly reason?: string;
  readonly cells: readonly OverviewCell[];
}

export interface OverviewModel {
  readonly scopes: readonly OverviewScope[];
  readonly rows: readonly OverviewRow[];
  /** Project names by ID, as the project picker names them; an ID missing here is shown as an ID. */
  readonly names: Readonly<Record<string, string>>;
  /** Every listing has answered and every member list has been read or failed. */
  readonly done: boolean;
  /** When the model was made (ISO): ages are counted to this instant. */
  readonly now: string;
  /**
   * 'admin': every shared image of the scope's region whoever owns it (an admin token lists them
   * all), rows with their owner; absent: the scopes' own shared images.
   */
  readonly mode?: 'admin';
}

export interface OverviewFilter {
  /** Only pending members whose status is older than this many days (undefined: no such filter). */
  readonly pendingOlderThanDays?: number;
  readonly rejectedOnly: boolean;
  /** Only this member project. */
  readonly projectId?: string;
  /** Part of the image's name or ID, case-insensitive (in admin mode also of the owner's name or ID). */
  readonly imageText: string;
  /** Admin mode: which key orders the lines first (absent: owner, then image, member, status). */
  readonly sortBy?: AdminSortKey;
}

/** The keys an admin overview's lines are ordered by, in their default order. */
export const ADMIN_SORT_KEYS = ['owner', 'image', 'member', 'status'] as const;
export type AdminSortKey = (typeof ADMIN_SORT_KEYS)[number];

export const NO_FILTER: OverviewFilter = { rejectedOnly: false, imageText: '' };

export const OVERVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export interface Totals {
  readonly pending: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Every member counted, an unknown status included. */
  readonly all: number;
}

export interface OverviewColumn {
  readonly projectId: string;
  readonly projectName?: string;
}

export interface FilteredRow {
  readonly row: OverviewRow;
  /** The cells the filter keeps, by project ID. */
  readonly cells: ReadonlyMap<string, OverviewCell>;
  readonly totals: Totals;
}

export interface FilteredOverview {
  readonly columns: readonly OverviewColumn[];
  readonly rows: readonly FilteredRow[];
  readonly columnTotals: ReadonlyMap<string, Totals>;
  readonly total: Totals;
  /** Rows whose member lists are read (loaded or failed), of all rows. */
  readonly read: number;
}

const DAY_MS = 86_400_000;

/** A project's name in the model, if it has one: an own property only (a member ID may be "__proto__"). */
export function nameIn(names: Readonly<Record<string, string>>, projectId: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(names, projectId) && typeof names[projectId] === 'string' && names[projectId] !== '' ? names[projectId] : undefined;
}

/** A member as a cell: Glance's word for an unknown status (rawStatus), never 'other'. */
export function cellOf(member: GlanceMember): OverviewCell {
  return {
    projectId: member.member_id,
    status: member.status === 'other' ? (member.rawStatus ?? 'other') : member.status,
    created: member.created_at ?? '',
    updated: member.updated_at ?? '',
  };
}

/** An image whose members are being read; `withOwner` keeps its owner on the row (admin mode). */
export function loadingRow(scopeId: string, image: GlanceImage, withOwner = false): OverviewRow {
  return { scopeId, imageId: image.id, imageName: image.name ?? '', state: 'loading', ...(withOwner ? { ownerId: image.owner ?? '' } : {}), cells: [] };
}

export function loadedRow(row: OverviewRow, members: readonly GlanceMember[]): OverviewRow {
  return { ...row, state: 'loaded', reason: undefined, cells: members.map(cellOf) };
}

export function failedRow(row: OverviewRow, reason: string): OverviewRow {
  return { ...row, state: 'failed', reason, cells: [] };
}

/** Since when the cell is as it is: its last change (updated_at), else its creation. */
export function cellSince(cell: OverviewCell): string {
  return cell.updated || cell.created;
}

/** Whole days from `since` to `now`, or undefined when either date cannot be read. */
export function ageDays(since: string, now: string): number | undefined {
  const from = Date.parse(since);
  const to = Date.parse(now);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}

/** How long, in the largest unit that reads naturally: "<1 min", "5 min", "3 h", "12 d". */
/** How an age is written: the exports' English abbreviations, or the page's translated ones. */
export interface AgeUnits {
  readonly underAMinute: string;
  minutes(n: number): string;
  hours(n: number): string;
  days(n: number): string;
}

const ABBREVIATED: AgeUnits = { underAMinute: '<1 min', minutes: (n) => `${n} min`, hours: (n) => `${n} h`, days: (n) => `${n} d` };

export function ageText(since: string, now: string, units: AgeUnits = ABBREVIATED): string {
  const from = Date.parse(since);
  const to = Date.parse(now);
  if (Number.isNaN(from) || Number.isNaN(to)) return '';
  const ms = Math.max(0, to - from);
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return units.underAMinute;
  if (minutes < 60) return units.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return units.hours(hours);
  return units.days(Math.floor(ms / DAY_MS));
}

/** "pending 12 d": the status and how long it has been so. */
export function cellText(cell: OverviewCell, now: string): string {
  const age = ageText(cellSince(cell), now);
  return age ? `${cell.status} ${age}` : cell.status;
}

/** The image as a row shows it: its name, else its ID. */
export function rowLabel(row: OverviewRow): string {
  return row.imageName.trim() ? row.imageName : row.imageId;
}

function keepsCell(cell: OverviewCell, filter: OverviewFilter, now: string): boolean {
  if (filter.projectId && cell.projectId !== filter.projectId) return false;
  if (filter.rejectedOnly && cell.status !== 'rejected') return false;
  if (filter.pendingOlderThanDays !== undefined) {
    if (cell.status !== 'pending') return false;
    const days = ageDays(cellSince(cell), now);
    if (days === undefined || days < filter.pendingOlderThanDays) return false;
  }
  return true;
}

/** Whether the filter narrows the cells (then rows and columns without a kept cell are left out). */
export function filtersCells(filter: OverviewFilter): boolean {
  return !!filter.projectId || filter.rejectedOnly || filter.pendingOlderThanDays !== undefined;
}

function matchesText(row: OverviewRow, text: string, names?: Readonly<Record<string, string>>): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle || row.imageName.toLowerCase().includes(needle) || row.imageId.toLowerCase().includes(needle)) return true;
  // Admin mode: the owner's name or ID too ("every image of project X").
  const owner = names && row.ownerId !== undefined ? [row.ownerId, nameIn(names, row.ownerId) ?? ''] : [];
  return owner.some((t) => t.toLowerCase().includes(needle));
}

function emptyTotals(): { pending: number; accepted: number; rejected: number; all: number } {
  return { pending: 0, accepted: 0, rejected: 0, all: 0 };
}

function add(totals: ReturnType<typeof emptyTotals>, status: string): void {
  totals.all++;
  if (status === 'pending' || status === 'accepted' || status === 'rejected') totals[status]++;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Named projects by name first, then the unnamed ones by ID. */
export function compareColumns(a: OverviewColumn, b: OverviewColumn): number {
  if (!!a.projectName !== !!b.projectName) return a.projectName ? -1 : 1;
  return collator.compare(a.projectName ?? '', b.projectName ?? '') || a.projectId.localeCompare(b.projectId);
}

/** Rows by image name as people read it, unnamed last, then by ID. */
export function compareRows(a: OverviewRow, b: OverviewRow): number {
  const an = a.imageName.trim();
  const bn = b.imageName.trim();
  if (!!an !== !!bn) return an ? -1 : 1;
  return collator.compare(an, bn) || a.imageId.localeCompare(b.imageId) || a.scopeId.localeCompare(b.scopeId);
}

/**
 * What the filter keeps: rows matching the image text (a row still loading or failed stays while
 * the text matches: it cannot be judged, and says why); cells the status, age and project filters
 * keep; columns of the kept cells (every member project when no cell filter is set); totals of what
 * is kept.
 */
export function filterOverview(model: OverviewModel, filter: OverviewFilter): FilteredOverview {
  const narrowing = filtersCells(filter);
  const admin = model.mode === 'admin';
  const columnTotals = new Map<string, ReturnType<typeof emptyTotals>>();
  const total = emptyTotals();
  const rows: FilteredRow[] = [];
  const byOwner = (a: OverviewRow, b: OverviewRow) => compareColumns(ownerColumn(model, a), ownerColumn(model, b)) || compareRows(a, b);
  for (const row of [...model.rows].sort(admin ? byOwner : compareRows)) {
    if (!matchesText(row, filter.imageText, admin ? model.names : undefined)) continue;
    const cells = new Map<string, OverviewCell>();
    const totals = emptyTotals();
    for (const cell of row.cells) {
      if (!keepsCell(cell, filter, model.now)) continue;
      cells.set(cell.projectId, cell);
      add(totals, cell.status);
      add(total, cell.status);
      const column = columnTotals.get(cell.projectId) ?? emptyTotals();
      add(column, cell.status);
      columnTotals.set(cell.projectId, column);
    }
    if (narrowing && row.state === 'loaded' && cells.size === 0) continue;
    rows.push({ row, cells, totals });
  }
  const columns = [...columnTotals.keys()].map((projectId) => ({ projectId, projectName: nameIn(model.names, projectId) })).sort(compareColumns);
  return { columns, rows, columnTotals, total, read: model.rows.filter((r) => r.state !== 'loading').length };
}

/** Every member project of the model (for the one-project filter's choices), named ones first. */
export function memberProjects(model: OverviewModel): OverviewColumn[] {
  const ids = new Set<string>();
  model.rows.forEach((r) => r.cells.forEach((c) => ids.add(c.projectId)));
  return [...ids].map((projectId) => ({ projectId, projectName: nameIn(model.names, projectId) })).sort(compareColumns);
}

/** "12 images · 3 pending · 20 accepted · 1 rejected": a line of totals. */
export function totalsText(totals: Totals): string {
  return OVERVIEW_STATUSES.map((s) => `${totals[s]} ${s}`).join(' · ');
}

/** The owner of a row: its own (admin mode), else its scope's project. */
export function ownerColumn(model: OverviewModel, row: OverviewRow): OverviewColumn {
  if (row.ownerId !== undefined) return { projectId: row.ownerId, projectName: nameIn(model.names, row.ownerId) };
  const scope = model.scopes.find((s) => s.scopeId === row.scopeId);
  return { projectId: scope?.projectId ?? '', projectName: scope?.projectName || undefined };
}

/** One line of an admin overview: an image and one member kept by the filter (none: the row says why, or it has no member). */
export interface AdminLine {
  readonly row: OverviewRow;
  readonly owner: OverviewColumn;
  readonly member?: OverviewColumn;
  readonly cell?: OverviewCell;
}

const STATUS_ORDER: Readonly<Record<string, number>> = { pending: 0, accepted: 1, rejected: 2 };

function compareStatus(a: OverviewCell | undefined, b: OverviewCell | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3) || a.status.localeCompare(b.status);
}

function compareMember(a: AdminLine, b: AdminLine): number {
  if (!a.member || !b.member) return a.member ? -1 : b.member ? 1 : 0;
  return compareColumns(a.member, b.member);
}

const LINE_ORDER: Readonly<Record<AdminSortKey, (a: AdminLine, b: AdminLine) => number>> = {
  owner: (a, b) => compareColumns(a.owner, b.owner),
  image: (a, b) => compareRows(a.row, b.row),
  member: compareMember,
  status: (a, b) => compareStatus(a.cell, b.cell),
};

/**
 * The admin overview as lines, one per image and kept member (an image without one gets one line):
 * ordered by `sortBy` first, then owner project → image → member → status.
 */
export function adminLines(model: OverviewModel, view: FilteredOverview, sortBy: AdminSortKey = 'owner'): AdminLine[] {
  const lines: AdminLine[] = [];
  for (const { row, cells } of view.rows) {
    const owner = ownerColumn(model, row);
    const kept = [...cells.values()];
    if (kept.length === 0) lines.push({ row, owner });
    for (const cell of kept) lines.push({ row, owner, member: { projectId: cell.projectId, projectName: nameIn(model.names, cell.projectId) }, cell });
  }
  const keys = [sortBy, ...ADMIN_SORT_KEYS.filter((k) => k !== sortBy)];
  return lines.sort((a, b) => {
    for (const key of keys) {
      const order = LINE_ORDER[key](a, b);
      if (order) return order;
    }
    return 0;
  });
}

/** The distinct owner projects of the kept rows. */
export function ownerCount(model: OverviewModel, view: FilteredOverview): number {
  return new Set(view.rows.map(({ row }) => ownerColumn(model, row).projectId)).size;
}
