import * as vscode from 'vscode';
import type { Connections, Scope } from './connections';

/** Shows the active cloud and project; clicking switches the project. */
export class ScopeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('glanceShare.scope', vscode.StatusBarAlignment.Left, 50);
  private activeId: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: Connections) {
    this.item.name = 'Glance Image Sharing: project';
    this.item.command = 'glanceShare.switchProject';
    this.subscription = connections.onDidChange(() => this.render());
  }

  /** The scope the user last worked in (selected in the tree). */
  setActive(scope: Scope | undefined): void {
    this.activeId = scope?.id;
    this.render();
  }

  get active(): Scope | undefined {
    const chosen = this.activeId ? this.connections.find(this.activeId) : undefined;
    return chosen ?? this.connections.scopes.find((s) => s.state.kind === 'connected');
  }

  private render(): void {
    const scope = this.active;
    if (!scope || scope.state.kind !== 'connected') {
      this.item.hide();
      return;
    }
    const session = scope.state.connection.session;
    this.item.text = `$(cloud) ${scope.cloud.name} · ${session.projectScope?.name ?? ''}`;
    this.item.tooltip = `OpenStack: ${session.user.name} in project ${session.projectScope?.name} (${session.projectScope?.id}) — click to switch project`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
