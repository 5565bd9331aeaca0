import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GlanceImage, GlanceMember } from '../../openstack';
import { buildMembersView, parsePanelRequest, planMemberAdds, type AddResult, type PanelRequest, type PanelUpdate } from '../../sharing';
import type { Connections } from '../connections';
import { explanationOf } from '../errors';
import { answerShares, asError, removeMembers, shareImages, type ActionDeps } from '../imageActions';
import type { ImageTarget } from '../imageTargets';

export const MEMBERS_VIEW_TYPE = 'glanceShare.members';

/** What a panel needs to find its image again, also after a window reload. */
export interface PanelKey {
  readonly scopeId: string;
  readonly imageId: string;
}

export interface PanelDeps extends ActionDeps {
  readonly connections: Connections;
  readonly extensionUri: vscode.Uri;
}

function isPanelKey(value: unknown): value is PanelKey {
  return !!value && typeof value === 'object' && typeof (value as PanelKey).scopeId === 'string' && typeof (value as PanelKey).imageId === 'string';
}

/** One members panel per image, revealed again when reopened, restored after a reload. */
export class MembersPanels implements vscode.Disposable {
  private readonly panels = new Map<string, MembersPanel>();

  constructor(private readonly deps: PanelDeps) {}

  show(key: PanelKey, title: string): MembersPanel {
    const id = `${key.scopeId}|${key.imageId}`;
    const open = this.panels.get(id);
    if (open) {
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

  dispose(): void {
    for (const panel of this.panels.values()) panel.panel.dispose();
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

export class MembersPanel {
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Messages received that were not ours or were malformed (for the tests and the log). */
  rejectedMessages = 0;
  /** The last state sent, for the extension-host tests. */
  lastState: Extract<PanelUpdate, { type: 'state' }>['state'] | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: PanelKey,
    private readonly deps: PanelDeps,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'glance-share.svg');
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      // One source of truth: whatever changes this scope's images (a command in the tree, this
      // or another panel) re-reads this image.
      deps.images.onDidChange((scopeId) => {
        if (scopeId === key.scopeId) this.scheduleRefresh();
      }),
    );
  }

  /** Handle a message as if the webview had sent it (the extension-host tests use this). */
  receive(message: unknown): Promise<void> {
    const request = parsePanelRequest(message);
    if (!request) {
      this.rejectedMessages++;
      this.deps.log.warn(`Members panel: ignored a malformed or unknown message (${describe(message)})`);
      return Promise.resolve();
    }
    return this.handle(request).catch((error: unknown) => {
      this.deps.log.error(`Members panel: ${asError(error).message}`);
      void this.post({ type: 'error', message: explanationOf(asError(error)) });
    });
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.subscriptions.forEach((s) => s.dispose());
  }

  async refresh(): Promise<void> {
    const target = await this.target();
    const members = await this.members(target);
    const session = target.connection.session;
    const me = members.find((m) => m.member_id === target.ctx.projectId);
    const state = buildMembersView({
      image: target.image,
      ctx: { ...target.ctx, memberStatus: me?.status },
      members,
      cloud: target.scope.cloud.name,
      projectName: session.projectScope?.name ?? '',
      nameOf: (id) => this.deps.connections.projectName(id),
    });
    this.lastState = state;
    // Two scopes may show the same image side by side: the project tells their panels apart.
    this.panel.title = `Members: ${state.image.label} · ${state.scope.projectName}`;
    await this.post({ type: 'state', state });
  }

  private async handle(request: PanelRequest): Promise<void> {
    switch (request.type) {
      case 'ready':
      case 'refresh':
        return this.refresh();
      case 'copy':
        await vscode.env.clipboard.writeText(request.text);
        vscode.window.setStatusBarMessage('Copied', 2000);
        return;
      case 'addMembers':
        return this.addMembers(request.text);
      case 'removeMember':
        return this.removeMember(request.projectId);
      case 'setMyStatus': {
        const target = await this.target();
        await this.busy(async () => {
          const { failures } = await answerShares(this.deps, [target], request.status);
          if (failures.length) await this.post({ type: 'error', message: failures.join('; ') });
        });
        return this.refresh();
      }
    }
  }

  private async addMembers(text: string): Promise<void> {
    const target = await this.target();
    const plan = planMemberAdds(text, target.ctx.projectId);
    const results: AddResult[] = plan.rejected.map((r) => ({ input: r.input, ok: false, message: r.message }));
    const ids = [...plan.ids];
    if (ids.length > 0 && target.image.visibility === 'private') {
      const choice = await vscode.window.showWarningMessage(
        `"${target.image.name ?? target.image.id}" is private. Only shared images can have members.`,
        { modal: true, detail: `glance-share will first set the visibility to shared, then add ${ids.length} project${ids.length === 1 ? '' : 's'}. Nothing else changes.` },
        'Make Shared and Share',
      );
      if (choice !== 'Make Shared and Share') {
        ids.forEach((id) => results.push({ input: id, ok: false, message: 'not added: the image stays private' }));
        await this.post({ type: 'addResults', results });
        return;
      }
    }
    if (ids.length > 0) {
      await this.busy(async () => {
        const outcome = await shareImages(this.deps, [target], ids);
        for (const r of outcome.results) {
          results.push({ input: r.projectId ?? 'visibility', ok: r.ok, message: r.message });
        }
      });
    }
    await this.post({ type: 'addResults', results });
    await this.refresh();
  }

  private async removeMember(projectId: string): Promise<void> {
    const target = await this.target();
    const answer = await vscode.window.showWarningMessage(
      `Remove ${this.deps.connections.projectName(projectId) ?? projectId} from "${target.image.name ?? target.image.id}"?`,
      { modal: true, detail: 'The project loses access to the image at once; servers already booted from it keep running. You can share it again later.' },
      'Remove',
    );
    if (answer !== 'Remove') return;
    await this.busy(async () => {
      const { failures } = await removeMembers(this.deps, target, [projectId]);
      if (failures.length) await this.post({ type: 'error', message: failures.join('; ') });
    });
    await this.refresh();
  }

  private async busy(task: () => Promise<void>): Promise<void> {
    await this.post({ type: 'busy', busy: true });
    try {
      await task();
    } finally {
      await this.post({ type: 'busy', busy: false });
    }
  }

  /** The image as Glance has it now, in the scope this panel belongs to. */
  private async target(): Promise<ImageTarget> {
    const scope = this.deps.connections.find(this.key.scopeId);
    if (!scope || scope.state.kind !== 'connected') {
      throw new Error('This panel\u2019s cloud is not connected: reconnect it in the Images view, then refresh.');
    }
    const connection = scope.state.connection;
    const image: GlanceImage = await connection.glance.getImage(this.key.imageId);
    const session = connection.session;
    const projectId = session.projectScope?.id ?? '';
    // This project's member status comes from its member row, read in refresh(); the actions
    // below need only the project.
    return { scope, connection, image, ctx: { projectId, isAdmin: session.isAdmin } };
  }

  private async members(target: ImageTarget): Promise<GlanceMember[]> {
    // Only shared images have members (Glance answers 403 otherwise); a member sees its own row.
    if (target.image.visibility !== 'shared') return [];
    return target.connection.glance.listMembers(target.image.id);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch((e: unknown) => this.deps.log.warn(`Members panel refresh: ${asError(e).message}`)), 150);
  }

  private post(update: PanelUpdate): Thenable<boolean> {
    return this.panel.webview.postMessage(update);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const root = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'members.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'members.css'));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    // The key travels in a data attribute (JSON, escaped for an attribute) so the webview can
    // hand it to setState for the serializer; everything from Glance arrives later as messages.
    const key = JSON.stringify(this.key).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
<title>Members</title>
</head>
<body>
<main id="app" data-key="${key}" aria-busy="true"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
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
