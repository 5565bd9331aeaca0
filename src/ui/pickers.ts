import * as vscode from 'vscode';
import type { KeystoneProject } from '../openstack';
import { displayText } from '../sharing';
import type { Connections, Scope } from './connections';
import { scopeTitle } from './tree/nodes';

/** The scope a command acts on: the row it was started from, or one the user picks. */
export async function scopeFor(connections: Connections, arg: unknown, filter: (s: Scope) => boolean, placeHolder: string): Promise<Scope | undefined> {
  if (arg && typeof arg === 'object' && 'scopeId' in arg && typeof (arg as { scopeId: unknown }).scopeId === 'string') {
    return connections.find((arg as { scopeId: string }).scopeId);
  }
  const candidates = connections.scopes.filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No connected OpenStack project scope. Add a cloud or check the Images view.'));
    return undefined;
  }
  if (candidates.length === 1) {
    return candidates[0];
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((scope) => ({
      label: scopeTitle(scope),
      description: scope.state.kind === 'connected' ? displayText(scope.state.connection.session.user.name) : scope.state.kind,
      scope,
    })),
    { placeHolder },
  );
  return picked?.scope;
}

export async function pickProject(projects: readonly KeystoneProject[], exclude: ReadonlySet<string>, placeHolder: string): Promise<KeystoneProject | undefined> {
  const items = projects
    .filter((p) => p.enabled)
    .map((p) => ({
      label: displayText(p.name),
      description: p.id,
      detail: exclude.has(p.id) ? vscode.l10n.t('already shown') : p.description ? displayText(p.description) : undefined,
      project: p,
    }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This user has no other project it can sign in to.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.project;
}
