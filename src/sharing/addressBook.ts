/**
 * The address book: consumer projects a team shares with, kept in a workspace file that can be
 * committed (`.vscode/glance-share-projects.json`), so that one team's whole consumer list is a
 * pick away for everyone who opens the repository. Pure: the file's text in, entries and
 * problems out (each problem names the entry and the key); no vscode, no file system.
 */
import * as l10n from '@vscode/l10n';
import { checkProjectId } from './projectId';

export const ADDRESS_BOOK_FILE = '.vscode/glance-share-projects.json';

export interface AddressBookEntry {
  readonly id: string;
  readonly name: string;
  /** A clouds.yaml cloud name or a Keystone URL; absent: any cloud. */
  readonly cloud?: string;
  /** A region name; absent: any region. */
  readonly region?: string;
  readonly note?: string;
}

export interface AddressBookRead {
  readonly entries: readonly AddressBookEntry[];
  /** One sentence each, e.g. `projects[2].id: "consumer" looks like a name, not an ID …`. */
  readonly problems: readonly string[];
}

const KEYS = new Set(['id', 'name', 'cloud', 'region', 'note']);
const MAX_TEXT = 255;

/** Reads the file's text; entries with a problem are left out, the others kept. */
export function parseAddressBook(text: string): AddressBookRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [l10n.t('not valid JSON ({0})', error instanceof Error ? error.message : String(error))] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Array.isArray((data as { projects?: unknown }).projects)) {
    return { entries: [], problems: [l10n.t('expected an object with a "projects" list: { "projects": [ { "name": "…", "id": "…" } ] }')] };
  }
  const entries: AddressBookEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  ((data as { projects: unknown[] }).projects ?? []).forEach((raw, index) => {
    const where = `projects[${index}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(l10n.t('{0}: expected an object with "name" and "id"', where));
      return;
    }
    const record = raw as Record<string, unknown>;
    const unknown = Object.keys(record).filter((k) => !KEYS.has(k));
    if (unknown.length > 0)
      problems.push(
        unknown.length > 1
          ? l10n.t('{0}: unknown keys {1} (known: id, name, cloud, region, note); ignored', where, unknown.map((k) => JSON.stringify(k)).join(', '))
          : l10n.t('{0}: unknown key {1} (known: id, name, cloud, region, note); ignored', where, JSON.stringify(unknown[0])),
      );
    const text = (key: string, required: boolean): string | undefined | null => {
      const value = record[key];
      if (value === undefined) {
        if (required) problems.push(l10n.t('{0}.{1}: missing', where, key));
        return required ? null : undefined;
      }
      if (typeof value !== 'string' || !value.trim() || value.length > MAX_TEXT) {
        problems.push(l10n.t('{0}.{1}: expected a non-empty text of at most {2} characters', where, key, MAX_TEXT));
        return null;
      }
      return value.trim();
    };
    const name = text('name', true);
    const idText = text('id', true);
    const cloud = text('cloud', false);
    const region = text('region', false);
    const note = text('note', false);
    if (name === null || idText === null || cloud === null || region === null || note === null) return;
    const check = checkProjectId(idText ?? '');
    if (!check.ok) {
      problems.push(`${where}.id: ${check.message}`);
      return;
    }
    const key = `${check.id}|${cloud ?? ''}|${region ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(l10n.t('{0}: the same project as projects[{1}]; the first is used', where, earlier));
      return;
    }
    seen.set(key, index);
    entries.push({ id: check.id, name: name ?? '', ...(cloud ? { cloud } : {}), ...(region ? { region } : {}), ...(note ? { note } : {}) });
  });
  return { entries, problems };
}

/** Where a scope is, as an address-book entry's `cloud` and `region` may name it. */
export interface BookPlace {
  readonly cloudName: string;
  readonly authUrl: string;
  readonly region?: string;
}

const trimUrl = (url: string): string => url.replace(/\/+$/, '').replace(/\/v3$/, '').toLowerCase();

/** Whether an entry applies to a scope: no cloud or region named, or the names match. */
export function entryApplies(entry: AddressBookEntry, place: BookPlace): boolean {
  const cloudOk = !entry.cloud || entry.cloud === place.cloudName || (/^https?:\/\//i.test(entry.cloud) && trimUrl(entry.cloud) === trimUrl(place.authUrl));
  const regionOk = !entry.region || !place.region || entry.region === place.region;
  return cloudOk && regionOk;
}

/** The file's text with one more entry (or an entry of the same project replaced), two-space JSON. */
export function withEntry(text: string | undefined, entry: AddressBookEntry): string {
  let data: { projects: unknown[] } & Record<string, unknown> = { projects: [] };
  if (text?.trim()) {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as { projects?: unknown }).projects)) {
      data = parsed as typeof data;
    } else {
      throw new Error(l10n.t('the address book is not { "projects": [ … ] }: fix it with "Edit Address Book" first'));
    }
  }
  const same = (p: unknown) => {
    const r = p as Record<string, unknown> | null;
    return !!r && typeof r === 'object' && r.id === entry.id && (r.cloud ?? undefined) === entry.cloud && (r.region ?? undefined) === entry.region;
  };
  const clean = {
    name: entry.name,
    id: entry.id,
    ...(entry.cloud ? { cloud: entry.cloud } : {}),
    ...(entry.region ? { region: entry.region } : {}),
    ...(entry.note ? { note: entry.note } : {}),
  };
  const index = data.projects.findIndex(same);
  const projects = index >= 0 ? data.projects.map((p, i) => (i === index ? clean : p)) : [...data.projects, clean];
  return `${JSON.stringify({ ...data, projects }, null, 2)}\n`;
}

/** What a new, empty address book says about itself. */
export const ADDRESS_BOOK_TEMPLATE = `${JSON.stringify(
  {
    projects: [],
  },
  null,
  2,
)}\n`;
