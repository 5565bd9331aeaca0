/**
 * Glance accepts any string as a member ID, so a typo becomes a silent bogus member.
 * Keystone project IDs are uuid4().hex: 32 lowercase hex digits. A UUID with dashes or in
 * upper case names the same project, so it is normalised to that form; anything else is refused
 * with a message that says what an ID looks like.
 */
import * as l10n from '@vscode/l10n';

/**
 * Why an input is not sent to Glance, for code to decide on (the message is for people):
 * - missing: nothing was typed;
 * - invalid: not a project ID (the message says what is wrong with it);
 * - duplicate: it repeats an earlier ID of the same input, which is added once;
 * - owner: it is the owner project itself, which already has the image.
 */
export type RejectionReason = 'missing' | 'invalid' | 'duplicate' | 'owner';

export type ProjectIdCheck =
  | { readonly ok: true; readonly id: string; readonly input: string; readonly normalised: boolean }
  | { readonly ok: false; readonly input: string; readonly reason: 'missing' | 'invalid'; readonly message: string };

const HEX32 = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE_ID = '8f1c9a2b3d4e5f60718293a4b5c6d7e8';

/**
 * How the other team finds its own project ID without admin rights: `openstack project show` is
 * refused (403) to a normal user for a project, and `openstack configuration show -c
 * auth.project_id` has no such column when clouds.yaml names the project (as Horizon's download
 * does). A token is issued to every user, and it carries the project ID.
 */
export function askForId(): string {
  return l10n.t('ask that project\u2019s team for it: "Copy My Project ID" in glance-share, or `openstack token issue -c project_id -f value`');
}

function preview(input: string): string {
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return JSON.stringify(shown);
}

export function checkProjectId(raw: string): ProjectIdCheck {
  const input = raw.trim();
  if (!input) {
    return { ok: false, input, reason: 'missing', message: l10n.t('A project ID is required: 32 hex digits (e.g. {0}).', EXAMPLE_ID) };
  }
  if (HEX32.test(input)) {
    const id = input.toLowerCase();
    return { ok: true, id, input, normalised: id !== input };
  }
  if (UUID.test(input)) {
    return { ok: true, id: input.replace(/-/g, '').toLowerCase(), input, normalised: true };
  }
  const hexOnly = /^[0-9a-f]+$/i.test(input);
  const shown = preview(input);
  let why: string;
  if (hexOnly) {
    why = l10n.t('{0} has {1} hex digits; a project ID has exactly 32.', shown, input.length);
  } else if (/\s/.test(input)) {
    why = l10n.t('{0} contains spaces.', shown);
  } else if (/^[\p{L}\p{N}_.@-]+$/u.test(input) && input.length <= 64) {
    why = l10n.t('{0} looks like a name, not an ID (Glance needs the ID: {1}).', shown, askForId());
  } else {
    why = l10n.t('{0} is not a project ID.', shown);
  }
  const what = l10n.t('A project ID is 32 hex digits (e.g. {0}), or a UUID with dashes.', EXAMPLE_ID);
  return { ok: false, input, reason: 'invalid', message: `${why} ${what}` };
}

export interface ProjectIdList {
  /** Valid, normalised, each once, in the order given. */
  readonly ids: readonly string[];
  readonly invalid: readonly AddPlanRejection[];
  /** Inputs dropped because they repeat an earlier one (after normalisation). */
  readonly duplicates: readonly string[];
}

/** Several IDs in one input: separated by commas, semicolons, spaces or new lines. */
export function parseProjectIds(text: string): ProjectIdList {
  const ids: string[] = [];
  const invalid: AddPlanRejection[] = [];
  const duplicates: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    if (!part) {
      continue;
    }
    const check = checkProjectId(part);
    if (!check.ok) {
      invalid.push({ input: check.input, reason: check.reason, message: check.message });
    } else if (ids.includes(check.id)) {
      duplicates.push(check.input);
    } else {
      ids.push(check.id);
    }
  }
  return { ids, invalid, duplicates };
}

/** One line of the answer to "add these projects": what happened to each input. */
export interface AddPlanRejection {
  readonly input: string;
  readonly reason: RejectionReason;
  readonly message: string;
}

/**
 * What to send to Glance for a typed list of projects, and what to refuse before any request:
 * invalid IDs, repeats, and the owner project itself. The command and the members panel both
 * use it, so nothing typed anywhere reaches Glance unvalidated.
 */
export function planMemberAdds(text: string, ownerProjectId: string): { readonly ids: readonly string[]; readonly rejected: readonly AddPlanRejection[] } {
  const parsed = parseProjectIds(text);
  const rejected: AddPlanRejection[] = [...parsed.invalid];
  parsed.duplicates.forEach((input) => rejected.push({ input, reason: 'duplicate', message: l10n.t('listed twice: added once') }));
  const ids = parsed.ids.filter((id) => {
    if (id !== ownerProjectId) return true;
    rejected.push({ input: id, reason: 'owner', message: l10n.t('that is the owner project itself: it already has the image') });
    return false;
  });
  if (ids.length === 0 && rejected.length === 0) {
    rejected.push({ input: text.trim(), reason: 'missing', message: l10n.t('Enter at least one project ID (32 hex digits).') });
  }
  return { ids, rejected };
}

/**
 * Well-formed IDs that no connected identity is in. Glance accepts any ID as a member
 * (docs/glance-behaviour.md#member-ids-unchecked) and a normal user cannot look a project up, so
 * such an ID cannot be checked: a typo becomes a member nobody is. The share goes ahead; the
 * caution says so, once for the whole list.
 */
export function uncheckedProjectsCaution(ids: readonly string[], known: ReadonlySet<string>): string | undefined {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return undefined;
  return unknown.length === 1
    ? l10n.t(
        '{0} is not a project of any signed-in identity, so it cannot be checked (Glance accepts any ID). The share still goes ahead: make sure the ID came from that project\u2019s team.',
        unknown[0],
      )
    : l10n.t(
        '{0} of these IDs are not projects of any signed-in identity, so they cannot be checked (Glance accepts any ID). The share still goes ahead: make sure each ID came from that project\u2019s team.',
        unknown.length,
      );
}

/** The same, for one project in a list of results or a table. */
export function uncheckedProject(): string {
  return l10n.t('not a project of any signed-in identity: Glance cannot check it, so make sure the ID is right');
}
