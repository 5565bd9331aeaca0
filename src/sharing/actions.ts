import { VISIBILITIES, type GlanceImage, type MemberStatus, type Visibility } from '../openstack/models';

/** How the current project relates to an image. */
export type ImageRole = 'owned' | 'incoming' | 'other';

export interface ImageContext {
  /** The project the token is scoped to. */
  readonly projectId: string;
  /** This project's member status, when the image was listed as shared with it. */
  readonly memberStatus?: MemberStatus;
  /** Whether the token has the admin role (needed to make an image public). */
  readonly isAdmin?: boolean;
}

export type ImageAction =
  | 'share'
  | 'removeMember'
  | 'accept'
  | 'reject'
  | 'resetPending'
  | 'setVisibility'
  | 'showMembers'
  | 'copyId'
  | 'copyShareNotice'
  | 'copyCli';

export function roleOf(image: GlanceImage, ctx: ImageContext): ImageRole {
  if (image.owner === ctx.projectId) {
    return 'owned';
  }
  return ctx.memberStatus ? 'incoming' : 'other';
}

/**
 * What Glance lets this project do with this image (glance-api.md §5):
 * - the owner adds members to private (made shared first) and shared images, removes members
 *   of shared ones, and changes visibility (public only as admin);
 * - a member changes only its own status, to any other status, and cannot remove itself;
 * - anyone else can only look.
 */
export function allowedActions(image: GlanceImage, ctx: ImageContext): ImageAction[] {
  const actions: ImageAction[] = [];
  const role = roleOf(image, ctx);
  if (role === 'owned') {
    if (image.visibility === 'private' || image.visibility === 'shared') {
      actions.push('share');
    }
    if (image.visibility === 'shared') {
      actions.push('removeMember', 'showMembers', 'copyShareNotice');
    }
    actions.push('setVisibility');
  } else if (role === 'incoming') {
    if (ctx.memberStatus !== 'accepted') {
      actions.push('accept');
    }
    if (ctx.memberStatus !== 'rejected') {
      actions.push('reject');
    }
    if (ctx.memberStatus !== 'pending') {
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

/** The visibilities an owner can switch to, the current one excluded. */
export function visibilityChoices(image: GlanceImage, ctx: ImageContext): VisibilityChoice[] {
  if (roleOf(image, ctx) !== 'owned') {
    return [];
  }
  return VISIBILITIES.filter((v) => v !== image.visibility).map((visibility) => ({
    visibility,
    needsAdmin: visibility === 'public' && !ctx.isAdmin,
  }));
}

/**
 * A tree item's contextValue: role, visibility, member status and one `can:<action>` flag per
 * allowed action, so that menus show an entry only where Glance allows it
 * (`viewItem =~ /;can:accept(;|$)/`).
 */
export function imageContextValue(image: GlanceImage, ctx: ImageContext): string {
  const parts = ['image', roleOf(image, ctx), `visibility:${image.visibility}`, `member:${ctx.memberStatus ?? 'none'}`];
  for (const action of allowedActions(image, ctx)) {
    parts.push(`can:${action}`);
  }
  return parts.join(';');
}
