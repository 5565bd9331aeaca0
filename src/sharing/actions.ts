import type { ImageApiCapabilities } from '../openstack/apiVersions';
import { VISIBILITIES, type GlanceImage, type MemberStatus, type Visibility } from '../openstack/models';
import type { GlanceWrite, ScopePermissions } from './permissions';

/** How the current project relates to an image. */
export type ImageRole = 'owned' | 'incoming' | 'other';

export interface Viewpoint {
  /** The project the token is scoped to. */
  readonly projectId: string;
  /** This project's member status, when the image was listed as shared with it. */
  readonly memberStatus?: MemberStatus;
  /** Whether the token has the admin role (needed to make an image public). */
  readonly isAdmin?: boolean;
  /** What the scope's image endpoint can do; absent (not read yet, or unreadable): everything. */
  readonly capabilities?: ImageApiCapabilities;
  /**
   * What the token may change (src/sharing/permissions.ts). Absent: only ownership and member
   * status decide, as under the legacy policy.
   */
  readonly permissions?: ScopePermissions;
}

/** What is known of the scope beyond its session: its endpoint's API version, its token's permissions. */
export interface ViewpointKnowledge {
  readonly capabilities?: ImageApiCapabilities;
  readonly permissions?: ScopePermissions;
}

/** What viewpointOf needs of a signed-in session (a KeystoneSession has it). */
export interface ViewpointSession {
  readonly projectScope?: { readonly id: string };
  readonly isAdmin: boolean;
}

/**
 * What the session's project is to an image it listed: the one way the tree, the commands and
 * the members panel build a Viewpoint. `memberStatus` is the listing it came from (Pending,
 * Accepted, Rejected of Shared with me), absent for owned and other projects' images. Without a
 * session (a scope that disconnected while its rows are drawn) the project is none: it owns nothing.
 */
export function viewpointOf(session: ViewpointSession | undefined, memberStatus?: MemberStatus, known: ViewpointKnowledge = {}): Viewpoint {
  const projectId = session?.projectScope?.id ?? '';
  const capabilities = known.capabilities ? { capabilities: known.capabilities } : {};
  if (!known.permissions) return { projectId, memberStatus, isAdmin: session?.isAdmin, ...capabilities };
  return { projectId, memberStatus, isAdmin: known.permissions.writes.publicize.allowed, ...capabilities, permissions: known.permissions };
}

/** Whether the token may make this change at all (its roles, the policy, refusals seen). */
function may(viewpoint: Viewpoint, write: GlanceWrite): boolean {
  return viewpoint.permissions?.writes[write].allowed ?? true;
}

/** Everything a person can do with an image row; each is a `can:<action>` flag in its contextValue. */
export const IMAGE_ACTIONS = [
  'share',
  'removeMember',
  'accept',
  'reject',
  'resetPending',
  'setVisibility',
  'hide',
  'unhide',
  'showMembers',
  'copyId',
  'copyShareNotice',
  'copyCli',
] as const;
export type ImageAction = (typeof IMAGE_ACTIONS)[number];

export function roleOf(image: GlanceImage, viewpoint: Viewpoint): ImageRole {
  if (image.owner === viewpoint.projectId) {
    return 'owned';
  }
  return viewpoint.memberStatus ? 'incoming' : 'other';
}

/**
 * What Glance lets this project do with this image (docs/glance-behaviour.md#who-may-do-what):
 * - the owner adds members to private (made shared first) and shared images, removes members
 *   of shared ones, changes visibility (public only as admin), and hides or unhides it where
 *   the endpoint has os_hidden (a hidden image can always be shown again);
 * - an image whose visibility this client does not know ('other') allows only the copy actions;
 * - a member changes only its own status, to any other status, and cannot remove itself;
 * - anyone else can only look.
 */
export function allowedActions(image: GlanceImage, viewpoint: Viewpoint): ImageAction[] {
  const actions: ImageAction[] = [];
  const role = roleOf(image, viewpoint);
  if (image.visibility === 'other') {
    // Nothing is known of what Glance allows with it.
  } else if (role === 'owned') {
    // Members live on shared images; before Image API 2.5 (no shared visibility) on private ones.
    const memberVisibility = viewpoint.capabilities?.sharedVisibility === false ? 'private' : 'shared';
    // A private image is made shared before its first member is added: both changes must pass.
    const madeSharedFirst = image.visibility === 'private' && memberVisibility === 'shared';
    if ((madeSharedFirst && may(viewpoint, 'setVisibility')) || image.visibility === memberVisibility) {
      if (may(viewpoint, 'addMember')) actions.push('share');
    }
    if (image.visibility === memberVisibility) {
      if (may(viewpoint, 'removeMember')) actions.push('removeMember');
      actions.push('showMembers', 'copyShareNotice');
    }
    if (visibilityChoices(image, viewpoint).length > 0) actions.push('setVisibility');
    // Hiding is an image property change: the same policy rule as a visibility change (modify_image).
    if (may(viewpoint, 'setVisibility')) {
      if (image.os_hidden) actions.push('unhide');
      else if (viewpoint.capabilities?.hidden !== false) actions.push('hide');
    }
  } else if (role === 'incoming') {
    const answers = may(viewpoint, 'answer');
    if (answers && viewpoint.memberStatus !== 'accepted') {
      actions.push('accept');
    }
    if (answers && viewpoint.memberStatus !== 'rejected') {
      actions.push('reject');
    }
    if (answers && viewpoint.memberStatus !== 'pending') {
      actions.push('resetPending');
    }
    actions.push('showMembers');
  }
  actions.push('copyId', 'copyCli');
  return actions;
}

export interface VisibilityChoice {
  readonly visibility: Visibility;
  /** Glance refuses it to non-admins; the UI still offers it with that warning. */
  readonly needsAdmin: boolean;
}

/**
 * The visibilities an owner can switch to, the current one excluded, and those the endpoint's
 * Image API version has (community and shared came with 2.5). When the token's permissions are
 * known, only those Glance will accept (public needs publicize_image, the others modify_image);
 * without them public stays, with a warning.
 */
export function visibilityChoices(image: GlanceImage, viewpoint: Viewpoint): VisibilityChoice[] {
  if (roleOf(image, viewpoint) !== 'owned' || image.visibility === 'other') {
    return [];
  }
  const capabilities = viewpoint.capabilities;
  const available = (v: Visibility) => (v !== 'community' || capabilities?.community !== false) && (v !== 'shared' || capabilities?.sharedVisibility !== false);
  const permissions = viewpoint.permissions;
  return VISIBILITIES.filter((v) => v !== image.visibility && available(v))
    .filter((v) => !permissions || (permissions.writes.setVisibility.allowed && (v !== 'public' || permissions.writes.publicize.allowed)))
    .map((visibility) => ({
      visibility,
      needsAdmin: visibility === 'public' && !viewpoint.isAdmin,
    }));
}

/**
 * A tree item's contextValue: role, visibility, member status and one `can:<action>` flag per
 * allowed action, so that menus show an entry only where Glance allows it
 * (`viewItem =~ /;can:accept(;|$)/`).
 */
export function imageContextValue(image: GlanceImage, viewpoint: Viewpoint): string {
  const parts = ['image', roleOf(image, viewpoint), `visibility:${image.visibility}`, `member:${viewpoint.memberStatus ?? 'none'}`];
  for (const action of allowedActions(image, viewpoint)) {
    parts.push(`can:${action}`);
  }
  return parts.join(';');
}
