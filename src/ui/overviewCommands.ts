import * as vscode from 'vscode';
import { count, displayText } from '../sharing';
import type { Connections, Scope } from './connections';
import type { ImageStore } from './imageStore';
import type { AccessOverview, AccessOverviews } from './overview/overviewPanel';
import { scopeTitle } from './tree/nodes';

export interface OverviewCommandDeps {
  readonly connections: Connections;
  readonly overviews: AccessOverviews;
  readonly images: ImageStore;
}

const connected = (s: Scope) => s.state.kind === 'connected';

/**
 * "Show Access Overview": for one scope (its row, or a pick), or for every connected scope of its
 * cloud. From a scope row whose cloud has other connected scopes, it asks which; a second argument
 * 'scope' or 'cloud' answers for it (the extension-host tests pass one).
 */
export function overviewCommands(deps: OverviewCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  return {
    'glanceShare.showAccessOverview': async (...args: unknown[]): Promise<AccessOverview | undefined> => {
      const [scopeArg, reach] = args;
      const scopes = await chooseScopes(deps.connections, scopeArg, reach === 'scope' || reach === 'cloud' ? reach : undefined);
      if (!scopes?.length) return undefined;
      const title =
        scopes.length === 1
          ? vscode.l10n.t('Access: {0}', scopeTitle(scopes[0]))
          : vscode.l10n.t('Access: {0} ({1})', displayText(scopes[0].cloud.name), count(scopes.length, 'scope'));
      return deps.overviews.show(scopes, title);
    },
    'glanceShare.showAllShares': async (...args: unknown[]): Promise<AccessOverview | undefined> => {
      const scope = await chooseAdminScope(deps, args[0]);
      return scope ? deps.overviews.show([scope], `All Shares: ${scopeTitle(scope)}`, 'admin') : undefined;
    },
  };
}

/**
 * "All Shares" is an admin's: Glance lists every project's shared images to an admin token
 * (by role or as its listings showed: ImageStore.incomingUnknown), and only to one.
 */
async function chooseAdminScope(deps: OverviewCommandDeps, arg: unknown): Promise<Scope | undefined> {
  const admins = deps.connections.scopes.filter((s) => connected(s) && deps.images.incomingUnknown(s.id));
  if (arg && typeof arg === 'object' && typeof (arg as { scopeId?: unknown }).scopeId === 'string') {
    const scope = admins.find((s) => s.id === (arg as { scopeId: string }).scopeId);
    if (!scope)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('All Shares is for a connected scope with an admin token: Glance lists every project’s shares only to an admin.'),
      );
    return scope;
  }
  if (admins.length <= 1) {
    if (!admins.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No connected scope has an admin token: All Shares lists every project’s shares, which Glance shows only to an admin.'),
      );
    return admins[0];
  }
  const picked = await vscode.window.showQuickPick(
    admins.map((scope) => ({ label: scopeTitle(scope), scope })),
    { placeHolder: vscode.l10n.t('Show every project’s shares as seen by…') },
  );
  return picked?.scope;
}

interface Choice extends vscode.QuickPickItem {
  readonly scopes: readonly Scope[];
}

async function chooseScopes(connections: Connections, arg: unknown, reach: 'scope' | 'cloud' | undefined): Promise<readonly Scope[] | undefined> {
  const all = connections.scopes.filter(connected);
  const siblings = (scope: Scope) => all.filter((s) => s.cloudKey === scope.cloudKey);
  if (arg && typeof arg === 'object' && typeof (arg as { scopeId?: unknown }).scopeId === 'string') {
    const scope = connections.find((arg as { scopeId: string }).scopeId);
    if (!scope || !connected(scope)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This scope is not connected: sign in first, then show its access overview.'));
      return undefined;
    }
    const cloud = siblings(scope);
    if (reach === 'scope' || cloud.length < 2) return [scope];
    if (reach === 'cloud') return cloud;
    const picked = await vscode.window.showQuickPick<Choice>(
      [
        { label: scopeTitle(scope), description: vscode.l10n.t('this scope'), scopes: [scope] },
        {
          label: vscode.l10n.t('All {0} of {1}', count(cloud.length, 'connected scope'), displayText(scope.cloud.name)),
          description: cloud.map(scopeTitle).join(', '),
          scopes: cloud,
        },
      ],
      { placeHolder: vscode.l10n.t('Show the access overview of…') },
    );
    return picked?.scopes;
  }
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No connected OpenStack project scope. Add a cloud or check the Images view.'));
    return undefined;
  }
  if (all.length === 1) return all;
  const choices: Choice[] = all.map((scope) => ({ label: scopeTitle(scope), scopes: [scope] }));
  for (const key of new Set(all.map((s) => s.cloudKey))) {
    const cloud = all.filter((s) => s.cloudKey === key);
    if (cloud.length > 1)
      choices.push({
        label: vscode.l10n.t('All {0} of {1}', count(cloud.length, 'connected scope'), displayText(cloud[0].cloud.name)),
        description: cloud.map(scopeTitle).join(', '),
        scopes: cloud,
      });
  }
  return (await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Show the access overview of…') }))?.scopes;
}
