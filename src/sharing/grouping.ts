import * as l10n from '@vscode/l10n';
import { IMAGE_VISIBILITIES, MEMBER_STATUSES, type GlanceImage, type GlanceMember, type ImageVisibility, type MemberStatus } from '../openstack/models';
import type { LoadedScope } from '../openstack/scopeLoader';

/** What grouping reads of a load: its images, not its request figures. */
export type ScopeImages = Pick<LoadedScope, 'projectId' | 'owned' | 'incoming' | 'community' | 'public'>;
import { displayText, plainText } from './displayText';

/** The tree's groups for one project scope (docs/architecture.md#the-tree). */
export interface ImageGroups {
  readonly projectId: string;
  /** "My images": owner is this project, by visibility ('other': one Glance sent that is not known here). */
  readonly owned: Readonly<Record<ImageVisibility, readonly GlanceImage[]>>;
  /** "Shared with me": by this project's member status. */
  readonly incoming: Readonly<Record<MemberStatus, readonly GlanceImage[]>>;
  /** Other projects' community images, when loaded. */
  readonly community?: readonly GlanceImage[];
  /** Other projects' public images, when loaded. */
  readonly public?: readonly GlanceImage[];
  /** Invitations waiting for this project: the view's badge. */
  readonly pendingCount: number;
}

/** An image's name as Glance has it, or its ID when it has none. */
function imageName(image: GlanceImage): string {
  return image.name?.trim() ? image.name : image.id;
}

/** What VS Code shows for an image (tree, picks, messages, titles): its name as text, never as markup or icons. */
export function imageLabel(image: GlanceImage): string {
  return displayText(imageName(image));
}

/** The same for text that leaves the editor (share notices, copied lines): invisible characters written out, nothing added. */
export function imagePlainLabel(image: GlanceImage): string {
  return plainText(imageName(image));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** By name as people read it (case-insensitive, numbers in order), unnamed images last, then by ID. */
export function compareImages(a: GlanceImage, b: GlanceImage): number {
  const aNamed = !!a.name?.trim();
  const bNamed = !!b.name?.trim();
  if (aNamed !== bNamed) {
    return aNamed ? -1 : 1;
  }
  return collator.compare(imageName(a), imageName(b)) || a.id.localeCompare(b.id);
}

/**
 * A tree group's images: sorted, each image once (a tree cannot show two rows with one ID, and a
 * listing walked again after a stale marker sends its first images a second time). Every group
 * goes through here: My images, Shared with me, and other projects' Community and Public.
 */
export function groupImages(images: readonly GlanceImage[]): GlanceImage[] {
  return [...new Map(images.map((image) => [image.id, image])).values()].sort(compareImages);
}

export function groupScopeImages(scope: ScopeImages): ImageGroups {
  const owned = Object.fromEntries(IMAGE_VISIBILITIES.map((v) => [v, [] as GlanceImage[]])) as Record<ImageVisibility, GlanceImage[]>;
  for (const image of scope.owned) {
    owned[image.visibility].push(image);
  }
  for (const visibility of IMAGE_VISIBILITIES) {
    owned[visibility] = groupImages(owned[visibility]);
  }
  const incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, groupImages(scope.incoming[s])])) as Record<MemberStatus, GlanceImage[]>;
  return {
    projectId: scope.projectId,
    owned,
    incoming,
    community: scope.community && groupImages(scope.community),
    public: scope.public && groupImages(scope.public),
    pendingCount: incoming.pending.length,
  };
}

/** An owned shared image's members in a few words, e.g. "2 accepted · 1 pending". */
export function summariseMembers(members: readonly GlanceMember[]): string {
  if (members.length === 0) {
    return l10n.t('no members');
  }
  const counts = new Map<GlanceMember['status'], number>();
  for (const member of members) {
    counts.set(member.status, (counts.get(member.status) ?? 0) + 1);
  }
  // Accepted first: what the owner mostly wants to know is who uses the image.
  return (
    (['accepted', 'pending', 'rejected', 'other'] as const)
      .filter((s) => counts.has(s))
      // The status words are Glance's own values (member_status), shown as they are.
      .map((s) => (s === 'other' ? l10n.t('{0} with another status', counts.get(s) ?? 0) : `${counts.get(s)} ${s}`))
      .join(' · ')
  );
}

/** The groups after an owned image changed (e.g. its visibility): it moves to its new group. */
export function withOwnedImage(groups: ImageGroups, image: GlanceImage): ImageGroups {
  const owned = Object.fromEntries(IMAGE_VISIBILITIES.map((v) => [v, groups.owned[v].filter((i) => i.id !== image.id)])) as Record<ImageVisibility, GlanceImage[]>;
  owned[image.visibility] = groupImages([...owned[image.visibility], image]);
  return { ...groups, owned };
}

/** The groups after this project answered a share: the image moves to its new status. */
export function withIncomingStatus(groups: ImageGroups, imageId: string, status: MemberStatus): ImageGroups {
  const image = MEMBER_STATUSES.flatMap((s) => groups.incoming[s]).find((i) => i.id === imageId);
  if (!image) {
    return groups;
  }
  const incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, groups.incoming[s].filter((i) => i.id !== imageId)])) as Record<MemberStatus, GlanceImage[]>;
  incoming[status] = groupImages([...incoming[status], image]);
  return { ...groups, incoming, pendingCount: incoming.pending.length };
}

/** The groups without an image that is gone (deleted, or a share withdrawn): counts follow. */
export function withoutImage(groups: ImageGroups, imageId: string): ImageGroups {
  const drop = (images: readonly GlanceImage[]) => images.filter((i) => i.id !== imageId);
  const owned = Object.fromEntries(IMAGE_VISIBILITIES.map((v) => [v, drop(groups.owned[v])])) as Record<ImageVisibility, GlanceImage[]>;
  const incoming = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, drop(groups.incoming[s])])) as Record<MemberStatus, GlanceImage[]>;
  return { ...groups, owned, incoming, pendingCount: incoming.pending.length };
}

/**
 * The first share (in the order the tree shows them) waiting in `after` that was not waiting in
 * `before`: the one a reload brings into view. One, not all: a reload that brings many shares
 * must not scroll the tree from one to the next.
 */
export function firstNewPending(before: ImageGroups, after: ImageGroups): GlanceImage | undefined {
  const waiting = new Set(before.incoming.pending.map((i) => i.id));
  return after.incoming.pending.find((i) => !waiting.has(i.id));
}
