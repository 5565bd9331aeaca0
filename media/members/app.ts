/**
 * The members panel's view: builds its skeleton once, then fills it from each MembersViewState
 * the extension sends. Every value from Glance goes in as text (see dom.ts); the only listeners
 * are on long-lived elements (the table delegates its rows' clicks to one listener).
 */
import * as l10n from '@vscode/l10n';
import type { MembersViewState } from '../../src/sharing/membersView';
import { stateLegend } from '../../src/sharing/stateLegend';
import type { AddResult, PanelRequest, PanelUpdate } from '../../src/sharing/panelProtocol';
import type { MemberStatus } from '../../src/openstack/models';
import { formatSize } from '../../src/sharing/size';
import type { VscodeRadio } from '@vscode-elements/elements/dist/vscode-radio/vscode-radio.js';
import type { VscodeTextarea } from '@vscode-elements/elements/dist/vscode-textarea/vscode-textarea.js';
import { append, h, replaceChildren, show } from './dom';
import { formatDate } from './format';
import { MembersTable } from './membersTable';
import { cleanState } from './sanitize';
import { statusBadge } from './statusBadge';
import type { SortOrder, StatusFilter } from './vscodeApi';

export interface AppOptions {
  readonly sort: SortOrder;
  readonly filter: StatusFilter;
  readonly draft: string;
  post(request: PanelRequest): void;
  /** Called when what the webview state keeps (sort, filter, draft) changes. */
  persist(view: { sort: SortOrder; filter: StatusFilter; draft: string }): void;
}

const filters = (): ReadonlyArray<{ readonly value: StatusFilter; readonly title: string }> => [
  { value: 'all', title: l10n.t('All') },
  { value: 'pending', title: l10n.t('Pending') },
  { value: 'accepted', title: l10n.t('Accepted') },
  { value: 'rejected', title: l10n.t('Rejected') },
];

/** The member's answers, each with what it does in plain words. */
const answers = (): ReadonlyArray<{
  readonly status: MemberStatus;
  readonly can: 'accept' | 'reject' | 'resetPending';
  readonly title: string;
  readonly explain: string;
}> => [
  { status: 'accepted', can: 'accept', title: l10n.t('Accept'), explain: l10n.t('Adds the image to your project\u2019s image list, ready to boot.') },
  {
    status: 'rejected',
    can: 'reject',
    title: l10n.t('Reject'),
    explain: l10n.t('Hides the image from your list. You can still boot it by ID, and accept it later.'),
  },
  {
    status: 'pending',
    can: 'resetPending',
    title: l10n.t('Reset to pending'),
    explain: l10n.t('Withdraws your answer: the image is offered to you again, as when it was first shared.'),
  },
];

const STATUS_WORDS = new Set(['pending', 'accepted', 'rejected']);

export class MembersApp {
  private state: MembersViewState | undefined;
  private sort: SortOrder;
  private filter: StatusFilter;
  /** The extension said it is working (busy: true) and has not finished. */
  private busy = false;
  /** A refresh we asked for has not answered yet. */
  private loading = true;
  /** An add we sent has not reported its results yet. */
  private adding = false;

  // Header
  private readonly scopeLine = h('p', { class: 'scope', id: 'scope' });
  private readonly activity = h('span', { class: 'activity', role: 'status' });
  private readonly activityRing = h('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' });
  private readonly activityText = h('span', { class: 'activity-text' });
  private readonly refreshButton = h(
    'vscode-button',
    { secondary: true, id: 'refresh', title: l10n.t('Read the image and its members from Glance again') },
    l10n.t('Refresh'),
  );
  private readonly title = h('h1', { id: 'image-name' }, l10n.t('Loading\u2026'));
  private readonly roleLine = h('p', { class: 'role-line', id: 'role-line' });
  private readonly facts = h('dl', { class: 'facts', id: 'facts' });
  private readonly idValue = h('code', { class: 'image-id', id: 'image-id' });
  private readonly copyButton = h(
    'vscode-button',
    { secondary: true, id: 'copy-id', 'aria-label': l10n.t('Copy image ID'), title: l10n.t('Copy the image ID to the clipboard') },
    l10n.t('Copy'),
  );
  private readonly ownerValue = h('dd', { id: 'owner' });
  private readonly visibilityValue = h('dd', { id: 'visibility' });
  private readonly statusValue = h('dd', { id: 'image-status' });
  private readonly sizeValue = h('dd', { id: 'size' });
  private readonly createdValue = h('dd', { id: 'created' });
  private readonly updatedValue = h('dd', { id: 'updated' });

  private readonly errorBox = h('div', { class: 'error is-empty', id: 'error', role: 'alert' });
  private readonly noteBox = h('p', { class: 'note', id: 'note', hidden: true });

  // Owner's view
  private readonly ownerView = h('section', { class: 'owner-view', id: 'owner-view', 'aria-labelledby': 'members-heading', hidden: true });
  private readonly counts = h('p', { class: 'counts', id: 'member-counts' });
  private readonly filterRow = h('div', { class: 'filter-row' });
  private readonly radios = new Map<StatusFilter, VscodeRadio>();
  private readonly table: MembersTable;
  private readonly tableWrap = h('div', { class: 'table-wrap' });
  private readonly addBox = h('div', { class: 'add-box', id: 'add-box', hidden: true });
  private readonly addInput: VscodeTextarea;
  private readonly addButton = h('vscode-button', { id: 'add-button' }, l10n.t('Add'));
  private readonly pickButton = h(
    'vscode-button',
    { id: 'pick-projects', secondary: true, title: l10n.t('Choose from your own projects, members and the address book, or find a project by name') },
    l10n.t('Choose Projects\u2026'),
  );
  private readonly addHint = h('span', { class: 'hint', id: 'add-hint' });
  private readonly addResults = h('ul', { class: 'add-results', id: 'add-results', 'aria-live': 'polite' });

  // Member's view
  private readonly memberView = h('section', { class: 'member-view', id: 'member-view', 'aria-labelledby': 'answer-heading', hidden: true });
  private readonly myStatus = h('p', { class: 'my-status', id: 'my-status' });
  private readonly myDates = h('p', { class: 'my-dates' });
  private readonly answerItems = new Map<MemberStatus, HTMLLIElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly options: AppOptions,
  ) {
    this.sort = options.sort;
    this.filter = options.filter;
    this.table = new MembersTable(this.sort, this.filter, {
      onSort: (sort) => {
        this.sort = sort;
        this.persist();
      },
      onRemove: (projectId) => this.send({ type: 'removeMember', projectId }),
      onAddToBook: (projectId) => this.send({ type: 'addToAddressBook', projectId }),
    });
    this.addInput = h('vscode-textarea', {
      id: 'add-input',
      rows: 3,
      monospace: true,
      resize: 'none',
      label: l10n.t('Add projects by ID or name (one or many: commas, spaces or new lines)'),
      placeholder: l10n.t('e.g. {0}, {1}, or a project name', '2765e65c9f3648ecb4bca283821f8cf0', '0c5c\u2026'),
    }) as VscodeTextarea;
    this.addInput.value = options.draft;
    this.build();
    this.renderActivity();
  }

  /** One checked message from the extension. */
  update(message: PanelUpdate): void {
    switch (message.type) {
      case 'state':
        this.loading = false;
        this.render(cleanState(message.state));
        break;
      case 'busy':
        this.busy = message.busy;
        break;
      case 'addResults':
        this.adding = false;
        this.renderAddResults(message.results);
        break;
      case 'error':
        this.loading = false;
        this.adding = false;
        if (message.gone) this.renderGone();
        this.showError(message.message);
        break;
    }
    this.renderActivity();
  }

  /** Asks the extension for the current state (on load and from the Refresh button). */
  refresh(type: 'ready' | 'refresh'): void {
    this.loading = true;
    this.send({ type });
    this.renderActivity();
  }

  private send(request: PanelRequest): void {
    if (request.type !== 'ready' && request.type !== 'copy') this.showError(undefined);
    this.options.post(request);
  }

  private persist(): void {
    this.options.persist({ sort: this.sort, filter: this.filter, draft: this.addInput.value });
  }

  // ---- building (once) ----

  private build(): void {
    const fact = (term: string, value: HTMLElement) => [h('dt', {}, term), value];
    append(
      this.facts,
      ...fact(l10n.t('ID'), h('dd', { class: 'id-row' }, this.idValue, this.copyButton)),
      ...fact(l10n.t('Owner'), this.ownerValue),
      ...fact(l10n.t('Visibility'), this.visibilityValue),
      ...fact(l10n.t('Status'), this.statusValue),
      ...fact(l10n.t('Size'), this.sizeValue),
      ...fact(l10n.t('Created'), this.createdValue),
      ...fact(l10n.t('Updated'), this.updatedValue),
    );
    show(this.facts, false);
    this.activity.append(this.activityRing, this.activityText);
    const header = h(
      'header',
      { class: 'image-header' },
      h('div', { class: 'top-row' }, this.scopeLine, h('div', { class: 'toolbar' }, this.activity, this.refreshButton)),
      this.title,
      this.roleLine,
      this.facts,
    );
    this.root.replaceChildren(header, this.errorBox, this.noteBox, this.buildOwnerView(), this.buildMemberView(), this.buildLegend());

    this.refreshButton.addEventListener('click', () => {
      if (!this.refreshButton.hasAttribute('disabled')) this.refresh('refresh');
    });
    this.copyButton.addEventListener('click', () => this.copyId());
    // vscode-button clicks on Space at keydown but leaves the key to scroll the page as well.
    this.root.addEventListener('keydown', (event) => {
      if (event.key === ' ' && event.target instanceof Element && event.target.localName === 'vscode-button') event.preventDefault();
    });
    this.errorBox.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('[data-action="dismiss"]')) this.showError(undefined);
    });
  }

  private buildOwnerView(): HTMLElement {
    const group = h('vscode-radio-group', { 'aria-labelledby': 'filter-label', class: 'filter' });
    for (const { value, title } of filters()) {
      const radio = h('vscode-radio', { name: 'status-filter', value, label: title, 'data-filter': value }) as VscodeRadio;
      radio.checked = value === this.filter;
      this.radios.set(value, radio);
      group.appendChild(radio);
    }
    const pick = () => {
      const checked = [...this.radios.entries()].find(([, radio]) => radio.checked);
      if (checked && checked[0] !== this.filter) {
        this.filter = checked[0];
        this.table.setFilter(this.filter);
        this.persist();
      }
    };
    group.addEventListener('change', pick);
    // The group moves the check with the arrow keys without a change event: read it afterwards.
    group.addEventListener('keydown', (event) => {
      if (event.key.startsWith('Arrow')) pick();
    });
    append(this.filterRow, h('span', { class: 'filter-label', id: 'filter-label' }, l10n.t('Show')), group);
    this.tableWrap.appendChild(this.table.element);

    const addLabel = h(
      'label',
      { for: 'add-input', id: 'add-label', class: 'add-label' },
      l10n.t('Add projects by ID or name (one or many: commas, spaces or new lines)'),
    );
    this.addButton.addEventListener('click', () => this.add());
    this.pickButton.addEventListener('click', () => {
      if (!this.pickButton.hasAttribute('disabled')) this.send({ type: 'pickProjects' });
    });
    this.addInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.add();
      }
    });
    this.addInput.addEventListener('input', () => this.persist());
    append(this.addBox, addLabel, this.addInput, h('div', { class: 'add-actions' }, this.addButton, this.pickButton, this.addHint), this.addResults);
    append(this.ownerView, h('h2', { id: 'members-heading', tabindex: '-1' }, l10n.t('Members')), this.counts, this.filterRow, this.tableWrap, this.addBox);
    return this.ownerView;
  }

  private buildMemberView(): HTMLElement {
    const list = h('ul', { class: 'answers' });
    for (const answer of answers()) {
      const button = h(
        'vscode-button',
        { 'data-status': answer.status, secondary: answer.status !== 'accepted', 'aria-describedby': `explain-${answer.status}` },
        answer.title,
      );
      const item = h('li', { hidden: true }, button, h('span', { class: 'explain', id: `explain-${answer.status}` }, answer.explain));
      this.answerItems.set(answer.status, item);
      list.appendChild(item);
    }
    list.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-status]') : null;
      if (!button || button.hasAttribute('disabled') || this.busy) return;
      this.send({ type: 'setMyStatus', status: button.dataset.status as MemberStatus });
    });
    append(this.memberView, h('h2', { id: 'answer-heading', tabindex: '-1' }, l10n.t('Your project\u2019s answer')), this.myStatus, this.myDates, list);
    return this.memberView;
  }

  private buildLegend(): HTMLElement {
    const list = h('dl', { class: 'legend-list' });
    for (const { term, meaning } of stateLegend()) {
      const dt = STATUS_WORDS.has(term)
        ? h('dt', {}, statusBadge(term))
        : h('dt', {}, h('span', { class: 'term' }, term), ' ', h('span', { class: 'term-kind' }, l10n.t('(visibility)')));
      append(list, dt, h('dd', {}, meaning));
    }
    return h('section', { class: 'legend', 'aria-labelledby': 'legend-heading' }, h('h2', { id: 'legend-heading' }, l10n.t('What the states mean')), list);
  }

  // ---- rendering (per message) ----

  private render(state: MembersViewState): void {
    this.state = state;
    const { image, scope } = state;
    this.root.setAttribute('aria-busy', 'false');
    document.title = l10n.t('Members: {0}', image.label);
    this.scopeLine.textContent = [scope.cloud, scope.projectName || scope.projectId].filter(Boolean).join(' \u00b7 ');
    this.scopeLine.title = scope.projectId ? l10n.t('project {0}', scope.projectId) : '';
    this.title.textContent = image.label;
    this.roleLine.textContent =
      state.role === 'owned'
        ? l10n.t('Your project owns this image: you choose which projects may use it.')
        : state.role === 'incoming'
          ? l10n.t('This image is shared with your project: you choose whether it appears in your image list.')
          : '';
    show(this.roleLine, state.role !== 'other');

    this.idValue.textContent = image.id;
    replaceChildren(this.ownerValue, ...this.projectText(image.ownerName, image.owner));
    this.visibilityValue.textContent = image.visibility;
    this.statusValue.textContent = image.status;
    this.sizeValue.textContent = formatSize(image.size);
    if (typeof image.size === 'number') this.sizeValue.title = l10n.t('{0} bytes', image.size.toLocaleString());
    else this.sizeValue.removeAttribute('title');
    replaceChildren(this.createdValue, dateText(image.created));
    replaceChildren(this.updatedValue, dateText(image.updated));
    show(this.facts, true);

    this.noteBox.textContent = state.note ?? '';
    show(this.noteBox, !!state.note);

    this.renderOwnerView(state);
    this.renderMemberView(state);
    this.renderActivity();
  }

  /** The image was deleted or its share withdrawn: nothing left to show or change. */
  private renderGone(): void {
    this.state = undefined;
    this.title.textContent = l10n.t('Image no longer available');
    document.title = l10n.t('Members: image no longer available');
    for (const section of [this.roleLine, this.facts, this.noteBox, this.ownerView, this.memberView]) show(section, false);
  }

  private renderOwnerView(state: MembersViewState): void {
    const owned = state.role === 'owned';
    show(this.ownerView, owned);
    if (!owned) return;
    const total = state.members.length;
    const { pending, accepted, rejected } = state.counts;
    this.counts.textContent =
      total === 0
        ? state.image.visibility === 'shared'
          ? l10n.t('No members yet.')
          : l10n.t('No members.')
        : total === 1
          ? l10n.t('1 member: {0} pending \u00b7 {1} accepted \u00b7 {2} rejected', pending, accepted, rejected)
          : l10n.t('{0} members: {1} pending \u00b7 {2} accepted \u00b7 {3} rejected', total, pending, accepted, rejected);
    const countOf: Record<StatusFilter, number> = { all: total, pending, accepted, rejected };
    for (const { value, title } of filters()) this.radios.get(value)?.setAttribute('label', l10n.t('{0} ({1})', title, countOf[value]));
    show(this.filterRow, total > 0);
    show(this.tableWrap, total > 0);
    this.table.setRows(state.members, state.can.removeMembers);

    show(this.addBox, state.can.addMembers);
    this.addHint.textContent = state.needsMakeShared
      ? l10n.t('The image is private: adding a project first makes it shared (you are asked to confirm).')
      : l10n.t('{0}+Enter adds too.', /Mac|iPhone|iPad/.test(navigator.userAgent) ? '\u2318' : 'Ctrl');
    this.addHint.classList.toggle('warning', state.needsMakeShared);
  }

  private renderMemberView(state: MembersViewState): void {
    const incoming = state.role === 'incoming';
    show(this.memberView, incoming);
    if (!incoming) return;
    const status = state.myStatus;
    replaceChildren(
      this.myStatus,
      state.scope.projectName || state.scope.projectId ? l10n.t('Status of {0}:', state.scope.projectName || state.scope.projectId) : l10n.t('Status of your project:'),
      ' ',
      status ? statusBadge(status, 'large') : l10n.t('unknown'),
    );
    const mine = state.members.find((m) => m.projectId === state.scope.projectId) ?? state.members[0];
    replaceChildren(this.myDates, ...(mine ? sentence(l10n.t('Shared {0} \u00b7 answered or changed {1}'), dateText(mine.created), dateText(mine.updated)) : []));
    show(this.myDates, !!mine);
    const focused = document.activeElement instanceof HTMLElement && this.memberView.contains(document.activeElement) ? document.activeElement : undefined;
    for (const answer of answers()) show(this.answerItems.get(answer.status)!, state.can[answer.can]);
    // An answer button that just disappeared held the focus: keep it in this section.
    if (focused && focused.closest('li')?.hasAttribute('hidden')) document.getElementById('answer-heading')?.focus();
  }

  private renderActivity(): void {
    const working = this.busy || this.adding || this.loading;
    this.activityText.textContent = this.adding ? l10n.t('Adding\u2026') : this.busy ? l10n.t('Working\u2026') : this.loading ? l10n.t('Loading\u2026') : '';
    show(this.activityRing, working);
    this.root.setAttribute('aria-busy', String(working && !this.state));
    const blocked = this.busy || this.adding || !this.state;
    this.table.setDisabled(blocked);
    this.addButton.toggleAttribute('disabled', blocked);
    this.pickButton.toggleAttribute('disabled', blocked);
    this.refreshButton.toggleAttribute('disabled', this.busy);
    for (const item of this.answerItems.values()) item.querySelector('vscode-button')?.toggleAttribute('disabled', blocked);
  }

  private renderAddResults(results: readonly AddResult[]): void {
    this.addResults.replaceChildren(
      ...results.map((r) =>
        h(
          'li',
          { class: r.ok ? 'ok' : 'failed' },
          h('span', { class: 'result-mark', 'aria-hidden': 'true' }, r.ok ? '\u2713' : '\u2717'),
          h('span', { class: 'visually-hidden' }, r.ok ? l10n.t('Added:') : l10n.t('Not added:')),
          ' ',
          h('code', {}, r.input),
          r.message ? ` \u2014 ${r.message}` : '',
        ),
      ),
    );
    if (results.length > 0 && results.every((r) => r.ok)) {
      this.addInput.value = '';
      this.persist();
    }
  }

  private add(): void {
    if (this.addButton.hasAttribute('disabled')) return;
    const text = this.addInput.value;
    if (text.trim() === '') {
      this.renderAddResults([]);
      this.addResults.appendChild(h('li', { class: 'failed' }, l10n.t('Type one or more project IDs or names first, or use Choose Projects\u2026')));
      this.addInput.focus();
      return;
    }
    this.adding = true;
    this.addResults.replaceChildren();
    this.send({ type: 'addMembers', text });
    this.renderActivity();
  }

  private copyId(): void {
    if (!this.state) return;
    this.send({ type: 'copy', text: this.state.image.id });
    this.copyButton.textContent = l10n.t('Copied');
    window.setTimeout(() => {
      this.copyButton.textContent = l10n.t('Copy');
    }, 1500);
  }

  private showError(message: string | undefined): void {
    this.errorBox.classList.toggle('is-empty', !message);
    if (!message) {
      this.errorBox.replaceChildren();
      return;
    }
    this.errorBox.replaceChildren(
      h('span', { class: 'error-text' }, message),
      h('vscode-button', { secondary: true, 'data-action': 'dismiss', 'aria-label': l10n.t('Dismiss the error') }, l10n.t('Dismiss')),
    );
  }

  private projectText(name: string | undefined, id: string): Array<string | HTMLElement> {
    if (!id) return ['\u2014'];
    return name ? [`${name} `, h('code', { class: 'project-id inline' }, id)] : [h('code', { class: 'project-id inline' }, id)];
  }
}

/** A translated sentence with elements in its {0}, {1}… places: the words around them stay text. */
function sentence(template: string, ...parts: ReadonlyArray<HTMLElement | string>): Array<HTMLElement | string> {
  return template.split(/(\{\d+\})/).flatMap((piece) => {
    const place = /^\{(\d+)\}$/.exec(piece);
    return place ? [parts[Number(place[1])] ?? ''] : piece ? [piece] : [];
  });
}

function dateText(iso: string): HTMLElement | string {
  return iso ? h('time', { datetime: iso, title: iso }, formatDate(iso)) : '\u2014';
}
