// The contextValues of the tree's rows other than images (those are src/sharing/actions.ts's
// imageContextValue). No `vscode` import, so that test/unit/ui/menus.test.ts can build every
// value a row can have and check it against package.json's menus, both ways.
//
// Format: `<kind>;<facts>;<flags>`. Facts (`state:connected`, a group's name) say what the row
// is; flags (`can:<action>`, `extra`, `user`, `storedSecret`) switch menu entries on, and every
// flag is read by some `viewItem` clause.
import type { ImageVisibility, MemberStatus } from '../../openstack';
import type { Scope } from '../connections';
import type { GroupNode } from './nodes';

export type ScopeStateKind = Scope['state']['kind'];

/** Every state a scope row can be in: a Record, so the compiler says when ScopeState gains one. */
const SCOPE_STATES: Readonly<Record<ScopeStateKind, true>> = { connecting: true, connected: true, needsSecret: true, needsProject: true, error: true };
export const SCOPE_STATE_KINDS = Object.keys(SCOPE_STATES) as readonly ScopeStateKind[];

const GROUPS: Readonly<Record<GroupNode['group'], true>> = { mine: true, incoming: true, community: true, public: true };
export const GROUP_NAMES = Object.keys(GROUPS) as readonly GroupNode['group'][];

/** What a scope row's menu depends on. */
export interface ScopeRowFacts {
  readonly state: ScopeStateKind;
  /** Application credentials are bound to one project: no rescoping. */
  readonly applicationCredential: boolean;
  readonly extra: boolean;
  /** Added with "Add Cloud…" (can be removed). */
  readonly userCloud: boolean;
  readonly storedSecret: boolean;
  /** Glance treats the token as admin (lists every project's shares): All Shares. */
  readonly admin?: boolean;
}

export function scopeRowContextValue(facts: ScopeRowFacts): string {
  const parts = ['scope', `state:${facts.state}`];
  if (!facts.applicationCredential && (facts.state === 'connected' || facts.state === 'needsProject')) parts.push('can:rescope');
  if (facts.state === 'connected') parts.push('can:copyProjectId', 'can:checkPermissions');
  if (facts.state === 'connected' && facts.admin) parts.push('can:showAllShares');
  if (facts.extra) parts.push('extra');
  if (facts.userCloud) parts.push('user');
  if (facts.storedSecret) parts.push('storedSecret');
  return parts.join(';');
}

export function groupContextValue(group: GroupNode['group']): string {
  return `group;${group}`;
}

export function subgroupContextValue(group: 'mine', key: ImageVisibility): string;
export function subgroupContextValue(group: 'incoming', key: MemberStatus): string;
export function subgroupContextValue(group: 'mine' | 'incoming', key: ImageVisibility | MemberStatus): string {
  return `subgroup;${group};${key}`;
}

/** Loading, empty, password and project rows are "message"; "error" gets Retry and Show Log inline. */
export const MESSAGE_CONTEXT_VALUES = ['message', 'error'] as const;
export type MessageContextValue = (typeof MESSAGE_CONTEXT_VALUES)[number];

export const CONFIG_ERROR_CONTEXT_VALUE = 'configError';
