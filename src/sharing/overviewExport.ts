/**
 * The access overview as CSV, JSON and Markdown: what the filter keeps (filterOverview), with
 * names and IDs. Names are anyone's choice (docs: src/sharing/displayText.ts), so each format
 * writes them so that they stay text: CSV quotes per RFC 4180 and defuses spreadsheet formulas,
 * Markdown escapes every character that could start markup (and pipes in tables), JSON is JSON.
 */
import {
  adminLines,
  ageDays,
  cellSince,
  filterOverview,
  nameIn,
  ownerColumn,
  ownerCount,
  rowLabel,
  type FilteredOverview,
  type OverviewFilter,
  type OverviewModel,
  type OverviewRow,
  type OverviewScope,
} from './accessOverview';
import { plainText } from './displayText';

export type OverviewFormat = 'csv' | 'json' | 'markdown';
export const OVERVIEW_FORMATS: readonly OverviewFormat[] = ['csv', 'json', 'markdown'];

/** The editor language each format opens in. */
export const OVERVIEW_LANGUAGES: Readonly<Record<OverviewFormat, string>> = { csv: 'csv', json: 'json', markdown: 'markdown' };

/**
 * One CSV field: quoted when it holds a quote, comma, semicolon or line break (quotes doubled),
 * and a text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) led by an apostrophe.
 */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/** Text that Markdown shows as written: every ASCII punctuation that could start markup escaped, invisible characters written out. */
export function markdownText(value: string): string {
  return plainText(value).replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:]/g, '\\$&');
}

/** An ID in a code span when it is a plain ID; Glance takes any text as a member ID, so anything else is escaped text. */
export function markdownId(id: string): string {
  return /^[0-9A-Za-z_-]+$/.test(id) ? `\`${id}\`` : markdownText(id);
}

function scopeOf(model: OverviewModel, row: OverviewRow): OverviewScope | undefined {
  return model.scopes.find((s) => s.scopeId === row.scopeId);
}

function rowNote(row: OverviewRow): string {
  if (row.state === 'failed') return `members could not be read: ${row.reason ?? ''}`;
  if (row.state === 'loading') return 'members not read yet';
  return '';
}

const CSV_HEADER = [
  'cloud',
  'region',
  'owner project',
  'owner project id',
  'image',
  'image id',
  'member project',
  'member project id',
  'status',
  'since',
  'days',
  'note',
];

/** One line per image and member kept by the filter; an image without a kept member (failed, not read) gets one line saying why. */
export function overviewCsv(model: OverviewModel, filter: OverviewFilter): string {
  const view = filterOverview(model, filter);
  const lines = [CSV_HEADER];
  // Admin mode: the owner is each row's own, and the lines are in the order the page shows them.
  if (model.mode === 'admin') {
    for (const { row, owner, member, cell } of adminLines(model, view, filter.sortBy)) {
      const scope = scopeOf(model, row);
      const lead = [scope?.cloud ?? '', exportRegion(scope), owner.projectName ?? '', owner.projectId, rowLabel(row), row.imageId];
      if (!cell) lines.push([...lead, '', '', '', '', '', rowNote(row) || 'no members']);
      else {
        const since = cellSince(cell);
        lines.push([...lead, member?.projectName ?? '', cell.projectId, cell.status, since, String(ageDays(since, model.now) ?? ''), '']);
      }
    }
  }
  for (const { row, cells } of model.mode === 'admin' ? [] : view.rows) {
    const scope = scopeOf(model, row);
    const lead = [scope?.cloud ?? '', exportRegion(scope), scope?.projectName ?? '', scope?.projectId ?? '', rowLabel(row), row.imageId];
    const kept = view.columns.map((c) => cells.get(c.projectId)).filter((c) => c !== undefined);
    if (kept.length === 0) lines.push([...lead, '', '', '', '', '', rowNote(row) || 'no members']);
    for (const cell of kept) {
      const since = cellSince(cell);
      lines.push([...lead, nameIn(model.names, cell.projectId) ?? '', cell.projectId, cell.status, since, String(ageDays(since, model.now) ?? ''), '']);
    }
  }
  for (const scope of model.scopes.filter((s) => s.error)) {
    lines.push([scope.cloud, exportRegion(scope), scope.projectName, scope.projectId, '', '', '', '', '', '', '', `images could not be listed: ${scope.error}`]);
  }
  return `${lines.map((fields) => fields.map((f) => csvField(plainText(f))).join(',')).join('\r\n')}\r\n`;
}

/** The same as data: scopes, images with their kept members, and what could not be read. */
export function overviewJson(model: OverviewModel, filter: OverviewFilter): string {
  const view = filterOverview(model, filter);
  const data = {
    generated: model.now,
    complete: model.done,
    ...(model.mode === 'admin' ? { mode: 'admin' } : {}),
    filter: { ...filter, pendingOlderThanDays: filter.pendingOlderThanDays ?? null, projectId: filter.projectId ?? null },
    scopes: model.scopes.map((s) => ({
      scopeId: s.scopeId,
      cloud: s.cloud,
      region: exportRegion(s) || null,
      projectId: s.projectId,
      projectName: s.projectName,
      error: s.error ?? null,
    })),
    projects: view.columns.map((c) => ({ id: c.projectId, name: c.projectName ?? null, ...totalsOf(view, c.projectId) })),
    images: view.rows.map(({ row, cells, totals }) => ({
      id: row.imageId,
      name: row.imageName || null,
      scopeId: row.scopeId,
      ownerProjectId: model.mode === 'admin' ? (row.ownerId ?? null) : (scopeOf(model, row)?.projectId ?? null),
      ...(model.mode === 'admin' ? { ownerProjectName: ownerColumn(model, row).projectName ?? null } : {}),
      state: row.state,
      ...(row.reason ? { reason: row.reason } : {}),
      members: view.columns
        .map((c) => cells.get(c.projectId))
        .filter((c) => c !== undefined)
        .map((c) => ({
          projectId: c.projectId,
          projectName: nameIn(model.names, c.projectId) ?? null,
          status: c.status,
          since: cellSince(c) || null,
          days: ageDays(cellSince(c), model.now) ?? null,
          created: c.created || null,
          updated: c.updated || null,
        })),
      totals,
    })),
    totals: view.total,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

function totalsOf(view: FilteredOverview, projectId: string) {
  const t = view.columnTotals.get(projectId);
  return { totals: t ?? { pending: 0, accepted: 0, rejected: 0, all: 0 } };
}

/** The matrix as a Markdown table (image × project, "pending 12 d" cells, totals), then the projects with their IDs. */
export function overviewMarkdown(model: OverviewModel, filter: OverviewFilter): string {
  if (model.mode === 'admin') return adminMarkdown(model, filter);
  const view = filterOverview(model, filter);
  const projectName = (id: string) => {
    const name = nameIn(model.names, id);
    return name ? markdownText(name) : markdownId(id);
  };
  const scopes = model.scopes.map(scopeText);
  const lines = [`# Access overview`, '', `Owned shared images of ${scopes.join('; ')}, as of ${model.now}${model.done ? '' : ' (still reading)'}.`, ''];
  const header = ['Image', 'Image ID', ...view.columns.map((c) => projectName(c.projectId)), 'Total'];
  lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const { row, cells, totals } of view.rows) {
    const note = rowNote(row);
    const values = view.columns.map((c) => {
      const cell = cells.get(c.projectId);
      if (!cell) return '';
      const days = ageDays(cellSince(cell), model.now);
      return `${markdownText(cell.status)}${days === undefined ? '' : ` ${days} d`}`;
    });
    lines.push(
      `| ${markdownText(rowLabel(row))}${note ? ` (${markdownText(note)})` : ''} | ${markdownId(row.imageId)} | ${values.join(' | ')}${values.length ? ' | ' : ''}${totals.all} |`,
    );
  }
  const columnTotals = view.columns.map((c) => String(view.columnTotals.get(c.projectId)?.all ?? 0));
  lines.push(`| **Total** | | ${columnTotals.join(' | ')}${columnTotals.length ? ' | ' : ''}${view.total.all} |`, '');
  lines.push(`${view.total.pending} pending · ${view.total.accepted} accepted · ${view.total.rejected} rejected.`, '');
  if (view.columns.length) {
    lines.push(
      '## Projects',
      '',
      ...view.columns.map((c) => (c.projectName ? `- ${markdownText(c.projectName)}: ${markdownId(c.projectId)}` : `- ${markdownId(c.projectId)}`)),
      '',
    );
  }
  lines.push(...notListed(model));
  return lines.join('\n');
}

/** The scopes whose images could not be listed, as a Markdown section (none: nothing). */
function notListed(model: OverviewModel): string[] {
  const failedScopes = model.scopes.filter((s) => s.error);
  if (!failedScopes.length) return [];
  return [
    '## Not listed',
    '',
    ...failedScopes.map((s) => `- ${markdownText(s.cloud)} · ${markdownText(s.projectName || s.projectId)}: ${markdownText(s.error ?? '')}`),
    '',
  ];
}

function scopeText(s: OverviewScope): string {
  const region = exportRegion(s);
  return `${markdownText(s.cloud)}${region ? ` · ${markdownText(region)}` : ''} · ${markdownText(s.projectName || s.projectId)} (${markdownId(s.projectId)})`;
}

/** The region an export names: where the scope's requests go, as the Terraform and shell exports say. */
function exportRegion(s: OverviewScope | undefined): string {
  return s?.regionName ?? s?.region ?? '';
}

/** Admin mode: one table line per image and member (owner project → image → member → status), names beside their IDs. */
function adminMarkdown(model: OverviewModel, filter: OverviewFilter): string {
  const view = filterOverview(model, filter);
  const name = (n: string | undefined) => (n ? markdownText(n) : '');
  const lines = [
    '# All shares (admin)',
    '',
    `Every project's shared images in the region of ${model.scopes.map(scopeText).join('; ')}, as of ${model.now}${model.done ? '' : ' (still reading)'}.`,
    '',
    '| Owner | Owner ID | Image | Image ID | Member | Member ID | Status | Days |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { row, owner, member, cell } of adminLines(model, view, filter.sortBy)) {
    const note = cell ? '' : rowNote(row) || 'no members';
    const days = cell ? ageDays(cellSince(cell), model.now) : undefined;
    lines.push(
      `| ${name(owner.projectName)} | ${owner.projectId ? markdownId(owner.projectId) : ''} | ${markdownText(rowLabel(row))} | ${markdownId(row.imageId)} | ${name(member?.projectName)} | ${cell ? markdownId(cell.projectId) : ''} | ${cell ? markdownText(cell.status) : `(${markdownText(note)})`} | ${days ?? ''} |`,
    );
  }
  lines.push(
    '',
    `${view.rows.length} images of ${ownerCount(model, view)} owner projects · ${view.total.pending} pending · ${view.total.accepted} accepted · ${view.total.rejected} rejected.`,
    '',
  );
  lines.push(...notListed(model));
  return lines.join('\n');
}

export function renderOverview(format: OverviewFormat, model: OverviewModel, filter: OverviewFilter): string {
  switch (format) {
    case 'csv':
      return overviewCsv(model, filter);
    case 'json':
      return overviewJson(model, filter);
    case 'markdown':
      return overviewMarkdown(model, filter);
  }
}
