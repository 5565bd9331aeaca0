import * as l10n from '@vscode/l10n';
import { MEMBER_STATUSES, type GlanceImage, type ImageListFilters, type MemberStatus } from '../openstack/models';
import type { ImageGroups } from './grouping';
import { plainText } from './displayText';

/**
 * The images view's filter: what the user typed, checked, and split into what Glance filters
 * itself (sent as query parameters, so a large project transfers less) and what only a local
 * match can do. Glance v2's `name` is an exact match, so a name substring or glob is local;
 * `tag`, `status`, `owner` and `created_at=gt:|lt:` are Glance's (docs/glance-behaviour.md#list-filters).
 */
export interface ImageFilter {
  /** Case-insensitive substring, or a glob with `*` and `?`. */
  readonly name?: string;
  readonly tag?: string;
  readonly status?: string;
  readonly owner?: string;
  readonly osDistro?: string;
  readonly member?: MemberStatus;
  /** ISO 8601 instants, exclusive. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
}

export type FilterParse = { readonly ok: true; readonly filter: ImageFilter } | { readonly ok: false; readonly message: string };

/** The syntax, for the input's prompt. */
export function filterSyntax(): string {
  // The keys and example values are the filter's syntax: a translation keeps them as they are.
  return l10n.t(
    'Words match names (* and ? as wildcards); also tag:golden status:active owner:<project ID> os_distro:ubuntu member:pending|accepted|rejected created>2026-01-01 created<2026-06-30. Empty clears the filter.',
  );
}

const KEYS = ['name', 'tag', 'status', 'owner', 'os_distro', 'member', 'created>', 'created<'] as const;

/** `key:value`, `created>date`, `created<date` or a bare word; a value may be "double quoted". */
const TOKEN = /\s*(?:(name|tag|status|owner|os_distro|member):|(created)([<>]))?(?:"([^"]*)"|([^\s"]\S*))/y;

/** A date (2026-01-01) or an instant (2026-01-01T12:00:00Z) as Glance's ISO 8601 form. */
function isoInstant(text: string): string | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = dateOnly ? `${text}T00:00:00Z` : text;
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function parseImageFilter(text: string): FilterParse {
  const filter: { -readonly [K in keyof ImageFilter]: ImageFilter[K] } = {};
  const seen = new Set<string>();
  const words: string[] = [];
  TOKEN.lastIndex = 0;
  const source = text.trim();
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match) return { ok: false, message: l10n.t('Could not read "{0}": close the quote.', plainText(source.slice(TOKEN.lastIndex).trim())) };
    const [, key, created, comparison, quoted, bare] = match;
    const value = quoted ?? bare ?? '';
    if (quoted === undefined && value.includes('"')) return { ok: false, message: l10n.t('Could not read {0}: close the quote ("like this").', plainText(value)) };
    const which = key ?? (created ? `created${comparison}` : undefined);
    if (!which) {
      const bareKey = /^(name|tag|status|owner|os_distro|member):$|^(created[<>])$/.exec(value);
      if (bareKey) return { ok: false, message: l10n.t('"{0}" needs a value, e.g. {1}.', bareKey[1] ?? bareKey[2], example(bareKey[1] ?? bareKey[2])) };
      if (/^[a-z_]+[:<>]/i.test(value))
        return {
          ok: false,
          message: l10n.t('Unknown filter "{0}": use one of {1}.', plainText(value), KEYS.map((k) => (k.endsWith('>') || k.endsWith('<') ? k : `${k}:`)).join(' ')),
        };
      words.push(value);
      continue;
    }
    if (seen.has(which)) return { ok: false, message: l10n.t('"{0}" is given twice: keep one.', which) };
    seen.add(which);
    if (!value) return { ok: false, message: l10n.t('"{0}" needs a value, e.g. {1}.', which, example(which)) };
    switch (which) {
      case 'name':
        words.push(value);
        break;
      case 'tag':
        filter.tag = value;
        break;
      case 'status':
        filter.status = value.toLowerCase();
        break;
      case 'owner':
        filter.owner = value;
        break;
      case 'os_distro':
        filter.osDistro = value;
        break;
      case 'member': {
        const status = value.toLowerCase();
        if (!(MEMBER_STATUSES as readonly string[]).includes(status))
          return { ok: false, message: l10n.t('member: takes pending, accepted or rejected, not "{0}".', plainText(value)) };
        filter.member = status as MemberStatus;
        break;
      }
      default: {
        const instant = isoInstant(value);
        if (!instant) return { ok: false, message: l10n.t('{0} takes a date like 2026-01-01 or 2026-01-01T12:00:00Z, not "{1}".', which, plainText(value)) };
        if (which === 'created>') filter.createdAfter = instant;
        else filter.createdBefore = instant;
      }
    }
  }
  if (words.length) filter.name = words.join(' ');
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore) {
    return { ok: false, message: l10n.t('created> must be earlier than created<: no image could match.') };
  }
  return { ok: true, filter };
}

function example(key: string): string {
  return (
    { name: 'name:ubuntu*', tag: 'tag:golden', status: 'status:active', owner: 'owner:<project ID>', os_distro: 'os_distro:ubuntu', member: 'member:pending' }[key] ??
    `${key}2026-01-01`
  );
}

export function isEmptyFilter(filter: ImageFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

/** The filter written back in its own syntax: the view's description and the input's initial value. */
export function describeImageFilter(filter: ImageFilter): string {
  const quote = (v: string) => (/[\s"]/.test(v) ? `"${v}"` : v);
  const parts: string[] = [];
  if (filter.name) parts.push(/\s/.test(filter.name) ? `name:${quote(filter.name)}` : filter.name);
  if (filter.tag) parts.push(`tag:${quote(filter.tag)}`);
  if (filter.status) parts.push(`status:${quote(filter.status)}`);
  if (filter.owner) parts.push(`owner:${quote(filter.owner)}`);
  if (filter.osDistro) parts.push(`os_distro:${quote(filter.osDistro)}`);
  if (filter.member) parts.push(`member:${filter.member}`);
  if (filter.createdAfter) parts.push(`created>${filter.createdAfter.replace('T00:00:00Z', '')}`);
  if (filter.createdBefore) parts.push(`created<${filter.createdBefore.replace('T00:00:00Z', '')}`);
  return parts.join(' ');
}

/**
 * The part Glance applies itself, as `GET /v2/images` parameters. `owner` is left out: the
 * project's own listing already sets it, and the local match drops the rest.
 */
export function glanceListParams(filter: ImageFilter): ImageListFilters {
  const created = [filter.createdAfter && `gt:${filter.createdAfter}`, filter.createdBefore && `lt:${filter.createdBefore}`].filter(Boolean);
  return {
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    // One `created_at` comparison per request: the later bound, if both, is matched locally.
    ...(created.length ? { created_at: created[0] as string } : {}),
  };
}

function globExpression(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether an image (with this project's member status for it, if it is shared with the project) matches. */
export function matchesImageFilter(filter: ImageFilter, image: GlanceImage, memberStatus?: MemberStatus): boolean {
  if (filter.name) {
    const name = image.name ?? '';
    const ok = /[*?]/.test(filter.name) ? globExpression(filter.name).test(name) : name.toLowerCase().includes(filter.name.toLowerCase());
    if (!ok) return false;
  }
  if (filter.tag && !image.tags.includes(filter.tag)) return false;
  if (filter.status && image.status !== filter.status) return false;
  if (filter.owner && image.owner !== filter.owner) return false;
  if (filter.osDistro && (image.os_distro ?? '').toLowerCase() !== filter.osDistro.toLowerCase()) return false;
  if (filter.member && memberStatus !== filter.member) return false;
  const created = Date.parse(image.created_at);
  if (filter.createdAfter && !(created > Date.parse(filter.createdAfter))) return false;
  if (filter.createdBefore && !(created < Date.parse(filter.createdBefore))) return false;
  return true;
}

/** The groups with only matching images; counts follow (the pending badge stays unfiltered: it is the store's). */
export function filterImageGroups(groups: ImageGroups, filter: ImageFilter): ImageGroups {
  if (isEmptyFilter(filter)) return groups;
  const keep = (images: readonly GlanceImage[], status?: MemberStatus) => images.filter((i) => matchesImageFilter(filter, i, status));
  const incoming = {
    pending: keep(groups.incoming.pending, 'pending'),
    accepted: keep(groups.incoming.accepted, 'accepted'),
    rejected: keep(groups.incoming.rejected, 'rejected'),
  };
  return {
    ...groups,
    owned: {
      private: keep(groups.owned.private),
      shared: keep(groups.owned.shared),
      community: keep(groups.owned.community),
      public: keep(groups.owned.public),
      other: keep(groups.owned.other),
    },
    incoming,
    ...(groups.community ? { community: keep(groups.community) } : {}),
    ...(groups.public ? { public: keep(groups.public) } : {}),
    pendingCount: incoming.pending.length,
  };
}
