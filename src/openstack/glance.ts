import { capabilitiesOf, parseVersionsDocument, type ImageApiCapabilities } from './apiVersions';
import { ResponseFormatError, asError, type GlanceOperation } from './errors';
import type { Logger } from './log';
import { IMAGE_STATUSES, type GlanceImage, type GlanceMember, type ImageListFilters, type MemberStatus, type Visibility, isMemberStatus, isVisibility } from './models';
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
  private capabilitiesRead: Promise<ImageApiCapabilities> | undefined;
  private capabilitiesValue: ImageApiCapabilities | undefined;
  /** Values Glance sent that this client does not know, each logged once (`field value`). */
  private readonly unknownSeen = new Set<string>();

  constructor(
    private readonly session: AuthorizedRequester,
    /** The image endpoint without version suffix, e.g. http://127.0.0.1:9292. */
    readonly endpoint: string,
    /** Where unknown values in Glance's records and an unreadable versions document are told. */
    private readonly logger?: Logger,
  ) {}

  /**
   * What this endpoint's Image API version allows, read once per client (one connection) from
   * `GET /versions` (docs/glance-behaviour.md#versions-document). An endpoint without a readable
   * document is taken to allow everything, and that is logged.
   */
  capabilities(): Promise<ImageApiCapabilities> {
    this.capabilitiesRead ??= this.call('versions', 'GET', '/versions').then(
      (response) => {
        const version = parseVersionsDocument(response.data);
        if (!version) this.logger?.warn(`Glance at ${this.endpoint}: its versions document lists no Image API v2.x; assuming every feature`);
        return (this.capabilitiesValue = capabilitiesOf(version));
      },
      (error: unknown) => {
        this.logger?.warn(`Glance at ${this.endpoint}: could not read its API versions (${asError(error).message}); assuming every feature`);
        return (this.capabilitiesValue = capabilitiesOf(undefined));
      },
    );
    return this.capabilitiesRead;
  }

  /** The capabilities once read (undefined before): for code that cannot wait, e.g. a tree row. */
  get knownCapabilities(): ImageApiCapabilities | undefined {
    return this.capabilitiesValue;
  }

  /**
   * Pages of `GET /v2/images` with these filters, following Glance's `next` links until the
   * last page. Stop iterating to stop fetching. With `firstPage`, the first request asks that
   * many images and the `next` links after it the walk's own limit: a view paints after one
   * short round trip, and the rest comes in full pages.
   */
  async *listImagePages(filters: ImageListFilters = {}, options: { readonly firstPage?: number } = {}): AsyncGenerator<ImagePage, void, undefined> {
    const params = new URLSearchParams();
    const pageSize = filters.limit ?? MAX_PAGE_SIZE;
    // `limit` first, as before: bench/lib/bare.ts asks the same queries for its baseline.
    const withLimit: ImageListFilters = { limit: pageSize, ...filters, ...(options.firstPage !== undefined ? { limit: options.firstPage } : {}) };
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
      yield { images: body.images.flatMap((record) => this.listedImage(record)), request };
      // `next` is a path like /v2/images?...&marker=<id>, relative to Glance's root, which may
      // differ from ours behind a path-prefixing proxy: keep only its query and reuse our endpoint.
      query = typeof body.next === 'string' && body.images.length > 0 ? withPageSize(queryOf(body.next), pageSize) : undefined;
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
    return this.told(parseImage(response.data));
  }

  /** `GET /v2/images/{id}` as Glance sent it, every property included (the details document). */
  async getImageRecord(imageId: string): Promise<Readonly<Record<string, unknown>>> {
    const response = await this.call('getImage', 'GET', `/v2/images/${enc(imageId)}`);
    parseImage(response.data);
    return response.data as Record<string, unknown>;
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

  /**
   * Hide an image from every default listing, or show it again (Image API 2.7+): a `replace` of
   * `/os_hidden`, a JSON boolean (docs/glance-behaviour.md#hidden-images). Only the owner may.
   */
  async setHidden(imageId: string, hidden: boolean): Promise<GlanceImage> {
    const response = await this.call('setHidden', 'PATCH', `/v2/images/${enc(imageId)}`, {
      body: [{ op: 'replace', path: '/os_hidden', value: hidden }],
      contentType: JSON_PATCH,
    });
    return this.told(parseImage(response.data));
  }

  /** The owner sees every member; a member sees only its own row. */
  async listMembers(imageId: string): Promise<GlanceMember[]> {
    const response = await this.call('listMembers', 'GET', `/v2/images/${enc(imageId)}/members`);
    const members = (response.data as { members?: unknown } | undefined)?.members;
    if (!Array.isArray(members)) {
      throw new ResponseFormatError('glance', 'GET', `/v2/images/${imageId}/members`, 'no "members" list');
    }
    return members.flatMap((record) => this.listedMember(record));
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

  /**
   * One record of a listing: a record without an ID is dropped, one with a value this client
   * does not know is kept with it as sent; both are logged, and neither fails the page
   * (docs/glance-behaviour.md#unknown-values).
   */
  private listedImage(record: unknown): GlanceImage[] {
    try {
      return [this.told(parseImage(record))];
    } catch (error) {
      this.logger?.warn(`Glance at ${this.endpoint} listed an image this extension cannot read, left out: ${asError(error).message}`);
      return [];
    }
  }

  private listedMember(record: unknown): GlanceMember[] {
    try {
      const member = parseMember(record);
      if (member.rawStatus !== undefined) this.tell('member status', member.rawStatus, `member ${member.member_id} of ${member.image_id}`);
      return [member];
    } catch (error) {
      this.logger?.warn(`Glance at ${this.endpoint} listed a member this extension cannot read, left out: ${asError(error).message}`);
      return [];
    }
  }

  /** Log an image's unknown visibility or status (once per value and client), and pass it on. */
  private told(image: GlanceImage): GlanceImage {
    if (image.rawVisibility !== undefined) this.tell('visibility', image.rawVisibility, `image ${image.id}`, 'shown under My images › Other');
    if (!(IMAGE_STATUSES as readonly string[]).includes(image.status)) this.tell('status', image.status, `image ${image.id}`, 'shown as sent');
    return image;
  }

  private tell(field: string, value: string, where: string, shown = 'shown as sent'): void {
    const key = `${field} ${value}`;
    if (this.unknownSeen.has(key)) return;
    this.unknownSeen.add(key);
    this.logger?.warn(`Glance at ${this.endpoint} sent the ${field} ${JSON.stringify(value)} (${where}), which this extension does not know: ${shown}`);
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

/** A `next` link's query asking `size` images per page (Glance repeats the first request's limit in it). */
function withPageSize(query: string | undefined, size: number): string | undefined {
  if (query === undefined) return undefined;
  const params = new URLSearchParams(query);
  if (params.get('limit') === String(size)) return query;
  params.set('limit', String(size));
  return params.toString();
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

/**
 * Check the fields we rely on; keep the rest as Glance sent them. Only a record without an ID is
 * refused: a visibility this client does not know becomes 'other' with `rawVisibility`.
 */
export function parseImage(value: unknown): GlanceImage {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof record.id !== 'string') {
    throw new ResponseFormatError('glance', 'GET', '/v2/images', 'an image without id');
  }
  const visibility = record.visibility;
  const known = isVisibility(visibility);
  return {
    id: record.id,
    name: str(record.name),
    status: str(record.status) ?? 'unknown',
    visibility: known ? visibility : 'other',
    ...(known ? {} : { rawVisibility: typeof visibility === 'string' ? visibility : JSON.stringify(visibility ?? null) }),
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
    ...(typeof record.os_distro === 'string' ? { os_distro: record.os_distro } : {}),
  };
}

export function parseMember(value: unknown): GlanceMember {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof record.member_id !== 'string' || typeof record.image_id !== 'string') {
    throw new ResponseFormatError('glance', 'GET', '/v2/images/…/members', 'a member without member_id or image_id');
  }
  const status = record.status;
  const known = isMemberStatus(status);
  return {
    member_id: record.member_id,
    image_id: record.image_id,
    status: known ? status : 'other',
    ...(known ? {} : { rawStatus: typeof status === 'string' ? status : JSON.stringify(status ?? null) }),
    created_at: str(record.created_at) ?? '',
    updated_at: str(record.updated_at) ?? '',
  };
}
