import * as vscode from 'vscode';
import { readOnlyReason, type ScopePermissions } from '../../sharing';
import { explanationOf } from '../errors';
import type { MessageNode } from './nodes';

/**
 * The rows that stand in for content: loading, empty, error, and the prompts under a scope. Every
 * MessageNode is made here, so the same state looks and acts the same wherever it shows. Plain
 * data (of vscode, only l10n.t for the words): the provider turns them into TreeItems.
 */

/** Icon ids are codicons; an error row's icon is also coloured as an error. */
export function messageRow(id: string, label: string, icon: string, extra: Partial<Omit<MessageNode, 'kind' | 'id' | 'label' | 'icon'>> = {}): MessageNode {
  return { kind: 'message', id, label, icon, ...extra };
}

/** Something is being read: a spinning row. */
export function loadingRow(id: string, label: string, scopeId?: string): MessageNode {
  return messageRow(id, label, 'loading~spin', { scopeId });
}

/** A group that is loaded and holds nothing, said in words rather than shown as a blank. */
export function emptyRow(id: string, label: string, scopeId: string): MessageNode {
  return messageRow(id, label, 'info', { scopeId });
}

/**
 * A failure: the plain sentence as description, the technical message as tooltip, Retry (which
 * reconnects the scope) on click, and Retry and Show Log inline (contextValue "error").
 */
export function errorRow(id: string, label: string, error: Error, scopeId: string): MessageNode {
  return messageRow(id, label, 'error', {
    scopeId,
    description: explanationOf(error),
    tooltip: error.message,
    contextValue: 'error',
    command: { command: 'glanceShare.retry', title: vscode.l10n.t('Retry'), arguments: [{ kind: 'scope', scopeId }] },
  });
}

/**
 * Under a scope whose token may change nothing (a reader under secure RBAC, or every change
 * refused since the last refresh): why no row offers Share, Remove, Accept or a visibility
 * change. Click: Check My Permissions.
 */
export function readOnlyRow(scopeId: string, permissions: ScopePermissions, roles: readonly string[]): MessageNode {
  return messageRow(`${scopeId}:readOnly`, vscode.l10n.t('Read only'), 'lock', {
    scopeId,
    description: readOnlyReason(permissions, roles),
    tooltip: vscode.l10n.t('{0}. Policy profile: {1} ({2}).', readOnlyReason(permissions, roles), permissions.profile, permissions.profileWhy),
    command: { command: 'glanceShare.checkPermissions', title: vscode.l10n.t('Check My Permissions'), arguments: [{ kind: 'scope', scopeId }] },
  });
}
