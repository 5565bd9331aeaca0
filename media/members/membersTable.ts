/**
 * The owner's members table: a plain <table> (native row/column semantics, aria-sort on the
 * headers, a sticky header) whose rows are built once per state (a row whose data did not change
 * is kept from the state before) and only re-ordered when the sort or the filter changes. One
 * click listener on the table serves every header and row. The per-row Remove buttons are native
 * <button>s styled like vscode-button's secondary look: 128 shadow roots of vscode-button doubled
 * the time to the first painted frame.
 */
import * as l10n from '@vscode/l10n';
import { filterMemberRows, sortMemberRows, type MemberRow, type MemberSortKey } from '../../src/sharing/membersView';
import { uncheckedProject } from '../../src/sharing/projectId';
import { h, show } from './dom';
import { formatDate } from './format';
import { statusBadge } from './statusBadge';
import type { SortOrder, StatusFilter } from './vscodeApi';

interface Column {
  readonly key: MemberSortKey;
  readonly title: string;
}

const columns = (): readonly Column[] => [
  { key: 'projectName', title: l10n.t('Project') },
  { key: 'status', title: l10n.t('Status') },
  { key: 'created', title: l10n.t('Created') },
  { key: 'updated', title: l10n.t('Updated') },
];
const COLUMN_COUNT = 4;

export interface TableEvents {
  onSort(sort: SortOrder): void;
  onRemove(projectId: string): void;
  onAddToBook(projectId: string): void;
}

export class MembersTable {
  readonly element: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly actionsHeader: HTMLTableCellElement;
  private readonly headers = new Map<MemberSortKey, { th: HTMLTableCellElement; indicator: HTMLSpanElement }>();
  private readonly emptyRow: HTMLTableRowElement;
  private readonly emptyCell: HTMLTableCellElement;
  private rows: readonly MemberRow[] = [];
  private rowElements = new Map<string, { readonly signature: string; readonly tr: HTMLTableRowElement }>();
  private removable = false;
  private disabled = false;

  constructor(
    private sort: SortOrder,
    private filter: StatusFilter,
    private readonly events: TableEvents,
  ) {
    const headRow = h('tr');
    for (const column of columns()) {
      const indicator = h('span', { class: 'sort-indicator', 'aria-hidden': 'true' });
      const th = h('th', { scope: 'col' }, h('button', { type: 'button', class: 'sort-button', 'data-sort': column.key }, column.title, indicator));
      this.headers.set(column.key, { th, indicator });
      headRow.appendChild(th);
    }
    this.actionsHeader = h('th', { scope: 'col', class: 'actions-col' }, h('span', { class: 'visually-hidden' }, l10n.t('Actions')));
    headRow.appendChild(this.actionsHeader);
    this.emptyCell = h('td', { class: 'empty-cell', colspan: COLUMN_COUNT + 1 });
    this.emptyRow = h('tr', { class: 'empty-row' }, this.emptyCell);
    this.body = h('tbody');
    this.element = h('table', { class: 'members-table', 'aria-labelledby': 'members-heading', 'aria-describedby': 'member-counts' }, h('thead', {}, headRow), this.body);
    this.element.addEventListener('click', (event) => this.click(event));
    this.updateHeaders();
  }

  /** A new state's rows: builds every row element once; sorting and filtering then only move them. */
  setRows(rows: readonly MemberRow[], removable: boolean): void {
    const active = document.activeElement;
    const focusedId = active instanceof HTMLElement && this.body.contains(active) ? active.closest('tr')?.dataset.projectId : undefined;
    this.rows = rows;
    this.removable = removable;
    show(this.actionsHeader, removable);
    this.emptyCell.colSpan = COLUMN_COUNT + (removable ? 1 : 0);
    const previous = this.rowElements;
    this.rowElements = new Map();
    for (const row of rows) {
      const signature = JSON.stringify([row.projectName, row.unknownProject, row.inAddressBook, row.status, row.created, row.updated, removable]);
      const kept = previous.get(row.projectId);
      this.rowElements.set(row.projectId, kept && kept.signature === signature ? kept : { signature, tr: this.buildRow(row) });
    }
    this.arrange();
    this.setDisabled(this.disabled);
    if (focusedId !== undefined && !(document.activeElement instanceof HTMLElement && this.body.contains(document.activeElement))) {
      const again = this.rowElements.get(focusedId)?.tr.querySelector<HTMLElement>('[data-action="remove"]');
      if (again && this.body.contains(again)) again.focus();
      else document.getElementById('members-heading')?.focus();
    }
  }

  setFilter(filter: StatusFilter): void {
    this.filter = filter;
    this.arrange();
  }

  /** Disables the Remove buttons while the extension works. */
  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
    for (const { tr } of this.rowElements.values()) {
      tr.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((button) => (button.disabled = disabled));
    }
  }

  private buildRow(row: MemberRow): HTMLTableRowElement {
    const project = row.projectName
      ? h('td', { class: 'project', title: row.projectId }, h('span', { class: 'project-name' }, row.projectName), h('code', { class: 'project-id' }, row.projectId))
      : h('td', { class: 'project', title: row.projectId }, h('code', { class: 'project-id only' }, row.projectId));
    // Glance takes any ID as a member: one no signed-in identity is in may be a typo.
    if (row.unknownProject) project.appendChild(h('span', { class: 'unknown-project', title: uncheckedProject() }, l10n.t('unknown project')));
    const tr = h(
      'tr',
      { 'data-project-id': row.projectId },
      project,
      h('td', { class: 'status' }, statusBadge(row.status)),
      dateCell(row.created),
      dateCell(row.updated),
    );
    if (this.removable) {
      const who = row.projectName ? `${row.projectName} (${row.projectId})` : row.projectId;
      tr.appendChild(
        h(
          'td',
          { class: 'actions' },
          // Not in the workspace's address book yet: one click keeps it for the whole team.
          row.inAddressBook
            ? ''
            : h(
                'button',
                {
                  type: 'button',
                  class: 'row-button',
                  'data-action': 'add-to-book',
                  'data-project-id': row.projectId,
                  'aria-label': l10n.t('Add {0} to the address book', who),
                  title: l10n.t('Add {0} to the workspace\u2019s address book', who),
                  disabled: this.disabled,
                },
                l10n.t('Add to Address Book'),
              ),
          h(
            'button',
            {
              type: 'button',
              class: 'row-button',
              'data-action': 'remove',
              'data-project-id': row.projectId,
              'aria-label': l10n.t('Remove {0}', who),
              title: l10n.t('Remove {0} from the members', who),
              disabled: this.disabled,
            },
            l10n.t('Remove'),
          ),
        ),
      );
    }
    return tr;
  }

  /** Puts the built rows in the current order, leaving out what the filter hides. */
  private arrange(): void {
    const visible = sortMemberRows(filterMemberRows(this.rows, this.filter), this.sort.key, this.sort.descending);
    const fragment = document.createDocumentFragment();
    for (const row of visible) {
      const built = this.rowElements.get(row.projectId);
      if (built) fragment.appendChild(built.tr);
    }
    if (visible.length === 0) {
      this.emptyCell.textContent = this.rows.length === 0 ? l10n.t('No members.') : noMembersWith(this.filter);
      fragment.appendChild(this.emptyRow);
    }
    this.body.replaceChildren(fragment);
  }

  private updateHeaders(): void {
    for (const [key, { th, indicator }] of this.headers) {
      const sorted = key === this.sort.key;
      th.setAttribute('aria-sort', sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
      th.classList.toggle('sorted', sorted);
      indicator.textContent = sorted ? (this.sort.descending ? '▼' : '▲') : '';
    }
  }

  private click(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const sortButton = target?.closest<HTMLElement>('[data-sort]');
    if (sortButton) {
      const key = sortButton.dataset.sort as MemberSortKey;
      this.sort = { key, descending: key === this.sort.key ? !this.sort.descending : false };
      this.updateHeaders();
      this.arrange();
      this.events.onSort(this.sort);
      return;
    }
    const book = target?.closest<HTMLElement>('[data-action="add-to-book"]');
    if (book && !book.hasAttribute('disabled') && !this.disabled) {
      const projectId = book.dataset.projectId;
      if (projectId) this.events.onAddToBook(projectId);
      return;
    }
    const remove = target?.closest<HTMLElement>('[data-action="remove"]');
    if (remove && !remove.hasAttribute('disabled') && !this.disabled) {
      const projectId = remove.dataset.projectId;
      if (projectId) this.events.onRemove(projectId);
    }
  }
}

function noMembersWith(filter: StatusFilter): string {
  switch (filter) {
    case 'pending':
      return l10n.t('No pending members.');
    case 'accepted':
      return l10n.t('No accepted members.');
    case 'rejected':
      return l10n.t('No rejected members.');
    default:
      return l10n.t('No members.');
  }
}

function dateCell(iso: string): HTMLTableCellElement {
  return h('td', { class: 'date' }, iso ? h('time', { datetime: iso, title: iso }, formatDate(iso)) : '—');
}
