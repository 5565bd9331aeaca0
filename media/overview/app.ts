/**
 * The access overview's view: a toolbar of filters and exports built once, then a table drawn
 * from each model the extension sends (rows = images, columns = member projects, cells = status
 * and age). Filtering and totals are src/sharing/accessOverview.ts's, the same the exports use.
 * Every value from Glance goes in as text (media/members/dom.ts); one click listener on the table
 * serves every row and cell.
 */
import * as l10n from '@vscode/l10n';
import {
  ADMIN_SORT_KEYS,
  adminLines,
  ageText,
  cellSince,
  filterOverview,
  memberProjects,
  nameIn,
  ownerCount,
  rowLabel,
  type AdminSortKey,
  type AgeUnits,
  type OverviewCell,
  type FilteredOverview,
  type OverviewColumn,
  type OverviewFilter,
  type OverviewModel,
  type Totals,
} from '../../src/sharing/accessOverview';
import { displayText } from '../../src/sharing/displayText';
import type { OverviewFormat } from '../../src/sharing/overviewExport';
import type { OverviewRequest, OverviewUpdate } from '../../src/sharing/overviewProtocol';
import { h, replaceChildren, show } from '../members/dom';
import { statusBadge } from '../members/statusBadge';

export interface OverviewAppOptions {
  readonly filter: OverviewFilter;
  post(request: OverviewRequest): void;
  persist(filter: OverviewFilter): void;
}

const exportButtons = (): ReadonlyArray<{ readonly format: OverviewFormat; readonly title: string }> => [
  { format: 'csv', title: l10n.t('Export CSV') },
  { format: 'json', title: l10n.t('Export JSON') },
  { format: 'markdown', title: l10n.t('Export Markdown') },
];

/** An admin column's header and its button's tooltip. */
function sortWords(key: AdminSortKey): { readonly title: string; readonly tooltip: string } {
  switch (key) {
    case 'owner':
      return { title: l10n.t('Owner project'), tooltip: l10n.t('Sort by owner project') };
    case 'image':
      return { title: l10n.t('Image'), tooltip: l10n.t('Sort by image') };
    case 'member':
      return { title: l10n.t('Member project'), tooltip: l10n.t('Sort by member project') };
    case 'status':
      return { title: l10n.t('Status'), tooltip: l10n.t('Sort by status') };
  }
}

/** A row's total, short: "3 · 1 pending · 1 rejected". */
function totalShort(t: Totals): string {
  return [String(t.all), t.pending ? l10n.t('{0} pending', t.pending) : '', t.rejected ? l10n.t('{0} rejected', t.rejected) : ''].filter(Boolean).join(' \u00b7 ');
}

/** "2 pending · 1 accepted · 0 rejected": the totals line (the exports write theirs in English, accessOverview.ts). */
function totalsLine(t: Totals): string {
  return l10n.t('{0} pending \u00b7 {1} accepted \u00b7 {2} rejected', t.pending, t.accepted, t.rejected);
}

const ageUnits = (): AgeUnits => ({
  underAMinute: l10n.t('<1 min'),
  minutes: (n) => l10n.t('{0} min', n),
  hours: (n) => l10n.t('{0} h', n),
  days: (n) => l10n.t('{0} d', n),
});

/** How long a cell's answer has stood, in the page's language. */
function cellAge(cell: OverviewCell, now: string): string {
  return ageText(cellSince(cell), now, ageUnits());
}

/** "3 images", "1 image": each count with its own sentence, as translations need. */
function imagesCount(n: number): string {
  return n === 1 ? l10n.t('1 image') : l10n.t('{0} images', n);
}

export class OverviewApp {
  private model: OverviewModel | undefined;
  private filter: OverviewFilter;

  private readonly heading = h('h1', { id: 'overview-title' }, l10n.t('Access overview'));
  private readonly scopeLine = h('p', { class: 'scope', id: 'overview-scopes' });
  private readonly progress = h('progress', { id: 'overview-progress', max: 1, value: 0, 'aria-label': l10n.t('Member lists read') });
  private readonly progressText = h('span', { id: 'overview-progress-text', role: 'status' });
  private readonly refreshButton = h(
    'button',
    { type: 'button', class: 'button secondary', id: 'overview-refresh', title: l10n.t('Read the images and their members again') },
    l10n.t('Refresh'),
  );
  private readonly errorBox = h('div', { class: 'error', id: 'overview-error', role: 'alert', hidden: true });
  private readonly scopeErrors = h('ul', { class: 'scope-errors', id: 'overview-scope-errors', hidden: true });

  private readonly textInput = h('input', { type: 'search', id: 'filter-text', placeholder: l10n.t('name or ID'), 'aria-label': l10n.t('Image name or ID contains') });
  private readonly pendingCheck = h('input', { type: 'checkbox', id: 'filter-pending' });
  private readonly daysInput = h('input', { type: 'number', id: 'filter-days', min: 0, step: 1, value: 7, 'aria-label': l10n.t('Pending for more than this many days') });
  private readonly rejectedCheck = h('input', { type: 'checkbox', id: 'filter-rejected' });
  private readonly projectSelect = h('select', { id: 'filter-project', 'aria-label': l10n.t('Member project') });
  private readonly summary = h('p', { class: 'summary', id: 'overview-summary', 'aria-live': 'polite' });

  private readonly headRow = h('tr');
  private readonly body = h('tbody');
  private readonly footRow = h('tr', { class: 'totals-row' });
  private readonly table = h(
    'table',
    { class: 'overview-table', id: 'overview-table', 'aria-describedby': 'overview-summary' },
    h('thead', {}, this.headRow),
    this.body,
    h('tfoot', {}, this.footRow),
  );
  private readonly empty = h('p', { class: 'empty', id: 'overview-empty', hidden: true });

  constructor(
    private readonly root: HTMLElement,
    private readonly options: OverviewAppOptions,
  ) {
    this.filter = options.filter;
    this.build();
  }

  update(message: OverviewUpdate): void {
    if (message.type === 'error') {
      this.errorBox.textContent = message.message;
      show(this.errorBox, true);
      return;
    }
    this.model = message.model;
    this.render();
  }

  start(): void {
    this.options.post({ type: 'ready' });
  }

  private build(): void {
    const exports = exportButtons().map(({ format, title }) => h('button', { type: 'button', class: 'button secondary', 'data-export': format }, title));
    const toolbar = h('div', { class: 'toolbar' }, h('span', { class: 'progress-wrap' }, this.progress, this.progressText), this.refreshButton, ...exports);
    const filters = h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': l10n.t('Filters') },
      h('label', { class: 'field' }, l10n.t('Image'), ' ', this.textInput),
      h('label', { class: 'field' }, this.pendingCheck, ' ', ...placed(l10n.t('Pending for more than {0} days'), this.daysInput)),
      h('label', { class: 'field' }, this.rejectedCheck, ' ', l10n.t('Rejected only')),
      h('label', { class: 'field' }, l10n.t('Project'), ' ', this.projectSelect),
    );
    this.root.replaceChildren(
      h('header', {}, this.heading, this.scopeLine, toolbar),
      this.errorBox,
      this.scopeErrors,
      filters,
      this.summary,
      h('div', { class: 'table-wrap' }, this.table),
      this.empty,
    );
    this.textInput.value = this.filter.imageText;
    this.pendingCheck.checked = this.filter.pendingOlderThanDays !== undefined;
    if (this.filter.pendingOlderThanDays !== undefined) this.daysInput.value = String(this.filter.pendingOlderThanDays);
    this.rejectedCheck.checked = this.filter.rejectedOnly;
    this.projectSelect.appendChild(h('option', { value: '' }, l10n.t('All projects')));

    const changed = () => this.readFilter();
    this.textInput.addEventListener('input', changed);
    this.pendingCheck.addEventListener('change', () => {
      if (this.pendingCheck.checked) this.rejectedCheck.checked = false;
      changed();
    });
    this.rejectedCheck.addEventListener('change', () => {
      if (this.rejectedCheck.checked) this.pendingCheck.checked = false;
      changed();
    });
    this.daysInput.addEventListener('input', changed);
    this.projectSelect.addEventListener('change', changed);
    this.refreshButton.addEventListener('click', () => this.options.post({ type: 'refresh' }));
    toolbar.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-export]') : null;
      if (button) this.options.post({ type: 'export', format: button.dataset.export as OverviewFormat, filter: this.filter });
    });
    this.table.addEventListener('click', (event) => {
      const sort = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-sort]')?.dataset.sort : undefined;
      const sortBy = ADMIN_SORT_KEYS.find((k) => k === sort);
      if (sortBy) {
        this.filter = { ...this.filter, sortBy };
        this.options.persist(this.filter);
        this.render();
        return;
      }
      const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-image-id]') : null;
      const scopeId = target?.dataset.scopeId;
      const imageId = target?.dataset.imageId;
      if (scopeId && imageId) this.options.post({ type: 'openMembers', scopeId, imageId });
    });
  }

  private readFilter(): void {
    const days = Number.parseInt(this.daysInput.value, 10);
    this.filter = {
      ...(this.pendingCheck.checked ? { pendingOlderThanDays: Number.isFinite(days) && days >= 0 ? days : 0 } : {}),
      rejectedOnly: this.rejectedCheck.checked,
      ...(this.projectSelect.value ? { projectId: this.projectSelect.value } : {}),
      imageText: this.textInput.value,
      ...(this.filter.sortBy ? { sortBy: this.filter.sortBy } : {}),
    };
    this.options.persist(this.filter);
    this.render();
  }

  private projectLabel(projectId: string): string {
    const name = this.model ? nameIn(this.model.names, projectId) : undefined;
    return name ? displayText(name) : projectId;
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    this.root.setAttribute('aria-busy', model.done ? 'false' : 'true');
    const multi = model.scopes.length > 1;
    const scopeLabel = (scopeId: string) => {
      const s = model.scopes.find((x) => x.scopeId === scopeId);
      return s
        ? [s.projectName || s.projectId, s.region]
            .filter(Boolean)
            .map((t) => displayText(t ?? ''))
            .join(' \u00b7 ')
        : scopeId;
    };
    this.scopeLine.textContent = model.scopes
      .map((s) =>
        [s.cloud, s.projectName || s.projectId, s.region]
          .filter(Boolean)
          .map((t) => displayText(t ?? ''))
          .join(' \u00b7 '),
      )
      .join('; ');
    const failedScopes = model.scopes.filter((s) => s.error);
    replaceChildren(
      this.scopeErrors,
      ...failedScopes.map((s) =>
        h('li', {}, l10n.t('{0}: images could not be listed: {1}', `${displayText(s.cloud)} \u00b7 ${displayText(s.projectName || s.projectId)}`, s.error ?? '')),
      ),
    );
    show(this.scopeErrors, failedScopes.length > 0);

    this.renderProjectChoices(model);
    const view = filterOverview(model, this.filter);
    const admin = model.mode === 'admin';
    this.heading.textContent = admin ? l10n.t('All shares (admin)') : l10n.t('Access overview');
    if (admin) this.scopeLine.textContent = l10n.t('{0}: every project\u2019s shared images in this region', this.scopeLine.textContent);
    const total = model.rows.length;
    this.progress.max = Math.max(total, 1);
    this.progress.value = model.done ? Math.max(total, 1) : view.read;
    show(this.progress, !model.done);
    this.progressText.textContent = model.done
      ? total === 1
        ? l10n.t('1 image read')
        : l10n.t('{0} images read', total)
      : total === 1
        ? l10n.t('Reading members\u2026 {0} of 1 image', view.read)
        : l10n.t('Reading members\u2026 {0} of {1} images', view.read, total);

    if (admin) {
      this.renderAdmin(model, view);
      return;
    }
    replaceChildren(
      this.headRow,
      h('th', { scope: 'col', class: 'image-col' }, l10n.t('Image')),
      multi ? h('th', { scope: 'col' }, l10n.t('Scope')) : null,
      ...view.columns.map((c) =>
        h(
          'th',
          { scope: 'col', class: 'project-col', title: c.projectId, 'data-project-id': c.projectId },
          c.projectName ? h('span', { class: 'project-name' }, displayText(c.projectName)) : h('code', { class: 'project-id' }, c.projectId),
        ),
      ),
      h('th', { scope: 'col', class: 'total-col' }, l10n.t('Total')),
    );
    const rows = view.rows.map(({ row, cells, totals }) => {
      const ids = { 'data-scope-id': row.scopeId, 'data-image-id': row.imageId };
      const label = displayText(rowLabel(row));
      const tr = h(
        'tr',
        { ...ids, class: `row-${row.state}` },
        h('th', { scope: 'row', class: 'image' }, h('button', { type: 'button', class: 'link', ...ids, title: l10n.t('{0}: open its members', row.imageId) }, label)),
        multi ? h('td', { class: 'scope-cell' }, scopeLabel(row.scopeId)) : null,
      );
      if (row.state !== 'loaded') {
        const text = row.state === 'failed' ? l10n.t('Members could not be read: {0}', row.reason ?? '') : l10n.t('Reading members\u2026');
        tr.appendChild(h('td', { class: row.state === 'failed' ? 'row-reason' : 'row-loading', colspan: Math.max(view.columns.length, 1) }, text));
        if (view.columns.length === 0) tr.lastElementChild?.setAttribute('colspan', '1');
      } else {
        for (const column of view.columns) {
          const cell = cells.get(column.projectId);
          tr.appendChild(
            cell
              ? h(
                  'td',
                  { class: 'cell' },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'cell-button',
                      ...ids,
                      'data-project-id': cell.projectId,
                      title: l10n.t('{0} ({1}): {2} since {3}', this.projectLabel(cell.projectId), cell.projectId, cell.status, cell.updated || cell.created),
                    },
                    statusBadge(cell.status),
                    h('span', { class: 'age' }, cellAge(cell, model.now)),
                  ),
                )
              : h('td', { class: 'cell none' }, ''),
          );
        }
        if (view.columns.length === 0) tr.appendChild(h('td', { class: 'cell none' }, ''));
      }
      tr.appendChild(h('td', { class: 'total' }, totalShort(totals)));
      return tr;
    });
    this.body.replaceChildren(...rows);
    replaceChildren(
      this.footRow,
      h('th', { scope: 'row' }, l10n.t('Total')),
      multi ? h('td', {}, '') : null,
      ...view.columns.map((c) =>
        h('td', { class: 'total', 'data-project-id': c.projectId }, totalShort(view.columnTotals.get(c.projectId) ?? { pending: 0, accepted: 0, rejected: 0, all: 0 })),
      ),
      view.columns.length === 0 ? h('td', {}, '') : null,
      h('td', { class: 'total' }, totalShort(view.total)),
    );
    show(this.table, view.rows.length > 0);
    const nothing =
      model.rows.length === 0 ? (model.done ? l10n.t('This project owns no shared image.') : '') : view.rows.length === 0 ? l10n.t('Nothing matches these filters.') : '';
    this.empty.textContent = nothing;
    show(this.empty, !!nothing);
    this.summary.textContent = [
      imagesCount(view.rows.length),
      view.columns.length === 1 ? l10n.t('1 project') : l10n.t('{0} projects', view.columns.length),
      totalsLine(view.total),
    ].join(' \u00b7 ');
  }

  private projectCell(column: OverviewColumn | undefined): HTMLElement | string {
    if (!column) return '';
    return column.projectName
      ? h('span', { class: 'project-name', title: column.projectId }, displayText(column.projectName))
      : h('code', { class: 'project-id' }, column.projectId);
  }

  /**
   * Admin mode: one line per image and member, ordered by the chosen key (a header's button), then
   * owner project → image → member → status. A run of lines of one owner or image shows its name
   * once (the later lines keep it for screen readers, dimmed: class "repeat").
   */
  private renderAdmin(model: OverviewModel, view: FilteredOverview): void {
    const sortBy = this.filter.sortBy ?? 'owner';
    replaceChildren(
      this.headRow,
      ...ADMIN_SORT_KEYS.map((key) =>
        h(
          'th',
          { scope: 'col', class: `${key}-col`, 'aria-sort': key === sortBy ? 'ascending' : 'none' },
          h('button', { type: 'button', class: 'link sort', 'data-sort': key, title: sortWords(key).tooltip }, sortWords(key).title),
        ),
      ),
    );
    let previous: { owner: string; image: string } | undefined;
    const rows = adminLines(model, view, sortBy).map(({ row, owner, member, cell }) => {
      const ids = { 'data-scope-id': row.scopeId, 'data-image-id': row.imageId };
      const sameOwner = previous?.owner === owner.projectId;
      const sameImage = sameOwner && previous?.image === row.imageId;
      previous = { owner: owner.projectId, image: row.imageId };
      const tr = h(
        'tr',
        { ...ids, class: `row-${row.state}`, 'data-owner-id': owner.projectId, ...(member ? { 'data-project-id': member.projectId } : {}) },
        h('th', { scope: 'row', class: `owner${sameOwner ? ' repeat' : ''}` }, this.projectCell(owner)),
        h(
          'td',
          { class: `image${sameImage ? ' repeat' : ''}` },
          h('button', { type: 'button', class: 'link', ...ids, title: l10n.t('{0}: open its members', row.imageId) }, displayText(rowLabel(row))),
        ),
      );
      if (cell) {
        tr.append(
          h('td', { class: 'member' }, this.projectCell(member)),
          h(
            'td',
            { class: 'cell' },
            h(
              'button',
              {
                type: 'button',
                class: 'cell-button',
                ...ids,
                'data-project-id': cell.projectId,
                title: l10n.t('{0} since {1}', cell.status, cell.updated || cell.created),
              },
              statusBadge(cell.status),
              h('span', { class: 'age' }, cellAge(cell, model.now)),
            ),
          ),
        );
      } else {
        const text =
          row.state === 'failed'
            ? l10n.t('Members could not be read: {0}', row.reason ?? '')
            : row.state === 'loading'
              ? l10n.t('Reading members\u2026')
              : l10n.t('No members');
        tr.appendChild(h('td', { class: row.state === 'failed' ? 'row-reason' : 'row-loading', colspan: 2 }, text));
      }
      return tr;
    });
    this.body.replaceChildren(...rows);
    replaceChildren(this.footRow);
    show(this.table, view.rows.length > 0);
    const nothing =
      model.rows.length === 0
        ? model.done
          ? l10n.t('No project has a shared image in this region.')
          : ''
        : view.rows.length === 0
          ? l10n.t('Nothing matches these filters.')
          : '';
    this.empty.textContent = nothing;
    show(this.empty, !!nothing);
    const owners = ownerCount(model, view);
    this.summary.textContent = [
      owners === 1 ? l10n.t('{0} of 1 owner project', imagesCount(view.rows.length)) : l10n.t('{0} of {1} owner projects', imagesCount(view.rows.length), owners),
      view.columns.length === 1 ? l10n.t('1 member project') : l10n.t('{0} member projects', view.columns.length),
      totalsLine(view.total),
    ].join(' \u00b7 ');
  }

  /** The one-project filter lists every member project of the model; a chosen one stays while the model lacks it. */
  private renderProjectChoices(model: OverviewModel): void {
    const chosen = this.filter.projectId ?? '';
    const projects = memberProjects(model);
    const options = [
      h('option', { value: '' }, l10n.t('All projects')),
      ...projects.map((p) => h('option', { value: p.projectId }, p.projectName ? `${displayText(p.projectName)} (${p.projectId})` : p.projectId)),
    ];
    if (chosen && !projects.some((p) => p.projectId === chosen)) options.push(h('option', { value: chosen }, chosen));
    this.projectSelect.replaceChildren(...options);
    this.projectSelect.value = chosen;
  }
}

/** A translated phrase with an element in its {0} place: the words around it stay text. */
function placed(template: string, element: HTMLElement): Array<HTMLElement | string> {
  return template
    .split('{0}')
    .flatMap((piece, i) => (i === 0 ? [piece] : [element, piece]))
    .filter((part) => part !== '');
}
