import * as vscode from 'vscode';
import type { GlanceImage, Logger } from '../openstack';
import type { Connections, Scope } from './connections';
import type { ScopeImages } from './scopeImages';
import type { Settings } from './settings';
import type { ImageNode } from './tree/nodes';

/**
 * The optional periodic check (glanceShare.pendingCheckMinutes, off by default): one listing per
 * scope (`visibility=shared&member_status=pending`), and a notification for shares that arrived
 * since the last look, with Accept and Show.
 */
export class PendingWatcher implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  /** Pending image IDs already seen per project, so each arrival is announced once. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly connections: Connections,
    private readonly images: ScopeImages,
    private readonly logger: Logger,
    private readonly settings: () => Settings,
  ) {
    this.configure();
  }

  /** Start, restart or stop the timer after a settings change. */
  configure(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const minutes = this.settings().pendingCheckMinutes;
    if (minutes > 0) {
      this.timer = setInterval(() => void this.check(), minutes * 60_000);
      this.logger.info(`Checking for new shares every ${minutes} min`);
    }
  }

  /** One round: exported for the tests, which cannot wait minutes. */
  async check(): Promise<number> {
    let announced = 0;
    const byProject = new Map<string, Scope>();
    for (const scope of this.connections.scopes) {
      const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
      if (project && !(scope.state.kind === 'connected' && scope.state.connection.session.isAdmin) && !byProject.has(project.id)) {
        byProject.set(project.id, scope);
      }
    }
    for (const [projectId, scope] of byProject) {
      if (scope.state.kind !== 'connected') continue;
      const connection = scope.state.connection;
      try {
        const pending = (await connection.glance.listAllImages({ visibility: 'shared', member_status: 'pending' })).filter((i) => i.owner !== projectId);
        const seen = this.seen.get(projectId) ?? new Set(this.knownPending(scope));
        const fresh = pending.filter((i) => !seen.has(i.id));
        this.seen.set(projectId, new Set(pending.map((i) => i.id)));
        if (fresh.length === 0) continue;
        announced += fresh.length;
        void this.images.reload(scope.id);
        void this.announce(scope, connection.session.projectScope?.name ?? projectId, fresh);
      } catch (error) {
        this.logger.warn(`Checking new shares for ${projectId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return announced;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private knownPending(scope: Scope): string[] {
    const main = this.images.main(scope.id);
    return main.kind === 'loaded' ? main.value.incoming.pending.map((i) => i.id) : [];
  }

  private async announce(scope: Scope, projectName: string, fresh: readonly GlanceImage[]): Promise<void> {
    const what = fresh.length === 1 ? `"${fresh[0].name ?? fresh[0].id}" was` : `${fresh.length} images were`;
    const choice = await vscode.window.showInformationMessage(`${what} shared with ${projectName} and ${fresh.length === 1 ? 'is' : 'are'} waiting for an answer.`, 'Accept', 'Show');
    if (choice === 'Accept') {
      const nodes: ImageNode[] = fresh.map((image) => ({ kind: 'image', scopeId: scope.id, path: `${scope.id}/incoming/pending/${image.id}`, image, memberStatus: 'pending' }));
      await vscode.commands.executeCommand('glanceShare.accept', nodes[0], nodes);
    } else if (choice === 'Show') {
      await vscode.commands.executeCommand('glanceShare.images.focus');
    }
  }
}
