import { ResponseFormatError, type GlanceOperation } from './errors';
import {
  type GlanceImage,
  type GlanceMember,
  type ImageListFilters,
  type MemberStatus,
  type Visibility,
  isMemberStatus,
  isVisibility,
} from './models';
import type { TransportRequest, TransportResponse } from './transport';

/** What the Glance client needs from a session: an authenticated request. */
export interface AuthorizedRequester {
  request(request: TransportRequest): Promise<TransportResponse>;
}

/** Glance's ceiling for `limit` (api_limit_max); larger values are silently capped. */
export const MAX_PAGE_SIZE = 1000;

export interface ImagePage {
  readonly images: readonly GlanceImage[];
  /** 1-based number of this page's request within the walk. */
  readonly request: number;
}

const JSON_PATCH = 'application/openstack-images-v2.1-json-patch';

/** The Glance v2 image and member API: typed, paged, and with errors explained (see errors.ts). */
export class GlanceClient {
  constructor(
    private readonly session: AuthorizedRequester,
    /** The image endpoint without version suffix, e.g. http://127.0.0.1:9292. */
    readonly endpoint: string,
  ) {}

  /**
   * Pages of `GET /v2/images` with these filters, following Glance's `next` links until the
   * last page. Stop iterating to stop fetching.
   */
  async *listImagePages(filters: ImageListFilters = {}): AsyncGenerator<ImagePage, void, undefined> {
    const params = new URLSearchParams();
    const withLimit: ImageListFilters = { limit: MAX_PAGE_SIZE, ...filters };
    for (const [key, value] of Object.entries(withLimit)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    let query: string | undefined = params.toString();
    for (let request = 1; query !== undefined; request++) {
      const response = await this.call('listImages', 'GET', `/v2/images?${query}`);
      const body = response.data as { images?: unknown; next?: unknown } | undefined;
      if (!body || !Array.isArray(body.images)) {
        throw new ResponseFormatError('glance', 'GET', '/v2/images', 'no "images" list');
      }
      yield { images: body.images.map(parseImage), request };
      // `next` is a path like /v2/images?...&marker=<id>, relative to Glance's root, which may
      // differ from ours behind a path-prefixing proxy: keep only its query and reuse our endpoint.
      query = typeof body.next === 'string' && body.images.length > 0 ? queryOf(body.next) : undefined;
    }
  }

  /** Every image of the listing, one at a time. */
  async *listImages(filters: ImageListFilters = {}): AsyncGenerator<GlanceImage, void, undefined> {
    for await (const page of this.listImagePages(filters)) {
      yield* page.images;
    }
  }

  async listAllImages(filters: ImageListFilters = {}): Promise<GlanceImage[]> {
    const all: GlanceImage[] = [];
    for await (const page of this.listImagePages(filters)) {
      all.push(...page.images);
    }
    return all;
  }

  async getImage(imageId: string): Promise<GlanceImage> {
    const response = await this.call('getImage', 'GET', `/v2/images/${enc(imageId)}`);
    return parseImage(response.data);
  }

  /** PATCH with Glance's own JSON-patch media type (RFC 6902's type gets 415). */
  async setVisibility(imageId: string, visibility: Visibility): Promise<GlanceImage> {
    const response = await this.call('setVisibility', 'PATCH', `/v2/images/${enc(imageId)}`, {
      body: [{ op: 'replace', path: '/visibility', value: visibility }],
      contentType: JSON_PATCH,
      targetVisibility: visibility,
    });
    return parseImage(response.data);
  }

  /** The owner sees every member; a member sees only its own row. */
  async listMembers(imageId: string): Promise<GlanceMember[]> {
    const response = await this.call('listMembers', 'GET', `/v2/images/${enc(imageId)}/members`);
    const members = (response.data as { members?: unknown } | undefined)?.members;
    if (!Array.isArray(members)) {
      throw new ResponseFormatError('glance', 'GET', `/v2/images/${imageId}/members`, 'no "members" list');
    }
    return members.map(parseMember);
  }

  async getMember(imageId: string, memberId: string): Promise<GlanceMember> {
    const response = await this.call('getMember', 'GET', `/v2/images/${enc(imageId)}/members/${enc(memberId)}`);
    return parseMember(response.data);
  }

  /**
   * Glance accepts any string as a member ID; callers validate project IDs first
   * (sharing/projectId.ts). Never retried: a lost answer must not become a duplicate.
   */
  async addMember(imageId: string, memberId: string): Promise<GlanceMember> {
    const response = await this.call('addMember', 'POST', `/v2/images/${enc(imageId)}/members`, { body: { member: memberId } });
    return parseMember(response.data);
  }

  /** Only the member project (or an admin) may change its status. */
  async updateMemberStatus(imageId: string, memberId: string, status: MemberStatus): Promise<GlanceMember> {
    const response = await this.call('updateMember', 'PUT', `/v2/images/${enc(imageId)}/members/${enc(memberId)}`, { body: { status } });
    return parseMember(response.data);
  }

  async removeMember(imageId: string, memberId: string): Promise<void> {
    await this.call('removeMember', 'DELETE', `/v2/images/${enc(imageId)}/members/${enc(memberId)}`);
  }

  private call(
    operation: GlanceOperation,
    method: TransportRequest['method'],
    path: string,
    extra: Pick<TransportRequest, 'body' | 'contentType' | 'targetVisibility'> = {},
  ): Promise<TransportResponse> {
    return this.session.request({ service: 'glance', operation, method, url: this.endpoint + path, ...extra });
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function queryOf(link: string): string | undefined {
  const index = link.indexOf('?');
  return index >= 0 ? link.slice(index + 1) : undefined;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Check the fields we rely on; keep the rest as Glance sent them. */
export function parseImage(value: unknown): GlanceImage {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof record.id !== 'string' || !isVisibility(record.visibility)) {
    throw new ResponseFormatError('glance', 'GET', '/v2/images', 'an image without id or with an unknown visibility');
  }
  return {
    id: record.id,
    name: str(record.name),
    status: str(record.status) ?? 'unknown',
    visibility: record.visibility,
    owner: str(record.owner),
    protected: record.protected === true,
    disk_format: str(record.disk_format),
    container_format: str(record.container_format),
    size: num(record.size),
    virtual_size: num(record.virtual_size),
    min_disk: num(record.min_disk) ?? 0,
    min_ram: num(record.min_ram) ?? 0,
    checksum: str(record.checksum),
    created_at: str(record.created_at) ?? '',
    updated_at: str(record.updated_at) ?? '',
    tags: Array.isArray(record.tags) ? record.tags.filter((t): t is string => typeof t === 'string') : [],
    os_hidden: record.os_hidden === true,
  };
}

export function parseMember(value: unknown): GlanceMember {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof record.member_id !== 'string' || typeof record.image_id !== 'string' || !isMemberStatus(record.status)) {
    throw new ResponseFormatError('glance', 'GET', '/v2/images/…/members', 'a member without member_id, image_id or a known status');
  }
  return {
    member_id: record.member_id,
    image_id: record.image_id,
    status: record.status,
    created_at: str(record.created_at) ?? '',
    updated_at: str(record.updated_at) ?? '',
  };
}
