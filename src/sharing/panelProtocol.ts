/**
 * The messages between the members panel's webview and the extension, defined once for both
 * sides and checked on arrival: a webview is untrusted input, and so is anything we send it.
 */
import type { MemberStatus } from '../openstack/models';
import type { MembersViewState } from './membersView';

/** Webview → extension. */
export type PanelRequest =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'addMembers'; readonly text: string }
  /** Open the project picker (in VS Code) and add what is picked. */
  | { readonly type: 'pickProjects' }
  | { readonly type: 'addToAddressBook'; readonly projectId: string }
  | { readonly type: 'removeMember'; readonly projectId: string }
  | { readonly type: 'setMyStatus'; readonly status: MemberStatus }
  | { readonly type: 'copy'; readonly text: string };

/** The result of one project of an add, shown next to the input. */
export interface AddResult {
  readonly input: string;
  readonly ok: boolean;
  readonly message: string;
}

/** Extension → webview. */
export type PanelUpdate =
  | { readonly type: 'state'; readonly state: MembersViewState }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'addResults'; readonly results: readonly AddResult[] }
  /** `gone`: the image is no longer there for this project; the panel stops showing it. */
  | { readonly type: 'error'; readonly message: string; readonly gone?: boolean };

const STATUSES: readonly string[] = ['pending', 'accepted', 'rejected'];
/** Nothing a person types into the add box is longer; anything longer is not a request we made. */
const MAX_TEXT = 64 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const shortString = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length <= max;

/** A webview message, if it is one of ours and well-formed; undefined otherwise (then logged and ignored). */
export function parsePanelRequest(value: unknown): PanelRequest | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'pickProjects':
      return { type: value.type };
    case 'addMembers':
      return shortString(value.text) ? { type: 'addMembers', text: value.text } : undefined;
    case 'removeMember':
      return shortString(value.projectId, 255) && value.projectId.length > 0 ? { type: 'removeMember', projectId: value.projectId } : undefined;
    case 'addToAddressBook':
      return shortString(value.projectId, 255) && value.projectId.length > 0 ? { type: 'addToAddressBook', projectId: value.projectId } : undefined;
    case 'setMyStatus':
      return typeof value.status === 'string' && STATUSES.includes(value.status) ? { type: 'setMyStatus', status: value.status as MemberStatus } : undefined;
    case 'copy':
      return shortString(value.text, 4096) ? { type: 'copy', text: value.text } : undefined;
    default:
      return undefined;
  }
}

/** The same check on the webview side, for what the extension sends. */
export function parsePanelUpdate(value: unknown): PanelUpdate | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'state':
      return isRecord(value.state) && isRecord(value.state.image) && Array.isArray(value.state.members)
        ? { type: 'state', state: value.state as unknown as MembersViewState }
        : undefined;
    case 'busy':
      return typeof value.busy === 'boolean' ? { type: 'busy', busy: value.busy } : undefined;
    case 'addResults':
      return Array.isArray(value.results)
        ? { type: 'addResults', results: value.results.filter(isRecord).map((r) => ({ input: String(r.input), ok: r.ok === true, message: String(r.message) })) }
        : undefined;
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message, ...(value.gone === true ? { gone: true } : {}) } : undefined;
    default:
      return undefined;
  }
}
