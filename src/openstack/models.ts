/** Glance v2 and Keystone v3 shapes this extension relies on. Field names follow the APIs. */

export const VISIBILITIES = ['private', 'shared', 'community', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Where an image goes when Glance sends a visibility this client does not know (a newer Glance, a
 * vendor's own value): "Other" under My images, the raw value kept in `rawVisibility`, no action
 * but the copy ones (docs/glance-behaviour.md#unknown-values).
 */
export type ImageVisibility = Visibility | 'other';
export const IMAGE_VISIBILITIES: readonly ImageVisibility[] = [...VISIBILITIES, 'other'];

/** Image statuses Glance v2 documents; another one is shown as sent, and logged. */
export const IMAGE_STATUSES = ['queued', 'saving', 'uploading', 'importing', 'active', 'deactivated', 'killed', 'deleted', 'pending_delete'] as const;

export const MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export function isVisibility(value: unknown): value is Visibility {
  return typeof value === 'string' && (VISIBILITIES as readonly string[]).includes(value);
}

export function isMemberStatus(value: unknown): value is MemberStatus {
  return typeof value === 'string' && (MEMBER_STATUSES as readonly string[]).includes(value);
}

export interface GlanceImage {
  readonly id: string;
  /** Glance allows unnamed images. */
  readonly name: string | null;
  readonly status: string;
  /** 'other' for a value this client does not know; then `rawVisibility` holds it. */
  readonly visibility: ImageVisibility;
  /** The visibility as Glance sent it, only when it is none of the known ones. */
  readonly rawVisibility?: string;
  readonly owner: string | null;
  readonly protected: boolean;
  readonly disk_format: string | null;
  readonly container_format: string | null;
  readonly size: number | null;
  readonly virtual_size: number | null;
  readonly min_disk: number;
  readonly min_ram: number;
  readonly checksum: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly tags: readonly string[];
  /** Left out of every default listing (Image API 2.7+): docs/glance-behaviour.md#hidden-images. */
  readonly os_hidden: boolean;
  /** The common image property, when set (the images view's filter matches it). */
  readonly os_distro?: string;
}

export interface GlanceMember {
  readonly member_id: string;
  readonly image_id: string;
  /** 'other' for a status this client does not know; then `rawStatus` holds it. */
  readonly status: MemberStatus | 'other';
  readonly rawStatus?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** Query parameters of `GET /v2/images` that matter for sharing. */
export interface ImageListFilters {
  /** `all` lists every visibility the token may see (still only accepted shares unless member_status says otherwise). */
  readonly visibility?: Visibility | 'all';
  readonly member_status?: MemberStatus | 'all';
  readonly owner?: string;
  readonly name?: string;
  readonly status?: string;
  readonly tag?: string;
  /** `true` lists only hidden images (Image API 2.7+); without it, hidden images are left out. */
  readonly os_hidden?: boolean;
  /** A comparison, e.g. `gt:2026-01-01T00:00:00Z`. */
  readonly created_at?: string;
  readonly sort?: string;
  readonly sort_key?: string;
  readonly sort_dir?: 'asc' | 'desc';
  /** Page size. Glance caps it at api_limit_max (1000 by default). */
  readonly limit?: number;
}

export interface KeystoneRef {
  readonly id: string;
  readonly name: string;
}

export interface KeystoneProject extends KeystoneRef {
  readonly domain_id: string;
  readonly enabled: boolean;
  readonly description?: string;
}

export interface CatalogEndpoint {
  readonly id?: string;
  readonly interface: string;
  readonly region_id?: string | null;
  readonly region?: string | null;
  readonly url: string;
}

export interface CatalogService {
  readonly type: string;
  readonly name?: string;
  readonly endpoints: readonly CatalogEndpoint[];
}

export type EndpointInterface = 'public' | 'internal' | 'admin';
