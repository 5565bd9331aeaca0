/**
 * parsePanelUpdate checks a state's outline (an image record and a members array); this makes the
 * parts the panel computes with (sorting, counting, classes) safe to use, whatever they hold.
 */
import type { MemberRow, MembersViewState } from '../../src/sharing/membersView';
import type { MemberStatus } from '../../src/openstack/models';

const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

export function cleanRows(rows: readonly unknown[]): MemberRow[] {
  const clean: MemberRow[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const r = row as Record<string, unknown>;
    if (typeof r.projectId !== 'string' || r.projectId === '') continue;
    clean.push({
      projectId: r.projectId,
      projectName: typeof r.projectName === 'string' && r.projectName !== '' ? r.projectName : undefined,
      ...(r.unknownProject === true ? { unknownProject: true } : {}),
      ...(r.inAddressBook === true ? { inAddressBook: true } : {}),
      // A status Glance may add one day keeps its word: shown as text in a neutral badge.
      status: text(r.status) as MemberStatus,
      created: text(r.created),
      updated: text(r.updated),
    });
  }
  return clean;
}

export function cleanState(state: MembersViewState): MembersViewState {
  const image = state.image as unknown as Record<string, unknown>;
  const scope = (typeof state.scope === 'object' && state.scope !== null ? state.scope : {}) as unknown as Record<string, unknown>;
  const can = (typeof state.can === 'object' && state.can !== null ? state.can : {}) as unknown as Record<string, unknown>;
  const counts = (typeof state.counts === 'object' && state.counts !== null ? state.counts : {}) as unknown as Record<string, unknown>;
  const count = (s: string): number => (typeof counts[s] === 'number' && Number.isFinite(counts[s]) ? (counts[s] as number) : 0);
  return {
    image: {
      id: text(image.id),
      label: text(image.label) || text(image.id),
      owner: text(image.owner),
      ownerName: typeof image.ownerName === 'string' && image.ownerName !== '' ? image.ownerName : undefined,
      visibility: text(image.visibility) as MembersViewState['image']['visibility'],
      status: text(image.status),
      size: typeof image.size === 'number' ? image.size : null,
      created: text(image.created),
      updated: text(image.updated),
    },
    scope: { cloud: text(scope.cloud), projectId: text(scope.projectId), projectName: text(scope.projectName) },
    role: state.role === 'owned' || state.role === 'incoming' ? state.role : 'other',
    members: cleanRows(state.members),
    counts: { pending: count('pending'), accepted: count('accepted'), rejected: count('rejected') },
    myStatus: typeof state.myStatus === 'string' ? (text(state.myStatus) as MemberStatus) : undefined,
    can: {
      addMembers: can.addMembers === true,
      removeMembers: can.removeMembers === true,
      accept: can.accept === true,
      reject: can.reject === true,
      resetPending: can.resetPending === true,
    },
    needsMakeShared: state.needsMakeShared === true,
    note: typeof state.note === 'string' && state.note !== '' ? state.note : undefined,
  };
}
