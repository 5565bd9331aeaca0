import * as l10n from '@vscode/l10n';
import { MEMBER_STATUSES, isMemberStatus, type GlanceImage, type GlanceMember, type MemberStatus } from '../openstack/models';
import { allowedActions, roleOf, type Viewpoint, type ImageRole } from './actions';
import { imageLabel } from './grouping';

/** One member row of the panel's table. */
export interface MemberRow {
  readonly projectId: string;
  /** Known when one of the user's scopes is in that project. */
  readonly projectName?: string;
  /** No signed-in identity is in this project: nobody here can tell it exists (a typo?). */
  readonly unknownProject?: boolean;
  /** The workspace's address book has this project (no "Add to Address Book" then). */
  readonly inAddressBook?: boolean;
  /** A status this extension does not know is kept as Glance sent it (shown as text). */
  readonly status: MemberStatus | (string & {});
  readonly created: string;
  readonly updated: string;
}

/** Everything the members panel shows, computed in the extension and sent as plain data. */
export interface MembersViewState {
  readonly image: {
    readonly id: string;
    readonly label: string;
    readonly owner: string;
    readonly ownerName?: string;
    readonly visibility: GlanceImage['visibility'];
    readonly status: string;
    readonly size: number | null;
    readonly created: string;
    readonly updated: string;
  };
  readonly scope: { readonly cloud: string; readonly projectId: string; readonly projectName: string };
  readonly role: ImageRole;
  /** Owner: every member. Member: its own row only. */
  readonly members: readonly MemberRow[];
  readonly counts: Readonly<Record<MemberStatus, number>>;
  /** The current project's own status, for the member's view. */
  readonly myStatus?: MemberStatus;
  readonly can: {
    readonly addMembers: boolean;
    readonly removeMembers: boolean;
    readonly accept: boolean;
    readonly reject: boolean;
    readonly resetPending: boolean;
  };
  /** A private image: adding members will first make it shared (the panel says so). */
  readonly needsMakeShared: boolean;
  /** Why there is no table (e.g. a private image has no members yet). */
  readonly note?: string;
}

export function buildMembersView(input: {
  readonly image: GlanceImage;
  readonly viewpoint: Viewpoint;
  readonly members: readonly GlanceMember[];
  readonly cloud: string;
  readonly projectName: string;
  readonly nameOf: (projectId: string) => string | undefined;
  /** Projects some signed-in identity is in; without it no row is marked unknown. */
  readonly knownProjects?: ReadonlySet<string>;
  readonly inAddressBook?: (projectId: string) => boolean;
}): MembersViewState {
  const { image, viewpoint, members } = input;
  const role = roleOf(image, viewpoint);
  const rows = members.map((m) => ({
    projectId: m.member_id,
    projectName: input.nameOf(m.member_id),
    ...(input.knownProjects && !input.knownProjects.has(m.member_id) ? { unknownProject: true } : {}),
    ...(input.inAddressBook?.(m.member_id) ? { inAddressBook: true } : {}),
    status: m.status === 'other' ? (m.rawStatus ?? 'other') : m.status,
    created: m.created_at,
    updated: m.updated_at,
  }));
  const counts = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<MemberStatus, number>;
  const own = members.find((m) => m.member_id === viewpoint.projectId)?.status;
  const myStatus = role === 'incoming' ? ((own !== 'other' ? own : undefined) ?? viewpoint.memberStatus) : undefined;
  // The same rules as the tree's menus, with the status just read from Glance.
  const actions = new Set(allowedActions(image, { ...viewpoint, memberStatus: myStatus ?? viewpoint.memberStatus }));
  let note: string | undefined;
  if (role === 'owned' && image.visibility === 'private') {
    note = l10n.t('This image is private: it has no members. Adding a project makes it shared first.');
  } else if (role === 'owned' && image.visibility !== 'shared') {
    note = l10n.t('This image is {0}: only shared images have members. Set its visibility to shared to choose who may use it.', image.visibility);
  } else if (role === 'other') {
    note = l10n.t('This project is neither the owner nor a member of this image.');
  }
  return {
    image: {
      id: image.id,
      label: imageLabel(image),
      owner: image.owner ?? '',
      ownerName: image.owner ? input.nameOf(image.owner) : undefined,
      visibility: image.visibility,
      status: image.status,
      size: image.size,
      created: image.created_at,
      updated: image.updated_at,
    },
    scope: { cloud: input.cloud, projectId: viewpoint.projectId, projectName: input.projectName },
    role,
    members: rows,
    counts,
    myStatus,
    can: {
      addMembers: actions.has('share'),
      removeMembers: actions.has('removeMember'),
      accept: actions.has('accept'),
      reject: actions.has('reject'),
      resetPending: actions.has('resetPending'),
    },
    needsMakeShared: role === 'owned' && image.visibility === 'private',
    note,
  };
}

export type MemberSortKey = 'projectId' | 'projectName' | 'status' | 'created' | 'updated';

const STATUS_ORDER: Readonly<Record<MemberStatus, number>> = { pending: 0, accepted: 1, rejected: 2 };

/** The table's order: by one column, ties broken by project ID so the order is stable. */
export function sortMemberRows(rows: readonly MemberRow[], key: MemberSortKey, descending: boolean): MemberRow[] {
  const value = (row: MemberRow): string | number =>
    key === 'status' ? (isMemberStatus(row.status) ? STATUS_ORDER[row.status] : 3) : key === 'projectName' ? (row.projectName ?? '\uffff') : row[key];
  const sorted = [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const primary = va < vb ? -1 : va > vb ? 1 : 0;
    return primary || a.projectId.localeCompare(b.projectId);
  });
  return descending ? sorted.reverse() : sorted;
}

export function filterMemberRows(rows: readonly MemberRow[], status: MemberStatus | 'all'): MemberRow[] {
  return status === 'all' ? [...rows] : rows.filter((r) => r.status === status);
}
