import * as vscode from 'vscode';
import { SecretRegistry, type Logger } from '../openstack';
import { registerCommands } from './commands';
import { Connections } from './connections';
import { createLog } from './log';
import { ScopeStore } from './scopeStore';
import { MEMBERS_VIEW_TYPE, MembersPanels } from './panel/membersPanel';
import { PendingWatcher } from './pendingWatcher';
import { readSettings } from './settings';
import { ScopeImages } from './scopeImages';
import { ScopeStatusBar } from './statusBar';
import { ImagesTreeProvider } from './tree/imagesTree';
import type { Node } from './tree/nodes';
import { CredentialStore } from './userClouds';

/**
 * The extension's running state: builds every long-lived object once and owns their lifecycles
 * (everything is disposed with the extension context).
 */
export class Ctx {
  readonly connections: Connections;
  readonly images: ScopeImages;
  readonly tree: ImagesTreeProvider;
  readonly view: vscode.TreeView<Node>;
  readonly logger: Logger;
  readonly pendingWatcher: PendingWatcher;
  readonly panels: MembersPanels;

  constructor(readonly extension: vscode.ExtensionContext) {
    const secrets = new SecretRegistry();
    const { channel, logger } = createLog(secrets);
    this.logger = logger;
    const credentials = new CredentialStore(extension.globalState, extension.secrets);
    this.connections = new Connections({
      logger,
      secrets,
      credentials,
      scopeStore: new ScopeStore(extension.globalState),
      settings: readSettings,
      cwd: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    });
    this.images = new ScopeImages(this.connections, logger);
    this.tree = new ImagesTreeProvider(this.connections, this.images);
    this.view = vscode.window.createTreeView('glanceShare.images', { treeDataProvider: this.tree, showCollapseAll: true, canSelectMany: true });
    const statusBar = new ScopeStatusBar(this.connections);
    this.pendingWatcher = new PendingWatcher(this.connections, this.images, logger, readSettings);
    this.panels = new MembersPanels({ connections: this.connections, images: this.images, log: channel, extensionUri: extension.extensionUri });

    extension.subscriptions.push(
      channel,
      this.connections,
      this.images,
      this.tree,
      this.view,
      statusBar,
      this.pendingWatcher,
      this.panels,
      vscode.window.registerWebviewPanelSerializer(MEMBERS_VIEW_TYPE, this.panels.serializer()),
      ...registerCommands({ connections: this.connections, credentials, tree: this.tree, images: this.images, panels: this.panels, statusBar, log: channel }),
      this.view.onDidChangeSelection((event) => {
        const node = event.selection[0];
        if (node?.kind === 'scope') statusBar.setActive(this.connections.find(node.scopeId));
      }),
      this.connections.onDidChange(() => this.updateContext()),
      this.images.onDidChange(() => this.updateBadge()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('glanceShare.pendingCheckMinutes')) this.pendingWatcher.configure();
        if (event.affectsConfiguration('glanceShare.cloudsFile') || event.affectsConfiguration('glanceShare.requestTimeoutSeconds')) {
          void this.connections.reload();
        }
      }),
    );
  }

  async start(): Promise<void> {
    await this.connections.reload();
  }

  /** The number of shares waiting for an answer, over every scope, on the view's icon. */
  private updateBadge(): void {
    const pending = this.images.pendingTotal();
    this.view.badge = pending > 0 ? { value: pending, tooltip: `${pending} image${pending === 1 ? '' : 's'} shared with you waiting for Accept or Reject` } : undefined;
  }

  /** The welcome view shows only when nothing at all is configured. */
  private updateContext(): void {
    const none = this.connections.loaded && this.connections.scopes.length === 0 && this.connections.configErrors.length === 0;
    void vscode.commands.executeCommand('setContext', 'glanceShare.state', none ? 'noClouds' : 'ready');
  }
}
