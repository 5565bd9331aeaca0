import * as vscode from 'vscode';
import { explanationOf } from '../errors';
import type { Connections, Scope } from '../connections';
import { MEMBER_STATUSES, VISIBILITIES, type GlanceImage, type MemberStatus } from '../../openstack';
import type { ImageGroups } from '../../sharing';
import type { ScopeImages } from '../scopeImages';
import { STATUS_ICONS, VISIBILITY_ICONS, imageTreeItem } from './imageItems';
import { type GroupNode, type ImageNode, type Node, type MessageNode, type ScopeNode, type SubgroupNode, scopeTreeItem } from './nodes';

const GROUP_TITLES: Readonly<Record<GroupNode['group'], string>> = {
  mine: 'My images',
  incoming: 'Shared with me',
  community: 'Community',
  public: 'Public',
};

const MAX_EXPANDED_SCOPES = 3;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The "Images" view. Root: one row per cloud and project scope, plus a row for configuration
 * problems. Under a scope: its connection state (loading, password, project choice, error) or,
 * once connected, its image groups.
 */
export class ImagesTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One node object per scope, so that a change can refresh exactly that row. */
  private readonly scopeNodes = new Map<string, ScopeNode>();
  private readonly subscription: vscode.Disposable;

  private readonly imagesSubscription: vscode.Disposable;

  constructor(
    private readonly connections: Connections,
    private readonly images: ScopeImages,
  ) {
    this.subscription = connections.onDidChange((scope) => {
      const node = scope && this.scopeNodes.get(scope.id);
      this.changed.fire(node);
    });
    this.imagesSubscription = images.onDidChange((scopeId) => this.changed.fire(this.scopeNodes.get(scopeId)));
  }

  refresh(node?: Node): void {
    this.changed.fire(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'scope': {
        const scope = this.connections.find(node.scopeId);
        return scope ? scopeTreeItem(scope, this.connections.scopes.length <= MAX_EXPANDED_SCOPES) : new vscode.TreeItem('(removed)');
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip ?? node.label;
        item.iconPath = node.icon;
        item.command = node.command;
        item.contextValue = node.contextValue ?? 'message';
        return item;
      }
      case 'configProblems': {
        const item = new vscode.TreeItem('Configuration problems', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'config-problems';
        item.description = `${node.errors.length}`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = 'Some clouds could not be read from clouds.yaml, secure.yaml or OS_* variables.';
        return item;
      }
      case 'group':
        return this.groupItem(node);
      case 'subgroup':
        return this.subgroupItem(node);
      case 'image': {
        const scope = this.connections.find(node.scopeId);
        const session = scope?.state.kind === 'connected' ? scope.state.connection.session : undefined;
        return imageTreeItem(
          node.image,
          { projectId: session?.projectScope?.id ?? '', memberStatus: node.memberStatus, isAdmin: session?.isAdmin },
          node.path,
          (id) => this.connections.projectName(id),
          this.images.members(node.scopeId, node.image.id),
          node.scopeId,
        );
      }
      case 'configError': {
        const item = new vscode.TreeItem(node.error.cloud ? `Cloud "${node.error.cloud}"` : 'clouds.yaml', vscode.TreeItemCollapsibleState.None);
        item.id = `config-error:${node.index}`;
        item.description = node.error.explanation;
        item.tooltip = node.error.explanation;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.contextValue = 'configError';
        if (node.error.file) {
          item.command = { command: 'glanceShare.openCloudsYaml', title: 'Open', arguments: [node.error.file] };
        }
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
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

  getParent(node: Node): Node | undefined {
    if (node.kind === 'message' && node.scopeId) {
      return this.scopeNodes.get(node.scopeId);
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.imagesSubscription.dispose();
    this.changed.dispose();
  }

  private rootNodes(): Node[] {
    if (!this.connections.loaded) {
      return [message('loading', 'Reading cloud configuration…', 'loading~spin')];
    }
    const nodes: Node[] = [];
    const live = new Set<string>();
    for (const scope of this.connections.scopes) {
      live.add(scope.id);
      let node = this.scopeNodes.get(scope.id);
      if (!node) {
        node = { kind: 'scope', scopeId: scope.id };
        this.scopeNodes.set(scope.id, node);
      }
      nodes.push(node);
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
        return [message(`${scope.id}:connecting`, 'Connecting…', 'loading~spin', { scopeId: scope.id })];
      case 'needsSecret':
        return [
          message(`${scope.id}:secret`, `Enter ${scope.cloud.auth.type === 'password' ? 'password' : 'credentials'}…`, 'key', {
            scopeId: scope.id,
            description: `for ${scope.cloud.name}`,
            command: { command: 'glanceShare.enterPassword', title: 'Enter Password…', arguments: [{ kind: 'scope', scopeId: scope.id }] },
          }),
        ];
      case 'needsProject':
        return [
          message(`${scope.id}:project`, 'Choose a project…', 'layers', {
            scopeId: scope.id,
            description: `${state.projects.length} available`,
            command: { command: 'glanceShare.switchProject', title: 'Choose a Project…', arguments: [{ kind: 'scope', scopeId: scope.id }] },
          }),
        ];
      case 'error':
        return [
          message(`${scope.id}:error`, 'Could not connect', 'error', {
            scopeId: scope.id,
            description: explanationOf(state.error),
            tooltip: state.error.message,
            contextValue: 'error',
            command: { command: 'glanceShare.retry', title: 'Retry', arguments: [{ kind: 'scope', scopeId: scope.id }] },
          }),
        ];
      case 'connected': {
        const groups: GroupNode['group'][] = ['mine', 'incoming', 'community', 'public'];
        return groups.map((group) => ({ kind: 'group', scopeId: scope.id, group }));
      }
    }
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const lazy = node.group === 'community' || node.group === 'public';
    const item = new vscode.TreeItem(GROUP_TITLES[node.group], lazy ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${node.scopeId}/${node.group}`;
    item.contextValue = `group;${node.group}`;
    const main = this.images.main(node.scopeId);
    if (node.group === 'mine' || node.group === 'incoming') {
      item.iconPath = new vscode.ThemeIcon(node.group === 'mine' ? 'archive' : 'inbox');
      if (main.kind === 'loaded' && !(node.group === 'incoming' && this.images.incomingUnknown(node.scopeId))) {
        const counts = node.group === 'mine' ? VISIBILITIES.map((v) => main.value.owned[v].length) : MEMBER_STATUSES.map((s) => main.value.incoming[s].length);
        item.description = `${counts.reduce((a, b) => a + b, 0)}`;
        if (node.group === 'incoming' && main.value.pendingCount > 0) item.description += ` · ${main.value.pendingCount} pending`;
        if (this.images.isLoading(node.scopeId)) item.description += ' · loading…';
      }
      item.tooltip = node.group === 'mine' ? 'Images this project owns' : 'Images other projects shared with this project, by this project\u2019s answer';
    } else {
      const others = this.images.others(node.scopeId, node.group);
      item.iconPath = new vscode.ThemeIcon(VISIBILITY_ICONS[node.group]);
      item.description = others.kind === 'loaded' ? `${others.value.length}` : others.kind === 'loading' ? 'loading…' : undefined;
      item.tooltip = node.group === 'community' ? 'Other projects\u2019 community images (loaded when expanded)' : 'Other projects\u2019 public images (loaded when expanded)';
    }
    return item;
  }

  private subgroupItem(node: SubgroupNode): vscode.TreeItem {
    const main = this.images.main(node.scopeId);
    const key = node.group === 'mine' ? node.visibility : node.status;
    const list = main.kind === 'loaded' ? (node.group === 'mine' ? main.value.owned[node.visibility] : main.value.incoming[node.status]) : [];
    const item = new vscode.TreeItem(`${capitalise(key)} (${list.length})`, list.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${node.scopeId}/${node.group}/${key}`;
    item.contextValue = `subgroup;${node.group};${key}`;
    item.iconPath = new vscode.ThemeIcon(node.group === 'mine' ? VISIBILITY_ICONS[node.visibility] : STATUS_ICONS[node.status]);
    if (node.group === 'incoming' && node.status === 'pending' && list.length) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return item;
  }

  private groupChildren(node: GroupNode): Node[] {
    if (node.group === 'community' || node.group === 'public') {
      const others = this.images.others(node.scopeId, node.group);
      if (others.kind === 'idle') {
        void this.images.loadOthers(node.scopeId, node.group);
        return [message(`${node.scopeId}/${node.group}:loading`, 'Loading…', 'loading~spin', { scopeId: node.scopeId })];
      }
      if (others.kind !== 'loaded') return this.stateRows(node.scopeId, `${node.group}`, others);
      if (others.value.length === 0) return [message(`${node.scopeId}/${node.group}:empty`, `No ${node.group} images of other projects`, 'info', { scopeId: node.scopeId })];
      return others.value.map((image) => this.imageNode(node.scopeId, `${node.group}`, image));
    }
    const main = this.images.main(node.scopeId);
    if (main.kind !== 'loaded') return this.stateRows(node.scopeId, node.group, main);
    if (node.group === 'mine') {
      return VISIBILITIES.map((visibility) => ({ kind: 'subgroup', scopeId: node.scopeId, group: 'mine', visibility }));
    }
    if (this.images.incomingUnknown(node.scopeId)) {
      return [
        message(`${node.scopeId}/incoming:admin`, 'Not shown for an admin token', 'info', {
          scopeId: node.scopeId,
          description: 'Glance lists every project\u2019s shares to an admin',
          tooltip: 'With the admin role, Glance returns every shared image of the cloud whatever the member status asked for, so the images shared with this project cannot be told apart. Add a project scope without the admin role to answer shares.',
        }),
      ];
    }
    return MEMBER_STATUSES.map((status) => ({ kind: 'subgroup', scopeId: node.scopeId, group: 'incoming', status }));
  }

  private subgroupChildren(node: SubgroupNode): Node[] {
    const main = this.images.main(node.scopeId);
    if (main.kind !== 'loaded') return [];
    const groups: ImageGroups = main.value;
    if (node.group === 'mine') {
      const owned = groups.owned[node.visibility];
      if (node.visibility === 'shared') void this.images.loadMembers(node.scopeId, owned);
      return owned.map((image) => this.imageNode(node.scopeId, `mine/${node.visibility}`, image));
    }
    return groups.incoming[node.status].map((image) => this.imageNode(node.scopeId, `incoming/${node.status}`, image, node.status));
  }

  private imageNode(scopeId: string, where: string, image: GlanceImage, memberStatus?: MemberStatus): ImageNode {
    return { kind: 'image', scopeId, path: `${scopeId}/${where}/${image.id}`, image, memberStatus };
  }

  private stateRows(scopeId: string, where: string, state: { kind: 'idle' | 'loading' } | { kind: 'error'; error: Error }): Node[] {
    if (state.kind === 'error') {
      return [
        message(`${scopeId}/${where}:error`, 'Could not load images', 'error', {
          scopeId,
          description: explanationOf(state.error),
          tooltip: state.error.message,
          contextValue: 'error',
          command: { command: 'glanceShare.retry', title: 'Retry', arguments: [{ kind: 'scope', scopeId }] },
        }),
      ];
    }
    return [message(`${scopeId}/${where}:loading`, 'Loading images…', 'loading~spin', { scopeId })];
  }
}

function message(id: string, label: string, icon: string, extra: Partial<MessageNode> = {}): MessageNode {
  return { kind: 'message', id, label, icon: new vscode.ThemeIcon(icon, icon === 'error' ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined), ...extra };
}
