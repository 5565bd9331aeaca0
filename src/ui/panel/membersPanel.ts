import * as vscode from 'vscode';
import { DisposableBase, toDisposable } from '../../common/lifecycle';
import { asError, type GlanceImage, type GlanceMember, type ScopeConnection } from '../../openstack';
import {
  uncheckedProject,
  buildMembersView,
  membersPageHtml,
  parsePanelRequest,
  refusalOf,
  viewpointOf,
  type AddResult,
  type PanelKey,
  type PanelRequest,
  type PanelUpdate,
} from '../../sharing';
import { confirmMakeShared, confirmRemoveMembers } from '../confirmations';
import type { Connections } from '../connections';
import { explanationOf } from '../errors';
import { answerShares, removeMembers, shareImages, type ActionDeps } from '../imageActions';
import type { ImageTarget } from '../imageTargets';
import type { ProjectDirectory } from '../projectDirectory';
import { pickProjects } from '../projectPicker';
import { webviewPageParts } from '../webviewPage';

export const MEMBERS_VIEW_TYPE = 'glanceShare.members';

export type { PanelKey };

export interface PanelDeps extends ActionDeps {
  readonly connections: Connections;
  readonly extensionUri: vscode.Uri;
  readonly directory: ProjectDirectory;
}

function isPanelKey(value: unknown): value is PanelKey {
  return !!value && typeof value === 'object' && typeof (value as PanelKey).scopeId === 'string' && typeof (value as PanelKey).imageId === 'string';
}

/** One members panel per image, revealed again when reopened, restored after a reload. */
export class MembersPanels extends DisposableBase {
  private readonly panels = new Map<string, MembersPanel>();

  constructor(private readonly deps: PanelDeps) {
    super();
    // Closing a panel disposes its MembersPanel too (adopt's onDidDispose).
    this._register(toDisposable(() => [...this.panels.values()].forEach((open) => open.panel.dispose())));
  }

  /**
   * Opens the image's panel, which reads Glance once its webview is ready; an open one is
   * revealed and reads Glance again (what the other side answered meanwhile).
   */
  show(key: PanelKey, title: string): MembersPanel {
    const id = `${key.scopeId}|${key.imageId}`;
    const open = this.panels.get(id);
    if (open) {
      // Before reveal(): only a visible panel is read here; one in the background lost its page
      // (no retainContextWhenHidden), which loads again when revealed and its `ready` reads Glance.
      open.requestRefresh();
      open.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(MEMBERS_VIEW_TYPE, title, vscode.ViewColumn.Active, this.options());
    return this.adopt(panel, key);
  }

  find(key: PanelKey): MembersPanel | undefined {
    return this.panels.get(`${key.scopeId}|${key.imageId}`);
  }

  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        if (!isPanelKey(state)) {
          panel.dispose();
          return;
        }
        panel.webview.options = this.options();
        this.adopt(panel, { scopeId: state.scopeId, imageId: state.imageId });
      },
    };
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel, key: PanelKey): MembersPanel {
    const id = `${key.scopeId}|${key.imageId}`;
    const members = new MembersPanel(panel, key, this.deps);
    this.panels.set(id, members);
    panel.onDidDispose(() => {
      this.panels.delete(id);
      members.dispose();
    });
    return members;
  }
}

export class MembersPanel extends DisposableBase {
  private refreshTimer: NodeJS.Timeout | undefined;
  /**
   * Settles when the webview has said it listens (its first `ready`): a message posted to a page
   * still loading is lost, so nothing is posted before (as vscode-pull-request-github's
   * WebviewBase._waitForReady).
   */
  private readonly webviewReady: Promise<void>;
  private markReady: () => void = () => undefined;
  /** Only the newest of overlapping reads may post its state. */
  private refreshGeneration = 0;
  /** The connection the last read used: a reconnected scope is read again. */
  private readConnection: ScopeConnection | undefined;
  /** The webview has posted `ready` at least once. */
  isReady = false;
  /** Reads of Glance (the image, and the members of a shared one) this panel started, for the tests. */
  reads = 0;
  /** Messages received that were not ours or were malformed (for the tests and the log). */
  rejectedMessages = 0;
  /** Glance said the image is gone for this project (the webview says so instead of loading). */
  gone = false;
  /** The last state sent, for the extension-host tests. */
  lastState: Extract<PanelUpdate, { type: 'state' }>['state'] | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: PanelKey,
    private readonly deps: PanelDeps,
  ) {
    super();
    this.webviewReady = new Promise((resolve) => (this.markReady = resolve));
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'glance-share.svg');
    panel.webview.html = this.html();
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    // One source of truth: whatever changes this image or its members (a command in the tree,
    // this or another panel, in any scope) re-reads it; other images of the scope do not.
    this._register(
      deps.images.onDidChangeImage((change) => {
        if (change.imageId === key.imageId) this.requestRefresh();
      }),
    );
    // Restored before its cloud signed in (a window reload), or signed in again: read it now.
    this._register(
      deps.connections.onDidChange(() => {
        const scope = deps.connections.find(key.scopeId);
        if (scope?.state.kind === 'connected' && scope.state.connection !== this.readConnection) this.requestRefresh();
      }),
    );
    this._register(toDisposable(() => clearTimeout(this.refreshTimer)));
  }

  /** Handle a message as if the webview had sent it (the extension-host tests use this). */
  receive(message: unknown): Promise<void> {
    const request = parsePanelRequest(message);
    if (!request) {
      this.rejectedMessages++;
      this.deps.log.warn(`Members panel: ignored a malformed or unknown message (${describe(message)})`);
      return Promise.resolve();
    }
    return this.handle(request).catch((error: unknown) => this.report(error));
  }

  /** A read is scheduled (requestRefresh) and has not started. */
  get refreshPending(): boolean {
    return this.refreshTimer !== undefined;
  }

  /** Reads the image and its members and sends the state (after the webview is ready). */
  async refresh(): Promise<void> {
    const generation = ++this.refreshGeneration;
    this.reads++;
    let target: ImageTarget;
    let members: GlanceMember[];
    try {
      target = await this.target();
      members = await this.members(target);
    } catch (error) {
      // Deleted, or the share withdrawn, while the panel (or the row it was opened from) showed it.
      const side = this.lastState ? (this.lastState.role === 'owned' ? 'owner' : 'member') : 'unknown';
      const refusal = refusalOf(error, side);
      if (refusal?.kind !== 'shareGone' && refusal?.kind !== 'imageGone' && refusal?.kind !== 'unavailable') throw error;
      this.deps.log.warn(`Members panel: ${asError(error).message}`);
      this.gone = true;
      this.deps.images.dropImage(this.key.scopeId, this.key.imageId);
      await this.post({ type: 'error', message: refusal.message, gone: true });
      return;
    }
    if (generation !== this.refreshGeneration) return;
    this.gone = false;
    const session = target.connection.session;
    const me = members.find((m) => m.member_id === target.viewpoint.projectId);
    // Names from every source the picker knows (own projects, the address book): a member shown by name is one the user can recognise.
    const knownProjects = await this.deps.connections.knownProjects();
    const names = new Map<string, string | undefined>();
    for (const id of new Set([...members.map((m) => m.member_id), target.image.owner ?? ''])) if (id) names.set(id, await this.deps.directory.nameOf(target.scope, id));
    const booked = new Set((await this.deps.directory.addressBook.entries()).map((e) => e.id));
    const state = buildMembersView({
      image: target.image,
      viewpoint: { ...target.viewpoint, memberStatus: me?.status === 'other' ? undefined : me?.status },
      members,
      cloud: target.scope.cloud.name,
      projectName: session.projectScope?.name ?? '',
      nameOf: (id) => names.get(id),
      knownProjects,
      inAddressBook: (id) => booked.has(id),
    });
    this.lastState = state;
    // Two scopes may show the same image side by side: the project tells their panels apart.
    // …and the region, when the cloud has several: the same image ID means nothing in another region.
    this.panel.title = vscode.l10n.t('Members: {0} · {1}', state.image.label, [state.scope.projectName, target.scope.region].filter(Boolean).join(' · '));
    await this.post({ type: 'state', state });
  }

  /**
   * A read soon, once for a burst of changes (a share changes the visibility, then the members).
   * Nothing to do before the webview is ready, nor while the panel is in the background (its page
   * is gone): either way the page's `ready` reads Glance when it loads.
   */
  requestRefresh(): void {
    if (!this.isReady || !this.panel.visible) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh().catch((error: unknown) => this.report(error));
    }, 150);
  }

  private async handle(request: PanelRequest): Promise<void> {
    switch (request.type) {
      case 'ready':
        // Sent once per page load: at open, and again when VS Code reloads a hidden panel's page.
        this.isReady = true;
        this.markReady();
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'copy':
        await vscode.env.clipboard.writeText(request.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 2000);
        return;
      case 'addMembers':
        return this.addMembers(request.text);
      case 'pickProjects':
        return this.pickAndAdd();
      case 'addToAddressBook':
        await vscode.commands.executeCommand('glanceShare.addToAddressBook', { projectId: request.projectId, scopeId: this.key.scopeId });
        return this.refresh();
      case 'removeMember':
        return this.removeMember(request.projectId);
      case 'setMyStatus': {
        // The new state arrives through onDidChangeImage, as it does for an answer from the tree.
        const target = await this.target();
        await this.busy(async () => {
          const { failures } = await answerShares(this.deps, [target], request.status);
          if (failures.length) await this.post({ type: 'error', message: failures.join('; ') });
        });
        return;
      }
    }
  }

  /** "Choose Projects…": the project picker (in VS Code, not the page), then the same add as typed IDs. */
  private async pickAndAdd(): Promise<void> {
    const target = await this.target();
    const members = (this.lastState?.members ?? []).map((m) => m.projectId);
    const picked = await pickProjects(this.deps.directory, target.scope, {
      title: vscode.l10n.t('Add projects to "{0}"', this.lastState?.image.label ?? target.image.id),
      exclude: new Set([target.viewpoint.projectId, ...members]),
      known: await this.deps.connections.knownProjects(),
    });
    if (!picked?.length) return;
    return this.addIds(target, [...new Set(picked.map((c) => c.id))], []);
  }

  /** The add box's text: IDs checked as always, names resolved to IDs or refused (never sent to Glance). */
  private async addMembers(text: string): Promise<void> {
    const scope = this.deps.connections.find(this.key.scopeId);
    const owner = scope?.state.kind === 'connected' ? scope.state.connection.session.projectScope?.id : undefined;
    if (!scope || !owner) throw new Error(vscode.l10n.t('This panel\u2019s cloud is not connected: reconnect it in the Images view, then refresh.'));
    // Planned before the image is read: text that names no project costs no request to Glance at all.
    const plan = await this.deps.directory.planAdds(scope, text, owner);
    const refused = plan.rejected.map((r) => ({ input: r.input, ok: false, message: r.message }));
    if (plan.ids.length === 0) {
      await this.post({ type: 'addResults', results: refused });
      return;
    }
    return this.addIds(await this.target(), plan.ids, refused, plan.named);
  }

  private async addIds(target: ImageTarget, projectIds: readonly string[], refused: AddResult[], named: ReadonlyMap<string, string> = new Map()): Promise<void> {
    const results: AddResult[] = [...refused];
    const ids = [...projectIds];
    if (ids.length > 0 && target.image.visibility === 'private' && !(await confirmMakeShared([target.image], ids.length))) {
      ids.forEach((id) => results.push({ input: id, ok: false, message: vscode.l10n.t('not added: the image stays private') }));
      await this.post({ type: 'addResults', results });
      return;
    }
    if (ids.length > 0) {
      await this.busy(async () => {
        const outcome = await shareImages(this.deps, [target], ids);
        const known = await this.deps.connections.knownProjects();
        for (const r of outcome.results) {
          const unchecked = r.ok && r.projectId && !known.has(r.projectId);
          const name = r.projectId ? (named.get(r.projectId) ?? (await this.deps.directory.rawNameOf(target.scope, r.projectId))) : undefined;
          const input = r.projectId ? (name ? `${name} (${r.projectId})` : r.projectId) : 'visibility';
          results.push({ input, ok: r.ok, message: unchecked ? `${r.message}; ${uncheckedProject()}` : r.message });
        }
      });
    }
    await this.post({ type: 'addResults', results });
  }

  private async removeMember(projectId: string): Promise<void> {
    const target = await this.target();
    if (!(await confirmRemoveMembers(target.image, [{ projectId, projectName: this.deps.connections.projectName(projectId) }]))) return;
    await this.busy(async () => {
      const { failures } = await removeMembers(this.deps, target, [projectId]);
      if (failures.length) await this.post({ type: 'error', message: failures.join('; ') });
    });
  }

  private async busy(task: () => Promise<void>): Promise<void> {
    await this.post({ type: 'busy', busy: true });
    try {
      await task();
    } finally {
      await this.post({ type: 'busy', busy: false });
    }
  }

  private report(error: unknown): void {
    this.deps.log.error(`Members panel: ${asError(error).message}`);
    void this.post({ type: 'error', message: explanationOf(asError(error)) });
  }

  /** The image as Glance has it now, in the scope this panel belongs to. */
  private async target(): Promise<ImageTarget> {
    const scope = this.deps.connections.find(this.key.scopeId);
    if (!scope || scope.state.kind !== 'connected') {
      this.readConnection = undefined;
      throw new Error(vscode.l10n.t('This panel\u2019s cloud is not connected: reconnect it in the Images view, then refresh.'));
    }
    const connection = scope.state.connection;
    this.readConnection = connection;
    const image: GlanceImage = await connection.glance.getImage(this.key.imageId);
    // This project's member status comes from its member row, read in refresh(); the actions
    // below need only the project.
    return {
      scope,
      connection,
      image,
      viewpoint: viewpointOf(connection.session, undefined, { capabilities: connection.glance.knownCapabilities, permissions: this.deps.images.permissions(scope.id) }),
    };
  }

  private async members(target: ImageTarget): Promise<GlanceMember[]> {
    // Only shared images have members (Glance answers 403 otherwise); a member sees its own row.
    if (target.image.visibility !== 'shared') return [];
    return target.connection.glance.listMembers(target.image.id);
  }

  private async post(update: PanelUpdate): Promise<boolean> {
    await this.webviewReady;
    return this.panel.webview.postMessage(update);
  }

  private html(): string {
    return membersPageHtml({ ...webviewPageParts(this.panel.webview, this.deps.extensionUri, 'members'), key: this.key });
  }
}

function describe(message: unknown): string {
  try {
    const text = JSON.stringify(message) ?? String(message);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  } catch {
    return typeof message;
  }
}
