import * as vscode from 'vscode';
import type { ConfigError, GlanceImage, ImageVisibility, MemberStatus } from '../../openstack';
import { displayText, scopeName } from '../../sharing';
import type { Scope } from '../connections';
import { type MessageContextValue, scopeRowContextValue } from './contextValues';

/** Every row of the images view. Rows are plain data; the provider turns them into TreeItems. */
export type Node = ScopeNode | MessageNode | ConfigProblemsNode | ConfigErrorNode | GroupNode | SubgroupNode | ImageNode;

/** "My images", "Shared with me", "Community", "Public" under a scope. */
export interface GroupNode {
  readonly kind: 'group';
  readonly scopeId: string;
  readonly group: 'mine' | 'incoming' | 'community' | 'public';
}

/** "Private (n)" … (and "Other (n)" when Glance sent an unknown visibility) under My images; "Pending (n)" … under Shared with me. */
export type SubgroupNode =
  | { readonly kind: 'subgroup'; readonly scopeId: string; readonly group: 'mine'; readonly visibility: ImageVisibility }
  | { readonly kind: 'subgroup'; readonly scopeId: string; readonly group: 'incoming'; readonly status: MemberStatus };

export interface ImageNode {
  readonly kind: 'image';
  readonly scopeId: string;
  /** Where in the tree: makes the row's ID unique when one image shows in two places. */
  readonly path: string;
  readonly image: GlanceImage;
  readonly memberStatus?: MemberStatus;
}

export interface ScopeNode {
  readonly kind: 'scope';
  readonly scopeId: string;
}

/** Loading, empty, "enter password", "choose project" and error rows (made in stateRows.ts). */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** A codicon id, e.g. 'loading~spin'; 'error' is also coloured as an error. */
  readonly icon: string;
  readonly command?: vscode.Command;
  /** "error" gets Retry and Show Log as inline actions. */
  readonly contextValue?: MessageContextValue;
  /** For Retry: the scope to reconnect. */
  readonly scopeId?: string;
}

export interface ConfigProblemsNode {
  readonly kind: 'configProblems';
  readonly errors: readonly ConfigError[];
}

export interface ConfigErrorNode {
  readonly kind: 'configError';
  readonly error: ConfigError;
  readonly index: number;
}

export function scopeTitle(scope: Scope): string {
  if (scope.state.kind === 'connected') {
    return scopeName(scope.cloud.name, scope.state.connection.session.projectScope?.name ?? '?', scope.region);
  }
  const configured = scope.cloud.auth.type !== 'applicationCredential' ? scope.cloud.auth.project : undefined;
  return scopeName(scope.cloud.name, scope.project?.name ?? configured?.name ?? configured?.id, scope.region);
}

/** contextValue of a scope row: what its menu offers. */
export function scopeContextValue(scope: Scope, admin = false): string {
  return scopeRowContextValue({
    state: scope.state.kind,
    applicationCredential: scope.cloud.auth.type === 'applicationCredential',
    extra: scope.extra,
    userCloud: scope.cloud.source.kind === 'user',
    storedSecret: scope.storedSecret,
    admin,
  });
}

/** With many scopes, all expanded would bury each other: only a few start open. */
export function scopeTreeItem(scope: Scope, expanded: boolean, admin = false): vscode.TreeItem {
  const item = new vscode.TreeItem(scopeTitle(scope), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `scope:${scope.id}`;
  item.contextValue = scopeContextValue(scope, admin);
  const state = scope.state;
  if (state.kind === 'connected') {
    const session = state.connection.session;
    // The title names the region when the cloud has several; the description keeps it for one-region clouds too.
    const region = scope.cloud.regionName;
    item.description = [displayText(session.user.name), scope.region ? undefined : region].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('cloud');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escape(scope.cloud.name)}** $(cloud)\n\n`);
    const row = (key: string, value: string) => tooltip.appendMarkdown(`- ${key}: ${value}\n`);
    row(vscode.l10n.t('Project'), `${escape(displayText(session.projectScope?.name ?? ''))} \`${session.projectScope?.id ?? ''}\``);
    row(vscode.l10n.t('User'), escape(displayText(session.user.name)));
    row(vscode.l10n.t('Roles'), escape(session.roles.join(', ') || vscode.l10n.t('none')));
    if (region) row(vscode.l10n.t('Region'), escape(region));
    row('Glance', escape(state.connection.glance.endpoint));
    row(vscode.l10n.t('Source'), escape(sourceText(scope)));
    item.tooltip = tooltip;
    item.accessibilityInformation = spoken(
      scopeTitle(scope),
      vscode.l10n.t('connected as {0}', displayText(session.user.name)),
      region && vscode.l10n.t('region {0}', region),
    );
  } else {
    item.description =
      state.kind === 'connecting'
        ? vscode.l10n.t('connecting…')
        : state.kind === 'error'
          ? vscode.l10n.t('not connected')
          : state.kind === 'needsSecret'
            ? vscode.l10n.t('signed out')
            : vscode.l10n.t('choose a project');
    // What the row reads, not its tooltip (which is the clouds.yaml path).
    item.accessibilityInformation = spoken(scopeTitle(scope), item.description.replace(/…$/, ''));
    item.iconPath = new vscode.ThemeIcon(
      state.kind === 'error' ? 'warning' : 'cloud',
      state.kind === 'error' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
    );
    item.tooltip = `${scopeName(scope.cloud.name, undefined, scope.cloud.regionName)} (${sourceText(scope)})`;
  }
  return item;
}

/**
 * What a screen reader says for a row: the words a sighted user reads on it (label, count, state),
 * joined with commas; never the tooltip, which holds paths and technical detail.
 */
export function spoken(...parts: ReadonlyArray<string | undefined | false>): vscode.AccessibilityInformation {
  return { label: parts.filter((p): p is string => !!p).join(', ') };
}

function sourceText(scope: Scope): string {
  const source = scope.cloud.source;
  return source.kind === 'file' ? source.path : source.kind === 'env' ? vscode.l10n.t('OS_* environment variables') : vscode.l10n.t('added in VS Code');
}

/**
 * Text from a config or a server, made inert for a Markdown tooltip: HTML's own characters as
 * entities (the renderer hands raw HTML to its sanitizer, which is noisy even when it blocks it),
 * Markdown's specials backslash-escaped.
 */
export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~$]/g, (c) => `\\${c}`);
}
