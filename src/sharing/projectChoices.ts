/**
 * The project picker's choices, gathered from every place a project can be known from and each
 * marked with where it comes from. Pure: the UI collects the sources and shows the result.
 * Whatever is picked is a checked project ID: a name only ever leads to an ID (from one of the
 * user's own projects, a member, the address book, or Keystone), never to Glance itself
 * (docs/glance-behaviour.md#member-ids-unchecked).
 */
import * as l10n from '@vscode/l10n';
import { askForId, parseProjectIds, type AddPlanRejection } from './projectId';

/** Where a choice comes from, in the order the picker shows them. */
export type ProjectSource = 'mine' | 'member' | 'addressBook' | 'keystone' | 'pasted';

/** How the picker says where a choice comes from (a function: l10n.t runs after activation configured the bundle). */
export function sourceWords(source: ProjectSource): string {
  switch (source) {
    case 'mine':
      return l10n.t('you are a member');
    case 'member':
      return l10n.t('already a member of this project\u2019s images');
    case 'addressBook':
      return l10n.t('address book');
    case 'keystone':
      return l10n.t('found in Keystone');
    case 'pasted':
      return l10n.t('pasted ID');
  }
}

export interface ProjectCandidate {
  readonly id: string;
  readonly name?: string;
  readonly domainId?: string;
  readonly domainName?: string;
  readonly note?: string;
  readonly sources: readonly ProjectSource[];
}

const ORDER: readonly ProjectSource[] = ['mine', 'member', 'addressBook', 'keystone', 'pasted'];

/** One candidate per project ID: names and notes from the first source that has them, every source kept. */
export function mergeCandidates(lists: ReadonlyArray<readonly ProjectCandidate[]>): ProjectCandidate[] {
  const byId = new Map<string, ProjectCandidate>();
  for (const list of lists) {
    for (const c of list) {
      const known = byId.get(c.id);
      if (!known) {
        byId.set(c.id, { ...c, sources: [...c.sources] });
        continue;
      }
      byId.set(c.id, {
        id: c.id,
        name: known.name ?? c.name,
        domainId: known.domainId ?? c.domainId,
        domainName: known.domainName ?? c.domainName,
        note: known.note ?? c.note,
        sources: ORDER.filter((s) => known.sources.includes(s) || c.sources.includes(s)),
      });
    }
  }
  const rank = (c: ProjectCandidate) => Math.min(...c.sources.map((s) => ORDER.indexOf(s)));
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id));
}

/**
 * What the picker's text is:
 * - empty: nothing typed (the known choices are the list);
 * - ids: one or many pasted IDs, all well-formed (normalised, each once);
 * - invalid: it looks like IDs but one is not (the message says which and why);
 * - name: one word that is not an ID, to match against the known names and then Keystone.
 */
export type PickerText =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'invalid'; readonly problems: readonly AddPlanRejection[] }
  | { readonly kind: 'name'; readonly name: string };

const NAME = /^[\p{L}\p{N}_.@ -]{1,64}$/u;

export function readPickerText(text: string): PickerText {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const parsed = parseProjectIds(trimmed);
  if (parsed.invalid.length === 0 && parsed.ids.length > 0) return { kind: 'ids', ids: parsed.ids };
  // One token that is no ID: a name (Keystone names may hold spaces too, but then it is one name
  // only when no part of it is an ID).
  if (parsed.ids.length === 0 && NAME.test(trimmed)) return { kind: 'name', name: trimmed };
  return { kind: 'invalid', problems: parsed.invalid };
}

/** Candidates whose name is exactly this one (Keystone names are case-sensitive, as here). */
export function byName(candidates: readonly ProjectCandidate[], name: string): ProjectCandidate[] {
  return candidates.filter((c) => c.name === name);
}

/** Names shared by projects of different domains: each then shows its domain. */
export function collidingNames(candidates: readonly ProjectCandidate[]): Set<string> {
  const domains = new Map<string, Set<string>>();
  for (const c of candidates) {
    if (!c.name) continue;
    const set = domains.get(c.name) ?? new Set<string>();
    set.add(c.domainId ?? '');
    domains.set(c.name, set);
  }
  return new Set([...domains].filter(([, set]) => set.size > 1).map(([name]) => name));
}

/** Why a typed name gave no project (`why`), and what to do instead (`advice`); `message` is both. */
export function nameNotFound(name: string, lookup: 'forbidden' | 'none' | 'failed'): { readonly why: string; readonly advice: string; readonly message: string } {
  const why =
    lookup === 'forbidden'
      ? l10n.t('"{0}" is none of your projects, members or address-book entries, and Keystone does not let this identity look projects up by name', name)
      : lookup === 'none'
        ? l10n.t('Keystone has no project named "{0}" (names are case-sensitive)', name)
        : l10n.t('"{0}" could not be looked up in Keystone', name);
  const advice = l10n.t('Glance needs the project ID, never a name: {0}; or add it to the address book ("Edit Address Book").', askForId());
  return { why, advice, message: `${why}. ${advice}` };
}

/** The label a project has in texts: its name and ID, or its ID alone when no name is known. */
export function projectText(id: string, name: string | undefined): string {
  return name ? `${name} (${id})` : id;
}
