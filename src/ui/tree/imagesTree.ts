import * as vscode from 'vscode';
import { DisposableBase } from '../../common/lifecycle';
import type { Connections, Scope } from '../connections';
import {
  IMAGE_VISIBILITIES,
  MEMBER_STATUSES,
  VISIBILITIES,
  missingFeatureText,
  secretWords,
  type GlanceImage,
  type ImageVisibility,
  type MemberStatus,
} from '../../openstack';
import { filterImageGroups, isEmptyFilter, matchesImageFilter, viewpointOf, type ImageFilter, type ImageGroups, type Viewpoint } from '../../sharing';
import type { ImageStore } from '../imageStore';
import { CONFIG_ERROR_CONTEXT_VALUE, groupContextValue, subgroupContextValue } from './contextValues';
import { STATUS_ICONS, VISIBILITY_ICONS, imageTooltip, imageTreeItem } from './imageItems';
import { type GroupNode, type ImageNode, type Node, type ScopeNode, type SubgroupNode, scopeTreeItem, spoken } from './nodes';
import { emptyRow, errorRow, loadingRow, messageRow, readOnlyRow } from './stateRows';

// The tree's words are functions: vscode.l10n.t reads the bundle loaded at activation.
const groupTitles = (): Readonly<Record<GroupNode['group'], string>> => ({
  mine: vscode.l10n.t('My images'),
  incoming: vscode.l10n.t('Shared with me'),
  community: vscode.l10n.t('Community'),
  public: vscode.l10n.t('Public'),
});

const MAX_EXPANDED_SCOPES = 3;
/**
 * Pending opens by itself up to this many shares, so a waiting share is seen without a click. A
 * longer list stays closed with its count: drawing thousands of rows on every page of a load
 * stalled the extension host (72 ms at 1,334 pending, bench note 2026-12-02-tree-loads), and
 * "Review Shares with Me…" or the filter serve such a list better than scrolling.
 */
export const PENDING_OPEN_MAX = 100;

/** Ends the ID of the Pending row while its listing is still arriving (see subgroupItem). */
const PARTIAL_PENDING_SUFFIX = '#arriving';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A subgroup's title: a visibility or an answer. A value Glance adds later shows as it is. */
function subgroupTitle(key: string): string {
  const titles: Readonly<Record<string, string>> = {
    private: vscode.l10n.t('Private'),
    shared: vscode.l10n.t('Shared'),
    community: vscode.l10n.t('Community'),
    public: vscode.l10n.t('Public'),
    other: vscode.l10n.t('Other'),
    pending: vscode.l10n.t('Pending'),
    accepted: vscode.l10n.t('Accepted'),
    rejected: vscode.l10n.t('Rejected'),
  };
  return titles[key] ?? capitalise(key);
}

const images = (n: number) => (n === 1 ? vscode.l10n.t('{0} image', n) : vscode.l10n.t('{0} images', n));

/**
 * The "Images" view. Root: one row per cloud and project scope, plus a row for configuration
 * problems. Under a scope: its connection state (loading, password, project choice, error) or,
 * once connected, its image groups.
 */
export class ImagesTreeProvider extends DisposableBase implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** One node object per scope, so that a change can refresh exactly that row. */
  private readonly scopeNodes = new Map<string, ScopeNode>();
  /** The view's filter, applied here to what the store holds (its server-side part also narrows the store's listings). */
  private filterValue: ImageFilter = {};
  /** Filtered groups per loaded value: the tree reads them many times per paint. */
  private filtered = new WeakMap<ImageGroups, ImageGroups>();

  constructor(
    private readonly connections: Connections,
    private readonly images: ImageStore,
  ) {
    super();
    this._register(connections.onDidChange((scope) => (scope ? this.refreshScope(scope.id) : this.changed.fire(undefined))));
    this._register(images.onDidChange((scopeId) => this.refreshScope(scopeId)));
  }

  /** Per scope, the Community and Public loads VS Code is awaiting (getChildren) right now. */
  private readonly awaited = new Map<string, number>();
  /** Scopes whose refresh waits for those loads to be answered. */
  private readonly refreshAfterAwaited = new Set<string>();

  /**
   * Redraw a scope's rows, but not while VS Code awaits the children of one of its groups: a
   * refresh of the scope then lost the rows of its other groups in VS Code 1.100 (My images and
   * Shared with me drawn open and empty, measured in the e2e sharing suite). It follows the answer.
   */
  private refreshScope(scopeId: string): void {
    if (this.awaited.get(scopeId)) {
      this.refreshAfterAwaited.add(scopeId);
      return;
    }
    this.changed.fire(this.scopeNodes.get(scopeId));
  }

  private async awaitedRows(node: GroupNode, listing: 'community' | 'public'): Promise<Node[]> {
    this.awaited.set(node.scopeId, (this.awaited.get(node.scopeId) ?? 0) + 1);
    try {
      // A Refresh meanwhile supersedes the load awaited here: wait for the one that replaced it
      // (a few times at most: a scope that went away stays idle).
      for (let attempt = 0; attempt < 3 && this.othersToLoad(node.scopeId, listing); attempt++) await this.images.loadOthers(node.scopeId, listing);
      return this.rows(node);
    } finally {
      const left = (this.awaited.get(node.scopeId) ?? 1) - 1;
      if (left > 0) this.awaited.set(node.scopeId, left);
      else this.awaited.delete(node.scopeId);
      // After VS Code has these rows (it reads them in the microtasks that follow): a later turn.
      if (left === 0 && this.refreshAfterAwaited.delete(node.scopeId)) setTimeout(() => this.refreshScope(node.scopeId), 0);
    }
  }

  /**
   * Pending rows the user opened while their listing was still arriving: the complete row (a new
   * ID) opens too, whatever its length. The view tells expansions and collapses here.
   */
  private readonly openedWhileLoading = new Set<string>();

  noteExpansion(node: Node, expanded: boolean): void {
    if (node.kind !== 'subgroup' || node.group !== 'incoming' || node.status !== 'pending') return;
    if (expanded && !this.images.pendingComplete(node.scopeId)) this.openedWhileLoading.add(node.scopeId);
    else if (!expanded) this.openedWhileLoading.delete(node.scopeId);
  }

  refresh(node?: Node): void {
    this.changed.fire(node);
  }

  get filter(): ImageFilter {
    return this.filterValue;
  }

  setFilter(filter: ImageFilter): void {
    this.filterValue = filter;
    this.filtered = new WeakMap();
    this.changed.fire(undefined);
  }

  /** A scope's groups as shown: the store's, narrowed by the filter. */
  private main(scopeId: string): ReturnType<ImageStore['main']> {
    const main = this.images.main(scopeId);
    if (main.kind !== 'loaded' || isEmptyFilter(this.filterValue)) return main;
    let value = this.filtered.get(main.value);
    if (!value) {
      value = filterImageGroups(main.value, this.filterValue);
      this.filtered.set(main.value, value);
    }
    return { kind: 'loaded', value };
  }

  private others(scopeId: string, listing: 'community' | 'public'): ReturnType<ImageStore['others']> {
    const others = this.images.others(scopeId, listing);
    if (others.kind !== 'loaded' || isEmptyFilter(this.filterValue)) return others;
    return { kind: 'loaded', value: others.value.filter((image) => matchesImageFilter(this.filterValue, image)) };
  }

  /** An image row's tooltip, built when VS Code shows it (the row itself leaves it out). */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind === 'image') item.tooltip = imageTooltip(node.image, this.viewpoint(node), (id) => this.connections.projectName(id), node.scopeId);
    return item;
  }

  private viewpoint(node: ImageNode): Viewpoint {
    const scope = this.connections.find(node.scopeId);
    const session = scope?.state.kind === 'connected' ? scope.state.connection.session : undefined;
    return viewpointOf(session, node.memberStatus, { capabilities: this.images.capabilities(node.scopeId), permissions: this.images.permissions(node.scopeId) });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'scope': {
        const scope = this.connections.find(node.scopeId);
        return scope
          ? scopeTreeItem(scope, this.connections.scopes.length <= MAX_EXPANDED_SCOPES, this.images.incomingUnknown(scope.id))
          : new vscode.TreeItem(vscode.l10n.t('(removed)'));
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip ?? node.label;
        item.iconPath = new vscode.ThemeIcon(node.icon, node.icon === 'error' ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined);
        item.command = node.command;
        item.contextValue = node.contextValue ?? 'message';
        // An error row reads "Could not connect: <the plain sentence>", not its technical tooltip.
        item.accessibilityInformation =
          node.contextValue === 'error' && node.description ? { label: `${node.label}: ${node.description}` } : spoken(node.label, node.description);
        return item;
      }
      case 'configProblems': {
        const title = vscode.l10n.t('Configuration problems');
        const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'config-problems';
        item.description = `${node.errors.length}`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = vscode.l10n.t('Some clouds could not be read from clouds.yaml, secure.yaml or OS_* variables.');
        item.accessibilityInformation = spoken(title, `${node.errors.length}`);
        return item;
      }
      case 'group':
        return this.groupItem(node);
      case 'subgroup':
        return this.subgroupItem(node);
      case 'image': {
        return imageTreeItem(node.image, this.viewpoint(node), node.path, (id) => this.connections.projectName(id), this.images.members(node.scopeId, node.image.id));
      }
      case 'configError': {
        // 'clouds.yaml' is the file's name, the same in every language.
        const label = node.error.cloud ? vscode.l10n.t('Cloud "{0}"', node.error.cloud) : 'clouds.yaml';
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `config-error:${node.index}`;
        item.description = node.error.explanation;
        item.tooltip = node.error.explanation;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.contextValue = CONFIG_ERROR_CONTEXT_VALUE;
        item.accessibilityInformation = { label: `${String(item.label)}: ${node.error.explanation}` };
        if (node.error.file) {
          item.command = { command: 'glanceShare.openCloudsYaml', title: vscode.l10n.t('Open'), arguments: [node.error.file] };
        }
        return item;
      }
    }
  }

  /**
   * For VS Code. Community and Public are read from Glance when first opened: this awaits that load,
   * so VS Code shows its own progress in the view, and no "Loading…" row is drawn that a refresh
   * during the load could register a second time under the same ID.
   */
  getChildren(node?: Node): Node[] | Promise<Node[]> {
    if (node?.kind === 'group' && (node.group === 'community' || node.group === 'public') && this.othersToLoad(node.scopeId, node.group)) {
      return this.awaitedRows(node, node.group);
    }
    return this.rows(node);
  }

  /** Community or Public of this scope has not been read yet (or is being read) from a Glance that has it. */
  private othersToLoad(scopeId: string, listing: 'community' | 'public'): boolean {
    if (listing === 'community' && this.images.capabilities(scopeId)?.community === false) return false;
    const state = this.images.others(scopeId, listing).kind;
    return state === 'idle' || state === 'loading';
  }

  /** The rows under `node` from what is loaded now (Community and Public: none until read, see getChildren). */
  rows(node?: Node): Node[] {
    if (!node) {
      return this.rootNodes();
    }
    switch (node.kind) {
      case 'scope': {
        const scope = this.connections.find(node.scopeId);
        return scope ? this.scopeChildren(scope) : [];
      }
      case 'configProblems':
        return node.errors.map((error, index) => ({ kind: 'configError', error, index }));
      case 'group':
        return this.groupChildren(node);
      case 'subgroup':
        return this.subgroupChildren(node);
      default:
        return [];
    }
  }

  /**
   * Every row's parent, so that `TreeView.reveal` can open the way to any row. Rows carry where
   * they are: an image its path (`<scope>/<group>[/<subgroup>]/<id>`), a message row its ID
   * (`<scope>/<group>…:what` under a group, `<scope>:what` under a scope).
   */
  getParent(node: Node): Node | undefined {
    switch (node.kind) {
      case 'scope':
      case 'configProblems':
        return undefined;
      case 'configError':
        return { kind: 'configProblems', errors: this.connections.configErrors };
      case 'group':
        return this.scopeNode(node.scopeId);
      case 'subgroup':
        return { kind: 'group', scopeId: node.scopeId, group: node.group };
      case 'image':
        return this.placeOf(
          node.scopeId,
          node.path
            .slice(node.scopeId.length + 1)
            .split('/')
            .slice(0, -1),
        );
      case 'message': {
        if (!node.scopeId) return undefined;
        const rest = node.id.startsWith(`${node.scopeId}/`) ? node.id.slice(node.scopeId.length + 1).split(':')[0] : '';
        return rest ? this.placeOf(node.scopeId, rest.split('/')) : this.scopeNode(node.scopeId);
      }
    }
  }

  /** The group or subgroup row at `[group, subgroup?]` under a scope. */
  private placeOf(scopeId: string, [group, sub]: string[]): Node | undefined {
    if (group === 'mine' && sub) return { kind: 'subgroup', scopeId, group: 'mine', visibility: sub as ImageVisibility };
    if (group === 'incoming' && sub) return { kind: 'subgroup', scopeId, group: 'incoming', status: sub as MemberStatus };
    if (group === 'mine' || group === 'incoming' || group === 'community' || group === 'public') return { kind: 'group', scopeId, group };
    return this.scopeNode(scopeId);
  }

  private scopeNode(scopeId: string): ScopeNode {
    let node = this.scopeNodes.get(scopeId);
    if (!node) {
      node = { kind: 'scope', scopeId };
      this.scopeNodes.set(scopeId, node);
    }
    return node;
  }

  private rootNodes(): Node[] {
    if (!this.connections.loaded) {
      return [loadingRow('loading', vscode.l10n.t('Reading cloud configuration…'))];
    }
    const nodes: Node[] = [];
    const live = new Set<string>();
    for (const scope of this.connections.scopes) {
      live.add(scope.id);
      nodes.push(this.scopeNode(scope.id));
    }
    for (const id of [...this.scopeNodes.keys()]) {
      if (!live.has(id)) this.scopeNodes.delete(id);
    }
    if (this.connections.configErrors.length > 0) {
      nodes.push({ kind: 'configProblems', errors: this.connections.configErrors });
    }
    return nodes;
  }

  private scopeChildren(scope: Scope): Node[] {
    const state = scope.state;
    switch (state.kind) {
      case 'connecting':
        return [loadingRow(`${scope.id}:connecting`, vscode.l10n.t('Connecting…'), scope.id)];
      case 'needsSecret':
        return [
          messageRow(`${scope.id}:secret`, vscode.l10n.t('Enter {0}…', secretWords(scope.cloud.auth)), 'key', {
            scopeId: scope.id,
            description: vscode.l10n.t('for {0}', scope.cloud.name),
            command: { command: 'glanceShare.enterPassword', title: vscode.l10n.t('Enter Password…'), arguments: [{ kind: 'scope', scopeId: scope.id }] },
          }),
        ];
      case 'needsProject':
        return [
          messageRow(`${scope.id}:project`, vscode.l10n.t('Choose a project…'), 'layers', {
            scopeId: scope.id,
            description: vscode.l10n.t('{0} available', state.projects.length),
            command: { command: 'glanceShare.switchProject', title: vscode.l10n.t('Choose a Project…'), arguments: [{ kind: 'scope', scopeId: scope.id }] },
          }),
        ];
      case 'error':
        return [errorRow(`${scope.id}:error`, vscode.l10n.t('Could not connect'), state.error, scope.id)];
      case 'connected': {
        const groups: GroupNode['group'][] = ['mine', 'incoming', 'community', 'public'];
        const rows: Node[] = groups.map((group) => ({ kind: 'group', scopeId: scope.id, group }));
        const permissions = this.images.permissions(scope.id);
        // Said once, above the groups: no row of this scope offers a change, and this is why.
        if (permissions?.readOnly) rows.unshift(readOnlyRow(scope.id, permissions, state.connection.session.roles));
        return rows;
      }
    }
  }

  /** A group's count; under a filter, saying so. */
  private counted(n: number): string {
    return isEmptyFilter(this.filterValue) ? `${n}` : vscode.l10n.t('{0} matching', n);
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const lazy = node.group === 'community' || node.group === 'public';
    const item = new vscode.TreeItem(groupTitles()[node.group], lazy ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${node.scopeId}/${node.group}`;
    item.contextValue = groupContextValue(node.group);
    const main = this.main(node.scopeId);
    if (node.group === 'mine' || node.group === 'incoming') {
      item.iconPath = new vscode.ThemeIcon(node.group === 'mine' ? 'archive' : 'inbox');
      if (main.kind === 'loaded' && !(node.group === 'incoming' && this.images.incomingUnknown(node.scopeId))) {
        const counts = node.group === 'mine' ? IMAGE_VISIBILITIES.map((v) => main.value.owned[v].length) : MEMBER_STATUSES.map((s) => main.value.incoming[s].length);
        const parts = [this.counted(counts.reduce((a, b) => a + b, 0))];
        if (node.group === 'incoming' && main.value.pendingCount > 0) parts.push(vscode.l10n.t('{0} pending', main.value.pendingCount));
        if (this.images.isLoading(node.scopeId)) parts.push(vscode.l10n.t('loading…'));
        item.description = parts.join(' · ');
      }
      item.tooltip =
        node.group === 'mine'
          ? vscode.l10n.t('Images this project owns')
          : vscode.l10n.t('Images other projects shared with this project, by this project\u2019s answer');
      item.accessibilityInformation = this.groupSpoken(node, main);
    } else {
      const others = this.others(node.scopeId, node.group);
      item.iconPath = new vscode.ThemeIcon(VISIBILITY_ICONS[node.group]);
      item.description = others.kind === 'loaded' ? this.counted(others.value.length) : others.kind === 'loading' ? vscode.l10n.t('loading…') : undefined;
      item.tooltip =
        node.group === 'community'
          ? vscode.l10n.t('Other projects\u2019 community images (loaded when expanded)')
          : vscode.l10n.t('Other projects\u2019 public images (loaded when expanded)');
      item.accessibilityInformation = spoken(
        groupTitles()[node.group],
        others.kind === 'loaded'
          ? images(others.value.length)
          : others.kind === 'loading'
            ? vscode.l10n.t('loading')
            : others.kind === 'error'
              ? vscode.l10n.t('could not load')
              : vscode.l10n.t('loaded when expanded'),
      );
    }
    return item;
  }

  /** "My images, 14 images"; "Shared with me, 3 images, 1 pending": the count a sighted user reads. */
  private groupSpoken(node: GroupNode, main: ReturnType<ImageStore['main']>): vscode.AccessibilityInformation {
    const title = groupTitles()[node.group];
    if (node.group === 'incoming' && this.images.incomingUnknown(node.scopeId)) return spoken(title, vscode.l10n.t('not shown for an admin token'));
    if (main.kind === 'error') return spoken(title, vscode.l10n.t('could not load'));
    if (main.kind !== 'loaded') return spoken(title, vscode.l10n.t('loading'));
    const groups = main.value;
    const total =
      node.group === 'mine' ? IMAGE_VISIBILITIES.reduce((n, v) => n + groups.owned[v].length, 0) : MEMBER_STATUSES.reduce((n, s) => n + groups.incoming[s].length, 0);
    return spoken(
      title,
      images(total),
      node.group === 'incoming' && groups.pendingCount > 0 && vscode.l10n.t('{0} pending', groups.pendingCount),
      this.images.isLoading(node.scopeId) && vscode.l10n.t('loading'),
    );
  }

  private subgroupItem(node: SubgroupNode): vscode.TreeItem {
    const main = this.main(node.scopeId);
    const key = node.group === 'mine' ? node.visibility : node.status;
    const list = main.kind === 'loaded' ? (node.group === 'mine' ? main.value.owned[node.visibility] : main.value.incoming[node.status]) : [];
    const item = new vscode.TreeItem(
      vscode.l10n.t('{0} ({1})', subgroupTitle(key), list.length),
      list.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `${node.scopeId}/${node.group}/${key}`;
    // Pending opens by itself only once it is the whole list: opened from the first pages of a
    // load, VS Code would keep it open under that ID while thousands of rows arrive (the stall of
    // bench note 2026-12-02-tree-loads). Until then it has an ID of its own, so that the complete
    // group is a new row whose state VS Code takes as given.
    const pendingWhole = !(node.group === 'incoming' && node.status === 'pending') || this.images.pendingComplete(node.scopeId);
    if (!pendingWhole) item.id += PARTIAL_PENDING_SUFFIX;
    item.contextValue = node.group === 'mine' ? subgroupContextValue('mine', node.visibility) : subgroupContextValue('incoming', node.status);
    item.iconPath = new vscode.ThemeIcon(node.group === 'mine' ? VISIBILITY_ICONS[node.visibility] : STATUS_ICONS[node.status]);
    item.accessibilityInformation = spoken(subgroupTitle(key), images(list.length));
    if (node.group === 'incoming' && node.status === 'pending' && list.length > 0 && pendingWhole) {
      if (list.length <= PENDING_OPEN_MAX || this.openedWhileLoading.has(node.scopeId)) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return item;
  }

  private groupChildren(node: GroupNode): Node[] {
    if (node.group === 'community' || node.group === 'public') {
      const capabilities = this.images.capabilities(node.scopeId);
      if (node.group === 'community' && capabilities?.community === false) {
        // Glance before Image API 2.5 answers visibility=community with a 400: say why instead.
        return [messageRow(`${node.scopeId}/community:unsupported`, missingFeatureText(capabilities, 'community'), 'info', { scopeId: node.scopeId })];
      }
      const others = this.others(node.scopeId, node.group);
      if (others.kind === 'idle' || others.kind === 'loading') return [];
      if (others.kind === 'error') return this.stateRows(node.scopeId, `${node.group}`, others);
      if (others.value.length === 0)
        return [
          emptyRow(
            `${node.scopeId}/${node.group}:empty`,
            node.group === 'community'
              ? isEmptyFilter(this.filterValue)
                ? vscode.l10n.t('No community images of other projects')
                : vscode.l10n.t('No community image of other projects matches the filter')
              : isEmptyFilter(this.filterValue)
                ? vscode.l10n.t('No public images of other projects')
                : vscode.l10n.t('No public image of other projects matches the filter'),
            node.scopeId,
          ),
        ];
      return others.value.map((image) => this.imageNode(node.scopeId, `${node.group}`, image));
    }
    const main = this.main(node.scopeId);
    if (main.kind !== 'loaded') return this.stateRows(node.scopeId, node.group, main);
    if (node.group === 'mine') {
      // "Other" (a visibility this extension does not know) only when Glance sent one.
      const places: ImageVisibility[] = main.value.owned.other.length ? [...IMAGE_VISIBILITIES] : [...VISIBILITIES];
      return places.map((visibility) => ({ kind: 'subgroup', scopeId: node.scopeId, group: 'mine', visibility }));
    }
    if (this.images.incomingUnknown(node.scopeId)) {
      return [
        messageRow(`${node.scopeId}/incoming:allShares`, vscode.l10n.t('All Shares (admin)\u2026'), 'organization', {
          scopeId: node.scopeId,
          description: vscode.l10n.t('every project\u2019s shared images'),
          tooltip: vscode.l10n.t('Every shared image of this region, whoever owns it, with its members and their answers: Glance shows them all to an admin.'),
          command: { command: 'glanceShare.showAllShares', title: vscode.l10n.t('All Shares'), arguments: [{ scopeId: node.scopeId }] },
        }),
        messageRow(`${node.scopeId}/incoming:admin`, vscode.l10n.t('Not shown for an admin token'), 'info', {
          scopeId: node.scopeId,
          description: vscode.l10n.t('Glance lists every project\u2019s shares to an admin'),
          tooltip: vscode.l10n.t(
            'With the admin role, Glance returns every shared image of the cloud whatever the member status asked for, so the images shared with this project cannot be told apart. Add a project scope without the admin role to answer shares.',
          ),
        }),
      ];
    }
    return MEMBER_STATUSES.map((status) => ({ kind: 'subgroup', scopeId: node.scopeId, group: 'incoming', status }));
  }

  private subgroupChildren(node: SubgroupNode): Node[] {
    const main = this.main(node.scopeId);
    if (main.kind !== 'loaded') return [];
    const groups: ImageGroups = main.value;
    if (node.group === 'mine') {
      const owned = groups.owned[node.visibility];
      if (node.visibility === 'shared') void this.images.loadMembers(node.scopeId, owned);
      return owned.map((image) => this.imageNode(node.scopeId, `mine/${node.visibility}`, image));
    }
    return groups.incoming[node.status].map((image) => this.imageNode(node.scopeId, `incoming/${node.status}`, image, node.status));
  }

  /**
   * The row of an image at `place` ('incoming/accepted', 'mine/shared', …) under a scope, if the
   * tree shows it there now (the filter may hide it).
   */
  imageRow(scopeId: string, place: string, imageId: string): ImageNode | undefined {
    const main = this.main(scopeId);
    if (main.kind !== 'loaded') return undefined;
    const [group, key] = place.split('/');
    const list =
      group === 'mine'
        ? main.value.owned[key as ImageVisibility]
        : group === 'incoming' && !this.images.incomingUnknown(scopeId)
          ? main.value.incoming[key as MemberStatus]
          : undefined;
    const image = list?.find((i) => i.id === imageId);
    return image && this.imageNode(scopeId, place, image, group === 'incoming' ? (key as MemberStatus) : undefined);
  }

  private imageNode(scopeId: string, where: string, image: GlanceImage, memberStatus?: MemberStatus): ImageNode {
    return { kind: 'image', scopeId, path: `${scopeId}/${where}/${image.id}`, image, memberStatus };
  }

  private stateRows(scopeId: string, where: string, state: { kind: 'idle' | 'loading' } | { kind: 'error'; error: Error }): Node[] {
    if (state.kind === 'error') return [errorRow(`${scopeId}/${where}:error`, vscode.l10n.t('Could not load images'), state.error, scopeId)];
    return [loadingRow(`${scopeId}/${where}:loading`, vscode.l10n.t('Loading images…'), scopeId)];
  }
}
