import {
  MEMBER_STATUSES,
  VISIBILITIES,
  type GlanceImage,
  type GlanceMember,
  type MemberStatus,
  type Visibility,
} from '../openstack/models';
import type { ScopeImages } from '../openstack/scopeLoader';

/** The tree's groups for one project scope (DESIGN.md "The tree"). */
export interface ImageGroups {
  readonly projectId: string;
  /** "My images": owner is this project, by visibility. */
  readonly owned: Readonly<Record<Visibility, readonly GlanceImage[]>>;
  /** "Shared with me": by this project's member status. */
  readonly incoming: Readonly<Record<MemberStatus, readonly GlanceImage[]>>;
  /** Other projects' community images, when loaded. */
  readonly community?: readonly GlanceImage[];
  /** Other projects' public images, when loaded. */
  readonly public?: readonly GlanceImage[];
  /** Invitations waiting for this project: the view's badge. */
  readonly pendingCount: number;
}

/** What a tree shows for an image: its name, or its ID when it has none. */
export function imageLabel(image: GlanceImage): string {
  return image.name?.trim() ? image.name : image.id;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** By name as people read it (case-insensitive, numbers in order), unnamed images last, then by ID. */
export function compareImages(a: GlanceImage, b: GlanceImage): number {
  const aNamed = !!a.name?.trim();
  const bNamed = !!b.name?.trim();
  if (aNamed !== bNamed) {
    return aNamed ? -1 : 1;
  }
  return collator.compare(imageLabel(a), imageLabel(b)) || a.id.localeCompare(b.id);
}

/** Sorted, each image once: a tree cannot show two rows with one ID. */
function sorted(images: readonly GlanceImage[]): GlanceImage[] {
  return [...new Map(images.map((image) => [image.id, image])).values()].sort(compareImages);
}

export function groupScopeImages(scope: ScopeImages): ImageGroups {
  const owned = Object.fromEntries(VISIBILITIES.map((v) => [v, [] as GlanceImage[]])) as Record<Visibility, GlanceImage[]>;
  for (const image of scope.owned) {
    owned[image.visibility].push(image);
  }
  for (const visibility of VISIBILITIES) {
    owned[visibility] = sorted(owned[visibility]);
  }
  const incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, sorted(scope.incoming[s])])) as Record<MemberStatus, GlanceImage[]>;
  return {
    projectId: scope.projectId,
    owned,
    incoming,
    community: scope.community && sorted(scope.community),
    public: scope.public && sorted(scope.public),
    pendingCount: incoming.pending.length,
  };
}

/** An owned shared image's members in a few words, e.g. "2 accepted · 1 pending". */
export function summariseMembers(members: readonly GlanceMember[]): string {
  if (members.length === 0) {
    return 'no members';
  }
  const counts = new Map<MemberStatus, number>();
  for (const member of members) {
    counts.set(member.status, (counts.get(member.status) ?? 0) + 1);
  }
  // Accepted first: what the owner mostly wants to know is who uses the image.
  return (['accepted', 'pending', 'rejected'] as const)
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(' · ');
}

/** The groups after an owned image changed (e.g. its visibility): it moves to its new group. */
export function withOwnedImage(groups: ImageGroups, image: GlanceImage): ImageGroups {
  const owned = Object.fromEntries(
    VISIBILITIES.map((v) => [v, groups.owned[v].filter((i) => i.id !== image.id)]),
  ) as Record<Visibility, GlanceImage[]>;
  owned[image.visibility] = sorted([...owned[image.visibility], image]);
  return { ...groups, owned };
}

/** The groups after this project answered a share: the image moves to its new status. */
export function withIncomingStatus(groups: ImageGroups, imageId: string, status: MemberStatus): ImageGroups {
  const image = MEMBER_STATUSES.flatMap((s) => groups.incoming[s]).find((i) => i.id === imageId);
  if (!image) {
    return groups;
  }
  const incoming = Object.fromEntries(
    MEMBER_STATUSES.map((s) => [s, groups.incoming[s].filter((i) => i.id !== imageId)]),
  ) as Record<MemberStatus, GlanceImage[]>;
  incoming[status] = sorted([...incoming[status], image]);
  return { ...groups, incoming, pendingCount: incoming.pending.length };
}
