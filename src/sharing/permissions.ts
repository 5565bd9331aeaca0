// What a token may change in Glance, from its roles and the cloud's policy profile
// (docs/glance-behaviour.md#policy-matrix). Pure: the UI hands in the roles, the settings, what
// the listings showed and the refusals seen; the tree, the commands and "Check My Permissions"
// all read the one answer.
import * as l10n from '@vscode/l10n';

/**
 * Glance's two policy profiles: `legacy` (the packaged defaults up to oslo.policy 2024.1: any role
 * passes the policy, ownership decides) and `secure-rbac` (`enforce_new_defaults`,
 * `enforce_scope`: changes need the `member` role, `reader` only reads).
 */
export const POLICY_PROFILES = ['legacy', 'secure-rbac'] as const;
export type PolicyProfile = (typeof POLICY_PROFILES)[number];
/** `glanceShare.policyProfile`: a profile, or `auto` (decided from the token, see derivePermissions). */
export type PolicyProfileSetting = 'auto' | PolicyProfile;

export function isPolicyProfileSetting(value: unknown): value is PolicyProfileSetting {
  return value === 'auto' || (POLICY_PROFILES as readonly unknown[]).includes(value);
}

/** The Glance changes the extension makes; each is its own policy rule in Glance. */
export const GLANCE_WRITES = ['addMember', 'removeMember', 'answer', 'setVisibility', 'publicize'] as const;
export type GlanceWrite = (typeof GLANCE_WRITES)[number];

/** How "Check My Permissions" names a change. */
export function writeTitle(write: GlanceWrite): string {
  switch (write) {
    case 'addMember':
      return l10n.t('Share with projects (add members)');
    case 'removeMember':
      return l10n.t('Remove members');
    case 'answer':
      return l10n.t('Accept, reject or reset a share');
    case 'setVisibility':
      return l10n.t('Change visibility (private, shared, community)');
    case 'publicize':
      return l10n.t('Make an image public');
  }
}

/** Glance's rule names, for the explanation (they are what an operator sets in policy.yaml). */
const RULES: Readonly<Record<GlanceWrite, string>> = {
  addMember: 'add_member',
  removeMember: 'delete_member',
  answer: 'modify_member',
  setVisibility: 'modify_image',
  publicize: 'publicize_image',
};

export interface PermissionFacts {
  /** The token's roles, as Keystone lists them (implied roles included). */
  readonly roles: readonly string[];
  /** `glanceShare.adminRoles`: the roles this cloud's Glance treats as admin (default ["admin"]). */
  readonly adminRoles: readonly string[];
  readonly profile: PolicyProfileSetting;
  /** Glance ignored member_status for this token: its context is admin whatever the role is called. */
  readonly adminDetected?: boolean;
  /** Changes Glance refused with a 403 since the scope was last refreshed, with Glance's reason. */
  readonly refusals?: ReadonlyMap<GlanceWrite, string>;
}

/** Where an answer comes from: the roles under the profile, or a refusal Glance already gave. */
export type PermissionSource = 'role' | 'refusal';

export interface WritePermission {
  readonly allowed: boolean;
  readonly why: string;
  readonly source: PermissionSource;
}

export interface ScopePermissions {
  readonly profile: PolicyProfile;
  /** Why that profile: the setting, or what `auto` made of the token. */
  readonly profileWhy: string;
  /** Glance treats the token as admin (every project's shares listed, member_status ignored). */
  readonly admin: boolean;
  readonly adminWhy?: string;
  readonly writes: Readonly<Record<GlanceWrite, WritePermission>>;
  /** Not one change allowed: the tree says so once, under the scope. */
  readonly readOnly: boolean;
}

const lower = (roles: readonly string[]) => roles.map((r) => r.toLowerCase());

/**
 * The answer for one scope:
 * - admin for publishing: a role of `adminRoles` (Glance's `publicize_image` is `role:admin` under
 *   both profiles; an operator who renames the role overrides it too and says so in the setting);
 * - admin for listings: that, or `adminDetected`;
 * - `legacy`: the policy passes any role, so every change is offered where ownership allows it;
 * - `secure-rbac`: a change needs `member` (or an admin role); `reader` alone reads;
 * - `auto`: a token with `member` or an admin role may do the same under both, so the profile does
 *   not matter; a token without them is taken as secure-RBAC (a reader-only role means something
 *   only there, and it is the default since oslo.policy 2024.2); the setting says otherwise;
 * - a 403 seen for a change wins until the scope is refreshed.
 */
export function derivePermissions(facts: PermissionFacts): ScopePermissions {
  const roles = lower(facts.roles);
  const adminRole = lower(facts.adminRoles).find((r) => roles.includes(r));
  const member = roles.includes('member');
  const rolesText = facts.roles.length ? facts.roles.join(', ') : l10n.t('none');
  let profile: PolicyProfile;
  let profileWhy: string;
  if (facts.profile !== 'auto') {
    profile = facts.profile;
    profileWhy = l10n.t('set by glanceShare.policyProfile');
  } else if (member || adminRole) {
    profile = 'secure-rbac';
    profileWhy = l10n.t('not known (auto); with the {0} role both profiles allow the same', adminRole ?? 'member');
  } else {
    profile = 'secure-rbac';
    profileWhy = l10n.t('assumed (auto): a token without member or admin roles; set glanceShare.policyProfile to "legacy" if this cloud still uses the legacy policy');
  }
  const admin = !!adminRole || !!facts.adminDetected;
  const adminWhy = adminRole
    ? l10n.t('the {0} role is an admin role (glanceShare.adminRoles)', adminRole)
    : facts.adminDetected
      ? l10n.t('Glance ignored member_status for this token, which it does only for admins')
      : undefined;

  const byRole = (write: GlanceWrite): WritePermission => {
    const rule = RULES[write];
    if (write === 'publicize') {
      return adminRole
        ? { allowed: true, source: 'role', why: l10n.t('{0}: the {1} role is an admin role', rule, adminRole) }
        : {
            allowed: false,
            source: 'role',
            why: l10n.t('{0} needs an admin role (glanceShare.adminRoles: {1}); your roles: {2}', rule, facts.adminRoles.join(', ') || l10n.t('none'), rolesText),
          };
    }
    if (profile === 'legacy') return { allowed: true, source: 'role', why: l10n.t('{0}: the legacy policy lets any role through; Glance checks ownership', rule) };
    if (adminRole) return { allowed: true, source: 'role', why: l10n.t('{0}: the {1} role is an admin role', rule, adminRole) };
    if (member) return { allowed: true, source: 'role', why: l10n.t('{0}: your roles include member', rule) };
    return { allowed: false, source: 'role', why: l10n.t('{0} needs the member role under secure RBAC; your roles: {1}', rule, rolesText) };
  };

  const writes = Object.fromEntries(
    GLANCE_WRITES.map((write) => {
      const refused = facts.refusals?.get(write);
      const permission: WritePermission =
        refused !== undefined ? { allowed: false, source: 'refusal', why: l10n.t('Glance refused it here: {0}', refused || 'HTTP 403') } : byRole(write);
      return [write, permission];
    }),
  ) as Record<GlanceWrite, WritePermission>;
  const readOnly = GLANCE_WRITES.every((w) => !writes[w].allowed);
  return { profile, profileWhy, admin, adminWhy, writes, readOnly };
}

/** The one line under a read-only scope: what it may not do, and why. */
export function readOnlyReason(permissions: ScopePermissions, roles: readonly string[]): string {
  const refused = GLANCE_WRITES.filter((w) => permissions.writes[w].source === 'refusal');
  if (refused.length === GLANCE_WRITES.length) return l10n.t('Glance refused every change here since the last refresh');
  return l10n.t('Roles {0} may not share, remove members, answer shares or change visibility ({1} policy)', roles.join(', ') || l10n.t('none'), permissions.profile);
}

/**
 * Glance lists every project's shared images under every member status to an admin token
 * (docs/glance-behaviour.md#admin-member-status), while a project's own answer puts an image in
 * exactly one of the three listings: another project's image under all three statuses is the
 * sign of a token Glance treats as admin, whatever its role is called. (Under two could be an
 * answer given between two listings of one load; under three needs two answers in that moment.)
 */
export function listsLikeAdmin(
  projectId: string,
  incoming: Readonly<Record<'pending' | 'accepted' | 'rejected', ReadonlyArray<{ readonly id: string; readonly owner: string | null }>>>,
): boolean {
  const foreign = (images: ReadonlyArray<{ readonly id: string; readonly owner: string | null }>) =>
    new Set(images.filter((i) => i.owner !== projectId).map((i) => i.id));
  const accepted = foreign(incoming.accepted);
  const rejected = foreign(incoming.rejected);
  return [...foreign(incoming.pending)].some((id) => accepted.has(id) && rejected.has(id));
}

/** One line of "Check My Permissions". */
export interface PermissionLine {
  readonly write: GlanceWrite;
  readonly title: string;
  readonly allowed: boolean;
  readonly why: string;
  readonly source: PermissionSource;
}

export function permissionLines(permissions: ScopePermissions): PermissionLine[] {
  return GLANCE_WRITES.map((write) => ({ write, title: writeTitle(write), ...permissions.writes[write] }));
}
