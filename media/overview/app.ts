/**
 * The access overview's view: a toolbar of filters and exports built once, then a table drawn
 * from each model the extension sends (rows = images, columns = member projects, cells = status
 * and age). Filtering and totals are src/sharing/accessOverview.ts's, the same the exports use.
 * Every value from Glance goes in as text (media/members/dom.ts); one click listener on the table
 * serves every row and cell.
 */
import {
  ADMIN_SORT_KEYS,
  adminLines,
  cellText,
  filterOverview,
  memberProjects,
  nameIn,
  ownerCount,
  rowLabel,
  totalsText,
  type AdminSortKey,
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

const EXPORTS: ReadonlyArray<{ readonly format: OverviewFormat; readonly title: string }> = [
  { format: 'csv', title: 'Export CSV' },
  { format: 'json', title: 'Export JSON' },
  { format: 'markdown', title: 'Export Markdown' },
];

const SORT_TITLES: Readonly<Record<AdminSortKey, string>> = { owner: 'Owner project', image: 'Image', member: 'Member project', status: 'Status' };

/** A row's total, short: "3 · 1 pending · 1 rejected". */
function totalShort(t: Totals): string {
  return [String(t.all), t.pending ? `${t.pending} pending` : '', t.rejected ? `${t.rejected} rejected` : ''].filter(Boolean).join(' \u00b7 ');
}

export class OverviewApp {
  private model: OverviewModel | undefined;
  private filter: OverviewFilter;

  private readonly heading = h('h1', { id: 'overview-title' }, 'Access overview');
  private readonly scopeLine = h('p', { class: 'scope', id: 'overview-scopes' });
  private readonly progress = h('progress', { id: 'overview-progress', max: 1, value: 0, 'aria-label': 'Member lists read' });
  private readonly progressText = h('span', { id: 'overview-progress-text', role: 'status' });
  private readonly refreshButton = h(
    'button',
    { type: 'button', class: 'button secondary', id: 'overview-refresh', title: 'Read the images and their members again' },
    'Refresh',
  );
  private readonly errorBox = h('div', { class: 'error', id: 'overview-error', role: 'alert', hidden: true });
  private readonly scopeErrors = h('ul', { class: 'scope-errors', id: 'overview-scope-errors', hidden: true });

  private readonly textInput = h('input', { type: 'search', id: 'filter-text', placeholder: 'name or ID', 'aria-label': 'Image name or ID contains' });
  private readonly pendingCheck = h('input', { type: 'checkbox', id: 'filter-pending' });
  private readonly daysInput = h('input', { type: 'number', id: 'filter-days', min: 0, step: 1, value: 7, 'aria-label': 'Pending for more than this many days' });
  private readonly rejectedCheck = h('input', { type: 'checkbox', id: 'filter-rejected' });
  private readonly projectSelect = h('select', { id: 'filter-project', 'aria-label': 'Member project' });
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
    const exports = EXPORTS.map(({ format, title }) => h('button', { type: 'button', class: 'button secondary', 'data-export': format }, title));
    const toolbar = h('div', { class: 'toolbar' }, h('span', { class: 'progress-wrap' }, this.progress, this.progressText), this.refreshButton, ...exports);
    const filters = h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': 'Filters' },
      h('label', { class: 'field' }, 'Image ', this.textInput),
      h('label', { class: 'field' }, this.pendingCheck, ' Pending for more than ', this.daysInput, ' days'),
      h('label', { class: 'field' }, this.rejectedCheck, ' Rejected only'),
      h('label', { class: 'field' }, 'Project ', this.projectSelect),
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
    this.projectSelect.appendChild(h('option', { value: '' }, 'All projects'));

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
        h('li', {}, `${displayText(s.cloud)} \u00b7 ${displayText(s.projectName || s.projectId)}: images could not be listed: ${s.error ?? ''}`),
      ),
    );
    show(this.scopeErrors, failedScopes.length > 0);

    this.renderProjectChoices(model);
    const view = filterOverview(model, this.filter);
    const admin = model.mode === 'admin';
    this.heading.textContent = admin ? 'All shares (admin)' : 'Access overview';
    if (admin) this.scopeLine.textContent = `${this.scopeLine.textContent}: every project\u2019s shared images in this region`;
    const total = model.rows.length;
    this.progress.max = Math.max(total, 1);
    this.progress.value = model.done ? Math.max(total, 1) : view.read;
    show(this.progress, !model.done);
    this.progressText.textContent = model.done
      ? `${total} image${total === 1 ? '' : 's'} read`
      : `Reading members\u2026 ${view.read} of ${total} image${total === 1 ? '' : 's'}`;

    if (admin) {
      this.renderAdmin(model, view);
      return;
    }
    replaceChildren(
      this.headRow,
      h('th', { scope: 'col', class: 'image-col' }, 'Image'),
      multi ? h('th', { scope: 'col' }, 'Scope') : null,
      ...view.columns.map((c) =>
        h(
          'th',
          { scope: 'col', class: 'project-col', title: c.projectId, 'data-project-id': c.projectId },
          c.projectName ? h('span', { class: 'project-name' }, displayText(c.projectName)) : h('code', { class: 'project-id' }, c.projectId),
        ),
      ),
      h('th', { scope: 'col', class: 'total-col' }, 'Total'),
    );
    const rows = view.rows.map(({ row, cells, totals }) => {
      const ids = { 'data-scope-id': row.scopeId, 'data-image-id': row.imageId };
      const label = displayText(rowLabel(row));
      const tr = h(
        'tr',
        { ...ids, class: `row-${row.state}` },
        h('th', { scope: 'row', class: 'image' }, h('button', { type: 'button', class: 'link', ...ids, title: `${row.imageId}: open its members` }, label)),
        multi ? h('td', { class: 'scope-cell' }, scopeLabel(row.scopeId)) : null,
      );
      if (row.state !== 'loaded') {
        const text = row.state === 'failed' ? `Members could not be read: ${row.reason ?? ''}` : 'Reading members\u2026';
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
                      title: `${this.projectLabel(cell.projectId)} (${cell.projectId}): ${cell.status} since ${cell.updated || cell.created}`,
                    },
                    statusBadge(cell.status),
                    h('span', { class: 'age' }, cellText(cell, model.now).slice(cell.status.length).trim()),
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
      h('th', { scope: 'row' }, 'Total'),
      multi ? h('td', {}, '') : null,
      ...view.columns.map((c) =>
        h('td', { class: 'total', 'data-project-id': c.projectId }, totalShort(view.columnTotals.get(c.projectId) ?? { pending: 0, accepted: 0, rejected: 0, all: 0 })),
      ),
      view.columns.length === 0 ? h('td', {}, '') : null,
      h('td', { class: 'total' }, totalShort(view.total)),
    );
    show(this.table, view.rows.length > 0);
    const nothing = model.rows.length === 0 ? (model.done ? 'This project owns no shared image.' : '') : view.rows.length === 0 ? 'Nothing matches these filters.' : '';
    this.empty.textContent = nothing;
    show(this.empty, !!nothing);
    this.summary.textContent = `${view.rows.length} image${view.rows.length === 1 ? '' : 's'} \u00b7 ${view.columns.length} project${view.columns.length === 1 ? '' : 's'} \u00b7 ${totalsText(view.total)}`;
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
          h('button', { type: 'button', class: 'link sort', 'data-sort': key, title: `Sort by ${SORT_TITLES[key].toLowerCase()}` }, SORT_TITLES[key]),
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
          h('button', { type: 'button', class: 'link', ...ids, title: `${row.imageId}: open its members` }, displayText(rowLabel(row))),
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
              { type: 'button', class: 'cell-button', ...ids, 'data-project-id': cell.projectId, title: `${cell.status} since ${cell.updated || cell.created}` },
              statusBadge(cell.status),
              h('span', { class: 'age' }, cellText(cell, model.now).slice(cell.status.length).trim()),
            ),
          ),
        );
      } else {
        const text = row.state === 'failed' ? `Members could not be read: ${row.reason ?? ''}` : row.state === 'loading' ? 'Reading members\u2026' : 'No members';
        tr.appendChild(h('td', { class: row.state === 'failed' ? 'row-reason' : 'row-loading', colspan: 2 }, text));
      }
      return tr;
    });
    this.body.replaceChildren(...rows);
    replaceChildren(this.footRow);
    show(this.table, view.rows.length > 0);
    const nothing =
      model.rows.length === 0 ? (model.done ? 'No project has a shared image in this region.' : '') : view.rows.length === 0 ? 'Nothing matches these filters.' : '';
    this.empty.textContent = nothing;
    show(this.empty, !!nothing);
    const owners = ownerCount(model, view);
    this.summary.textContent = `${view.rows.length} image${view.rows.length === 1 ? '' : 's'} of ${owners} owner project${owners === 1 ? '' : 's'} \u00b7 ${view.columns.length} member project${view.columns.length === 1 ? '' : 's'} \u00b7 ${totalsText(view.total)}`;
  }

  /** The one-project filter lists every member project of the model; a chosen one stays while the model lacks it. */
  private renderProjectChoices(model: OverviewModel): void {
    const chosen = this.filter.projectId ?? '';
    const projects = memberProjects(model);
    const options = [
      h('option', { value: '' }, 'All projects'),
      ...projects.map((p) => h('option', { value: p.projectId }, p.projectName ? `${displayText(p.projectName)} (${p.projectId})` : p.projectId)),
    ];
    if (chosen && !projects.some((p) => p.projectId === chosen)) options.push(h('option', { value: chosen }, chosen));
    this.projectSelect.replaceChildren(...options);
    this.projectSelect.value = chosen;
  }
}
