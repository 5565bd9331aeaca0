import * as vscode from 'vscode';
import { permissionLines, type PermissionLine, type PolicyProfile } from '../sharing';
import type { Connections } from './connections';
import type { ImageStore } from './imageStore';
import { scopeFor } from './pickers';
import { scopeTitle } from './tree/nodes';

export interface PermissionCommandDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
}

/** What "Check My Permissions" found for one scope; the command also returns it (tests read it). */
export interface PermissionReport {
  readonly scopeId: string;
  readonly title: string;
  readonly roles: readonly string[];
  readonly profile: PolicyProfile;
  readonly profileWhy: string;
  readonly admin: boolean;
  readonly adminWhy?: string;
  readonly lines: readonly PermissionLine[];
}

/** "Check My Permissions": for the selected (or picked) scope, each change, allowed or not, and why. */
export function permissionCommands(deps: PermissionCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  return {
    'glanceShare.checkPermissions': async (arg?: unknown): Promise<PermissionReport | undefined> => {
      const scope = await scopeFor(deps.connections, arg, (s) => s.state.kind === 'connected', vscode.l10n.t('Check the permissions of which project scope?'));
      if (!scope || scope.state.kind !== 'connected') return undefined;
      const permissions = deps.images.permissions(scope.id);
      if (!permissions) return undefined;
      const roles = scope.state.connection.session.roles;
      const report: PermissionReport = {
        scopeId: scope.id,
        title: scopeTitle(scope),
        roles,
        profile: permissions.profile,
        profileWhy: permissions.profileWhy,
        admin: permissions.admin,
        adminWhy: permissions.adminWhy,
        lines: permissionLines(permissions),
      };
      const items: vscode.QuickPickItem[] = [
        { label: vscode.l10n.t('Token'), kind: vscode.QuickPickItemKind.Separator },
        {
          label: vscode.l10n.t('$(account) Roles: {0}', roles.join(', ') || vscode.l10n.t('none')),
          detail: report.admin ? vscode.l10n.t('Admin: {0}', report.adminWhy ?? vscode.l10n.t('yes')) : vscode.l10n.t('Not an admin token'),
        },
        { label: vscode.l10n.t('$(law) Policy profile: {0}', report.profile), detail: report.profileWhy },
        { label: vscode.l10n.t('Changes'), kind: vscode.QuickPickItemKind.Separator },
        ...report.lines.map((l) => ({
          label: `${l.allowed ? '$(check)' : '$(circle-slash)'} ${l.title}`,
          description: l.allowed ? vscode.l10n.t('allowed') : vscode.l10n.t('not allowed here'),
          detail: l.source === 'refusal' ? vscode.l10n.t('Seen: {0}', l.why) : l.why,
        })),
      ];
      // Not awaited: the report is the command's result, the list only shows it.
      void vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Permissions: {0}', report.title),
        placeHolder: vscode.l10n.t('What this token may change here, and why (Refresh asks Glance again)'),
      });
      return report;
    },
  };
}
