import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { displayText, scopeName } from '../sharing';
import type { Connections, Scope } from './connections';

/** Shows the active cloud and project; clicking switches the project. */
export class ScopeStatusBar extends DisposableBase {
  private readonly item = this._register(vscode.window.createStatusBarItem('glanceShare.scope', vscode.StatusBarAlignment.Left, 50));
  private activeId: string | undefined;

  constructor(private readonly connections: Connections) {
    super();
    this.item.name = vscode.l10n.t('Glance Image Sharing: project');
    this.item.command = 'glanceShare.switchProject';
    this._register(connections.onDidChange(() => this.render()));
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
    this.item.text = `$(cloud) ${scopeName(scope.cloud.name, session.projectScope?.name ?? '', scope.region)}`;
    const who = { user: displayText(session.user.name), project: displayText(session.projectScope?.name ?? ''), id: String(session.projectScope?.id) };
    this.item.tooltip = scope.region
      ? vscode.l10n.t('OpenStack: {user} in project {project} ({id}) in region {region} — click to switch project', { ...who, region: displayText(scope.region) })
      : vscode.l10n.t('OpenStack: {user} in project {project} ({id}) — click to switch project', who);
    this.item.show();
  }
}
