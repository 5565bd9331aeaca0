import * as vscode from 'vscode';
import { DisposableBase, toDisposable } from '../../common/lifecycle';
import { asError } from '../../openstack';
import { overviewPageHtml, parseOverviewRequest, rowLabel, type OverviewModel, type OverviewRequest, type OverviewUpdate } from '../../sharing';
import type { Connections, Scope } from '../connections';
import { explanationOf } from '../errors';
import type { ImageStore } from '../imageStore';
import type { MembersPanels } from '../panel/membersPanel';
import type { ProjectDirectory } from '../projectDirectory';
import { openOverviewExport } from './overviewExports';
import { OverviewReader } from './overviewReader';
import { webviewPageParts } from '../webviewPage';

export const OVERVIEW_VIEW_TYPE = 'glanceShare.accessOverview';

export interface OverviewDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly panels: MembersPanels;
  readonly directory: ProjectDirectory;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** How often, at most, a growing model is posted while member lists arrive (the last one always is). */
const POST_INTERVAL_MS = 200;

/** One overview per set of scopes, revealed (and read again) when opened again. */
export class AccessOverviews extends DisposableBase {
  private readonly open = new Map<string, AccessOverview>();

  constructor(private readonly deps: OverviewDeps) {
    super();
    this._register(toDisposable(() => [...this.open.values()].forEach((o) => o.panel.dispose())));
  }

  /** `mode` 'admin': All Shares, every project's shared images as the (admin) scope lists them. */
  show(scopes: readonly Scope[], title: string, mode?: 'admin'): AccessOverview {
    const key = `${mode ?? 'owner'}:${scopes
      .map((s) => s.id)
      .sort()
      .join('|')}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      void existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview')],
    });
    const overview = new AccessOverview(
      panel,
      scopes.map((s) => s.id),
      this.deps,
      mode,
    );
    this.open.set(key, overview);
    panel.onDidDispose(() => {
      this.open.delete(key);
      overview.dispose();
    });
    return overview;
  }

  /** The open overviews, for the extension-host tests. */
  get all(): readonly AccessOverview[] {
    return [...this.open.values()];
  }
}

/**
 * The access overview of some scopes in a webview: reads Glance (OverviewReader), posts the model
 * as it grows, opens an image's members panel on a click, and exports what the filter keeps.
 */
export class AccessOverview extends DisposableBase {
  private readonly reader: OverviewReader;
  private generation = 0;
  private ready = false;
  private postTimer: NodeJS.Timeout | undefined;
  private lastPost = 0;
  /** The read in flight (for the tests: await it). */
  reading: Promise<void> = Promise.resolve();
  /** The last model posted to the page. */
  lastModel: OverviewModel | undefined;
  /** Models posted, and messages refused as malformed (for the tests). */
  posts = 0;
  rejectedMessages = 0;
  /** The document the last export opened. */
  lastExport: vscode.TextDocument | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly scopeIds: readonly string[],
    private readonly deps: OverviewDeps,
    readonly mode?: 'admin',
  ) {
    super();
    this.reader = new OverviewReader(deps, mode);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'glance-share.svg');
    panel.webview.html = this.html();
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    // A member added, removed or answered anywhere (the members panel, the tree): that row again.
    this._register(
      deps.images.onDidChangeImage((change) => {
        if (this.scopeIds.includes(change.scopeId) && this.lastModel?.rows.some((r) => r.imageId === change.imageId)) {
          void this.reader.reread(this.scopes(), change.imageId, () => this.schedulePost()).catch((error: unknown) => this.report(error));
        }
      }),
    );
    this._register(toDisposable(() => clearTimeout(this.postTimer)));
    void this.refresh();
  }

  /** Handle a message as if the webview had sent it (the extension-host tests use this). */
  receive(message: unknown): Promise<unknown> {
    const request = parseOverviewRequest(message);
    if (!request) {
      this.rejectedMessages++;
      this.deps.log.warn('Access overview: ignored a malformed or unknown message');
      return Promise.resolve(undefined);
    }
    return this.handle(request).catch((error: unknown) => this.report(error));
  }

  /** Reads every scope's images and members again; the page sees the rows as they arrive. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.reading = this.reader
      .read(
        this.scopes(),
        () => {
          if (generation === this.generation) this.schedulePost();
        },
        () => generation !== this.generation || this.isDisposed,
      )
      .catch((error: unknown) => this.report(error));
    return this.reading;
  }

  private async handle(request: OverviewRequest): Promise<unknown> {
    switch (request.type) {
      case 'ready':
        // Again after the tab was hidden and shown: the page lost its content, the model did not.
        this.ready = true;
        this.postNow();
        return undefined;
      case 'refresh':
        return this.refresh();
      case 'openMembers': {
        // Only an image of this overview: the page is not trusted to name any other.
        const row = this.reader.model().rows.find((r) => r.scopeId === request.scopeId && r.imageId === request.imageId);
        if (!row) return undefined;
        return this.deps.panels.show({ scopeId: row.scopeId, imageId: row.imageId }, vscode.l10n.t('Members: {0}', rowLabel(row)));
      }
      case 'export':
        this.lastExport = await openOverviewExport(request.format, this.reader.model(), request.filter);
        return this.lastExport;
    }
  }

  private scopes(): Scope[] {
    return this.scopeIds.map((id) => this.deps.connections.find(id)).filter((s): s is Scope => !!s);
  }

  /** At most one post per interval while the model grows; the final one (done) at once. */
  private schedulePost(): void {
    if (this.reader.complete || Date.now() - this.lastPost >= POST_INTERVAL_MS) {
      this.postNow();
      return;
    }
    if (!this.postTimer) this.postTimer = setTimeout(() => this.postNow(), POST_INTERVAL_MS);
  }

  private postNow(): void {
    clearTimeout(this.postTimer);
    this.postTimer = undefined;
    if (!this.ready || this.isDisposed) return;
    this.lastPost = Date.now();
    const model = this.reader.model();
    this.lastModel = model;
    this.posts++;
    void this.post({ type: 'model', model });
  }

  private report(error: unknown): void {
    this.deps.log.error(`Access overview: ${asError(error).message}`);
    void this.post({ type: 'error', message: explanationOf(asError(error)) });
  }

  private post(update: OverviewUpdate): Thenable<boolean> {
    return this.isDisposed ? Promise.resolve(false) : this.panel.webview.postMessage(update);
  }

  private html(): string {
    return overviewPageHtml(webviewPageParts(this.panel.webview, this.deps.extensionUri, 'overview'));
  }
}
