import * as vscode from 'vscode';
import { DisposableBase, toDisposable } from '../common/lifecycle';
import { asError, loadPendingShares, type GlanceImage, type Logger } from '../openstack';
import type { Connections, Scope } from './connections';
import type { ImageStore } from './imageStore';
import type { Settings } from './settings';
import type { ImageNode } from './tree/nodes';

/**
 * The optional periodic check (glanceShare.pendingCheckMinutes, off by default): one listing per
 * project (the scope load's own pending listing, see loadPendingShares), and a notification for
 * shares that arrived since the last look, with Accept, Show and Review All… (the inbox).
 */
export class PendingWatcher extends DisposableBase {
  private timer: NodeJS.Timeout | undefined;
  /** Pending image IDs already seen per (Glance endpoint, project), so each arrival is announced once. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly connections: Connections,
    private readonly images: ImageStore,
    private readonly logger: Logger,
    private readonly settings: () => Settings,
  ) {
    super();
    this._register(toDisposable(() => this.stop()));
    this.configure();
  }

  /** Start, restart or stop the timer after a settings change. */
  configure(): void {
    this.stop();
    if (this.isDisposed) return;
    const minutes = this.settings().pendingCheckMinutes;
    if (minutes > 0) {
      this.timer = setInterval(() => void this.check(), minutes * 60_000);
      this.logger.info(`Checking for new shares every ${minutes} min`);
    }
  }

  /** One round: exported for the tests, which cannot wait minutes. */
  async check(): Promise<number> {
    let announced = 0;
    // One listing per project in each region: two regions are two Glances with their own shares.
    const byProject = new Map<string, Scope>();
    for (const scope of this.connections.scopes) {
      const connection = scope.state.kind === 'connected' ? scope.state.connection : undefined;
      const project = connection?.session.projectScope;
      const key = connection && project ? `${connection.glance.endpoint} ${project.id}` : undefined;
      // An admin token (by role or as its listings showed) is listed every project's shares.
      if (key && !this.images.incomingUnknown(scope.id) && !connection?.session.isAdmin && !byProject.has(key)) {
        byProject.set(key, scope);
      }
    }
    for (const [key, scope] of byProject) {
      if (scope.state.kind !== 'connected') continue;
      const connection = scope.state.connection;
      const projectId = connection.session.projectScope?.id ?? '';
      try {
        const pending = await loadPendingShares(connection.glance, projectId);
        const seen = this.seen.get(key) ?? new Set(this.knownPending(scope));
        const fresh = pending.filter((i) => !seen.has(i.id));
        this.seen.set(key, new Set(pending.map((i) => i.id)));
        if (fresh.length === 0) continue;
        announced += fresh.length;
        void this.images.reload(scope.id);
        const name = connection.session.projectScope?.name ?? projectId;
        void this.announce(scope, scope.region ? `${name} in ${scope.region}` : name, fresh);
      } catch (error) {
        this.logger.warn(`Checking new shares for ${projectId}: ${asError(error).message}`);
      }
    }
    return announced;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private knownPending(scope: Scope): string[] {
    const main = this.images.main(scope.id);
    return main.kind === 'loaded' ? main.value.incoming.pending.map((i) => i.id) : [];
  }

  private async announce(scope: Scope, projectName: string, fresh: readonly GlanceImage[]): Promise<void> {
    const accept = vscode.l10n.t('Accept');
    const show = vscode.l10n.t('Show');
    const reviewAll = vscode.l10n.t('Review All…');
    const choice = await vscode.window.showInformationMessage(
      fresh.length === 1
        ? vscode.l10n.t('"{0}" was shared with {1} and is waiting for an answer.', fresh[0].name ?? fresh[0].id, projectName)
        : vscode.l10n.t('{0} images were shared with {1} and are waiting for an answer.', fresh.length, projectName),
      accept,
      show,
      reviewAll,
    );
    if (choice === accept) {
      const nodes: ImageNode[] = fresh.map((image) => ({
        kind: 'image',
        scopeId: scope.id,
        path: `${scope.id}/incoming/pending/${image.id}`,
        image,
        memberStatus: 'pending',
      }));
      await vscode.commands.executeCommand('glanceShare.accept', nodes[0], nodes);
    } else if (choice === reviewAll) {
      await vscode.commands.executeCommand('glanceShare.reviewShares');
    } else if (choice === show) {
      await vscode.commands.executeCommand('glanceShare.images.focus');
    }
  }
}
