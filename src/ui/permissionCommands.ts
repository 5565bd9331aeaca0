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
      const scope = await scopeFor(deps.connections, arg, (s) => s.state.kind === 'connected', 'Check the permissions of which project scope?');
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
        { label: 'Token', kind: vscode.QuickPickItemKind.Separator },
        { label: `$(account) Roles: ${roles.join(', ') || 'none'}`, detail: report.admin ? `Admin: ${report.adminWhy ?? 'yes'}` : 'Not an admin token' },
        { label: `$(law) Policy profile: ${report.profile}`, detail: report.profileWhy },
        { label: 'Changes', kind: vscode.QuickPickItemKind.Separator },
        ...report.lines.map((l) => ({
          label: `${l.allowed ? '$(check)' : '$(circle-slash)'} ${l.title}`,
          description: l.allowed ? 'allowed' : 'not allowed here',
          detail: `${l.source === 'refusal' ? 'Seen: ' : ''}${l.why}`,
        })),
      ];
      // Not awaited: the report is the command's result, the list only shows it.
      void vscode.window.showQuickPick(items, {
        title: `Permissions: ${report.title}`,
        placeHolder: 'What this token may change here, and why (Refresh asks Glance again)',
      });
      return report;
    },
  };
}
