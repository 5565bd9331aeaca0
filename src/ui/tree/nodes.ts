import * as vscode from 'vscode';
import type { ConfigError, GlanceImage, MemberStatus, Visibility } from '../../openstack';
import type { Scope } from '../connections';

/** Every row of the images view. Rows are plain data; the provider turns them into TreeItems. */
export type Node = ScopeNode | MessageNode | ConfigProblemsNode | ConfigErrorNode | GroupNode | SubgroupNode | ImageNode;

/** "My images", "Shared with me", "Community", "Public" under a scope. */
export interface GroupNode {
  readonly kind: 'group';
  readonly scopeId: string;
  readonly group: 'mine' | 'incoming' | 'community' | 'public';
}

/** "Private (n)" … under My images; "Pending (n)" … under Shared with me. */
export type SubgroupNode =
  | { readonly kind: 'subgroup'; readonly scopeId: string; readonly group: 'mine'; readonly visibility: Visibility }
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

/** Loading, empty, "enter password", "choose project" and error rows. */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: vscode.ThemeIcon;
  readonly command?: vscode.Command;
  /** "error" gets Retry and Show Log as inline actions. */
  readonly contextValue?: 'error' | 'message';
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
    return `${scope.cloud.name} · ${scope.state.connection.session.projectScope?.name ?? '?'}`;
  }
  const configured = scope.cloud.auth.type !== 'applicationCredential' ? scope.cloud.auth.project : undefined;
  const project = scope.project?.name ?? configured?.name ?? configured?.id;
  return project ? `${scope.cloud.name} · ${project}` : scope.cloud.name;
}

/** contextValue of a scope row: what its menu offers. */
export function scopeContextValue(scope: Scope): string {
  const parts = ['scope', `state:${scope.state.kind}`];
  if (scope.cloud.auth.type !== 'applicationCredential' && (scope.state.kind === 'connected' || scope.state.kind === 'needsProject')) {
    parts.push('can:rescope');
  }
  if (scope.state.kind === 'connected') {
    parts.push('can:copyProjectId');
  }
  if (scope.extra) {
    parts.push('extra');
  }
  if (scope.cloud.source.kind === 'user') {
    parts.push('user');
  }
  if (scope.storedSecret) {
    parts.push('storedSecret');
  }
  return parts.join(';');
}

/** With many scopes, all expanded would bury each other: only a few start open. */
export function scopeTreeItem(scope: Scope, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(scopeTitle(scope), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `scope:${scope.id}`;
  item.contextValue = scopeContextValue(scope);
  const state = scope.state;
  if (state.kind === 'connected') {
    const session = state.connection.session;
    const region = scope.cloud.regionName;
    item.description = [session.user.name, region].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('cloud');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escape(scope.cloud.name)}** $(cloud)\n\n`);
    tooltip.appendMarkdown(`- Project: ${escape(session.projectScope?.name ?? '')} \`${session.projectScope?.id ?? ''}\`\n`);
    tooltip.appendMarkdown(`- User: ${escape(session.user.name)}\n`);
    tooltip.appendMarkdown(`- Roles: ${escape(session.roles.join(', ') || 'none')}\n`);
    if (region) tooltip.appendMarkdown(`- Region: ${escape(region)}\n`);
    tooltip.appendMarkdown(`- Glance: ${escape(state.connection.glance.endpoint)}\n`);
    tooltip.appendMarkdown(`- Source: ${escape(sourceText(scope))}\n`);
    item.tooltip = tooltip;
  } else {
    item.description = state.kind === 'connecting' ? 'connecting…' : state.kind === 'error' ? 'not connected' : state.kind === 'needsSecret' ? 'signed out' : 'choose a project';
    item.iconPath = new vscode.ThemeIcon(state.kind === 'error' ? 'warning' : 'cloud', state.kind === 'error' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    item.tooltip = `${scope.cloud.name} (${sourceText(scope)})`;
  }
  return item;
}

function sourceText(scope: Scope): string {
  const source = scope.cloud.source;
  return source.kind === 'file' ? source.path : source.kind === 'env' ? 'OS_* environment variables' : 'added in VS Code';
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
