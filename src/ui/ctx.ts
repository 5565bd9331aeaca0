import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { SecretRegistry, type Logger } from '../openstack';
import { registerCommands } from './commands';
import { AddressBook } from './addressBook';
import { Connections } from './connections';
import { createLog } from './log';
import { ScopeStore } from './scopeStore';
import { RegionStore } from './regionStore';
import { MEMBERS_VIEW_TYPE, MembersPanels } from './panel/membersPanel';
import { Inbox } from './inbox';
import { Offboarding } from './offboarding';
import { AccessOverviews } from './overview/overviewPanel';
import { BulkSharing } from './bulkShare';
import { Rotation } from './rotation';
import { PendingWatcher } from './pendingWatcher';
import { ProjectDirectory } from './projectDirectory';
import { readSettings } from './settings';
import { ImageDetailsProvider } from './imageDetails';
import { ImageStore } from './imageStore';
import { ScopeStatusBar } from './statusBar';
import { ArrivalReveal } from './tree/arrivalReveal';
import { ImagesTreeProvider } from './tree/imagesTree';
import type { Node } from './tree/nodes';
import { CredentialStore } from './userClouds';
import { ViewFilter } from './viewFilter';
import { WalkthroughProgress } from './walkthroughProgress';

/**
 * The extension's running state: builds every long-lived object once and owns their lifecycles.
 * It is disposed with the extension context (and by deactivate()): every connection closes its
 * sockets then.
 */
export class Ctx extends DisposableBase {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly tree: ImagesTreeProvider;
  readonly view: vscode.TreeView<Node>;
  /** Brings arriving and moved images into view. */
  readonly arrivals: ArrivalReveal;
  readonly logger: Logger;
  readonly pendingWatcher: PendingWatcher;
  readonly panels: MembersPanels;
  readonly overviews: AccessOverviews;
  readonly filter: ViewFilter;
  readonly offboarding: Offboarding;
  /** Bulk membership as a plan: the share commands' plans and applies. */
  readonly bulk: BulkSharing;
  /** The old image's side of Publish New Version…. */
  readonly rotation: Rotation;
  /** Everything shared with the connected scopes, read from Glance and answered in bulk. */
  readonly inbox: Inbox;
  readonly walkthrough: WalkthroughProgress;
  /** Every project a scope can share with (own, members, address book, Keystone by name). */
  readonly directory: ProjectDirectory;

  constructor(readonly extension: vscode.ExtensionContext) {
    super();
    extension.subscriptions.push(this);
    const knownSecrets = new SecretRegistry();
    const { channel, logger } = createLog(knownSecrets);
    // Registered first, so disposed last: what the others log while closing still reaches it.
    this._register(channel);
    this.logger = logger;
    const credentials = new CredentialStore(extension.globalState, extension.secrets);
    this.connections = this._register(
      new Connections({
        logger,
        knownSecrets,
        credentials,
        scopeStore: new ScopeStore(extension.globalState),
        regionStore: new RegionStore(extension.workspaceState),
        settings: readSettings,
        cwd: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      }),
    );
    this.images = this._register(new ImageStore(this.connections, logger, readSettings));
    this.walkthrough = this._register(new WalkthroughProgress(this.connections));
    this.tree = this._register(new ImagesTreeProvider(this.connections, this.images));
    this.view = this._register(vscode.window.createTreeView('glanceShare.images', { treeDataProvider: this.tree, showCollapseAll: true, canSelectMany: true }));
    this._register(this.view.onDidExpandElement(({ element }) => this.tree.noteExpansion(element, true)));
    this._register(this.view.onDidCollapseElement(({ element }) => this.tree.noteExpansion(element, false)));
    this.arrivals = this._register(new ArrivalReveal(this.images, this.tree, this.view, logger));
    this.filter = new ViewFilter(this.tree, this.images, this.view, extension.workspaceState);
    const statusBar = this._register(new ScopeStatusBar(this.connections));
    this.pendingWatcher = this._register(new PendingWatcher(this.connections, this.images, logger, readSettings));
    const addressBook = this._register(new AddressBook(channel));
    this.directory = new ProjectDirectory(this.connections, this.images, addressBook, channel);
    this.panels = this._register(
      new MembersPanels({
        connections: this.connections,
        images: this.images,
        log: channel,
        walkthrough: this.walkthrough,
        extensionUri: extension.extensionUri,
        directory: this.directory,
      }),
    );

    this.overviews = this._register(
      new AccessOverviews({
        connections: this.connections,
        images: this.images,
        panels: this.panels,
        directory: this.directory,
        extensionUri: extension.extensionUri,
        log: channel,
      }),
    );

    this._register(vscode.window.registerWebviewPanelSerializer(MEMBERS_VIEW_TYPE, this.panels.serializer()));
    this._register(ImageDetailsProvider.register(this.connections));
    this.offboarding = new Offboarding({ connections: this.connections, images: this.images, log: channel });
    this.bulk = new BulkSharing({ images: this.images, log: channel, walkthrough: this.walkthrough }, () => readSettings().memberQuota);
    this.rotation = new Rotation({ images: this.images, log: channel });
    this.inbox = new Inbox({ connections: this.connections, images: this.images, log: channel, walkthrough: this.walkthrough, directory: this.directory });
    for (const command of registerCommands({
      connections: this.connections,
      credentials,
      tree: this.tree,
      images: this.images,
      panels: this.panels,
      statusBar,
      log: channel,
      view: this.view,
      filter: this.filter,
      offboarding: this.offboarding,
      overviews: this.overviews,
      bulk: this.bulk,
      rotation: this.rotation,
      inbox: this.inbox,
      walkthrough: this.walkthrough,
      directory: this.directory,
    })) {
      this._register(command);
    }
    this._register(
      this.view.onDidChangeSelection((event) => {
        // Any row of a scope (an image in RegionTwo, say) makes that scope the one the user works in.
        const node = event.selection[0];
        const scopeId = node && 'scopeId' in node ? node.scopeId : undefined;
        if (scopeId) statusBar.setActive(this.connections.find(scopeId));
      }),
    );
    this._register(this.connections.onDidChange(() => this.updateContext()));
    this._register(this.images.onDidChange(() => this.updateBadge()));
    this._register(this.images.onDidChange(() => this.updateAdminContext()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('glanceShare.pendingCheckMinutes')) this.pendingWatcher.configure();
        // What a token may do is derived on each read: the rows only need drawing again; an admin
        // role also changes which listings a scope reads.
        if (event.affectsConfiguration('glanceShare.adminRoles')) void Promise.all(this.connections.scopes.map((s) => this.images.reload(s.id)));
        else if (event.affectsConfiguration('glanceShare.policyProfile') || event.affectsConfiguration('glanceShare.policyProfiles')) this.tree.refresh();
        const proxy = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'http.proxySupport', 'http.proxyAuthorization'].some((key) =>
          event.affectsConfiguration(key),
        );
        if (proxy || event.affectsConfiguration('glanceShare.cloudsFile') || event.affectsConfiguration('glanceShare.requestTimeoutSeconds')) {
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

  /** "All Shares" is in the palette only while some connected scope has an admin token. */
  private updateAdminContext(): void {
    const admin = this.connections.scopes.some((s) => s.state.kind === 'connected' && this.images.incomingUnknown(s.id));
    if (admin === this.adminContext) return;
    this.adminContext = admin;
    void vscode.commands.executeCommand('setContext', 'glanceShare.adminScope', admin);
  }

  private adminContext = false;

  /** The welcome view shows only when nothing at all is configured. */
  private updateContext(): void {
    const none = this.connections.loaded && this.connections.scopes.length === 0 && this.connections.configErrors.length === 0;
    void vscode.commands.executeCommand('setContext', 'glanceShare.state', none ? 'noClouds' : 'ready');
  }
}
