/**
 * Typed errors of the OpenStack layer. Every error carries `explanation`: one plain sentence
 * a user can act on. `message` adds the technical detail (status, Glance's own words).
 * Nothing here ever holds a token, password or secret: the HTTP layer builds these errors
 * from method, path, status and server message only, never from request headers or bodies.
 */
import * as l10n from '@vscode/l10n';

export type ServiceName = 'keystone' | 'glance';

export type GlanceOperation =
  'versions' | 'listImages' | 'getImage' | 'setVisibility' | 'setHidden' | 'listMembers' | 'getMember' | 'addMember' | 'updateMember' | 'removeMember';

export type KeystoneOperation = 'authenticate' | 'listProjects' | 'findProjects' | 'other';

export type Operation = GlanceOperation | KeystoneOperation;

export abstract class OpenStackError extends Error {
  constructor(
    readonly explanation: string,
    detail: string | undefined,
  ) {
    super(detail ? `${explanation} (${detail})` : explanation);
    this.name = new.target.name;
  }
}

/** The server answered with an error status. */
export class HttpError extends OpenStackError {
  constructor(
    readonly service: ServiceName,
    readonly operation: Operation,
    readonly method: string,
    /** Path and query only; never a full URL with credentials. */
    readonly path: string,
    readonly status: number,
    /** The server's own message, cleaned of Glance's HTML residue. */
    readonly serverMessage: string,
    explanation: string,
  ) {
    super(explanation, `${serviceTitle(service)} answered ${status} to ${method} ${path}${serverMessage ? `: ${serverMessage}` : ''}`);
  }
}

/** No usable answer: refused, reset, timed out, DNS, TLS. */
export class NetworkError extends OpenStackError {
  constructor(
    readonly service: ServiceName,
    readonly method: string,
    readonly url: string,
    /** Node's error code, e.g. ECONNREFUSED, ETIMEDOUT, SELF_SIGNED_CERT_IN_CHAIN. */
    readonly code: string,
    explanation: string,
  ) {
    super(explanation, `${method} ${url}: ${code}`);
  }
}

/** The server answered 2xx but with something that is not the JSON we asked for. */
export class ResponseFormatError extends OpenStackError {
  constructor(
    readonly service: ServiceName,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(l10n.t('{0} sent a response glance-share cannot read.', serviceTitle(service)), `${method} ${path}: ${detail}`);
  }
}

/** clouds.yaml, secure.yaml or OS_* variables are malformed or incomplete. */
export class ConfigError extends OpenStackError {
  constructor(
    /** What is wrong and what to write instead. */
    explanation: string,
    readonly file: string | undefined,
    readonly cloud: string | undefined,
    readonly key: string | undefined,
  ) {
    super(explanation, undefined);
  }
}

/** A request the caller asked for cannot be made with this credential (e.g. rescoping an app credential). */
export class UnsupportedError extends OpenStackError {
  constructor(explanation: string) {
    super(explanation, undefined);
  }
}

/** What was thrown, as an Error: a `throw "text"` or a rejected non-Error becomes one with that text. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function serviceTitle(service: ServiceName): string {
  return service === 'glance' ? 'Glance' : 'Keystone';
}

/** Glance's messages end in "<br /><br />\n\n\n" and may carry HTML entities; make them plain text. */
export function cleanServerMessage(raw: string): string {
  return raw
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Find the server's message in an error body: Glance's {"message"}, Keystone's {"error":{"message"}},
 * or, when a proxy or an old Glance ignored our Accept header, an HTML page.
 */
export function extractServerMessage(body: string): string {
  const text = body.trim();
  if (!text) {
    return '';
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      if (typeof record.message === 'string') {
        return cleanServerMessage(record.message);
      }
      const inner = record.error;
      if (inner && typeof inner === 'object' && typeof (inner as Record<string, unknown>).message === 'string') {
        return cleanServerMessage((inner as Record<string, string>).message);
      }
    }
  } catch {
    // not JSON: fall through to the HTML/text handling
  }
  const withoutTitle = text.replace(/<title>[\s\S]*?<\/title>/i, '').replace(/<h1>[\s\S]*?<\/h1>/i, '');
  return cleanServerMessage(withoutTitle).slice(0, 500);
}

export interface ExplainContext {
  readonly service: ServiceName;
  readonly operation: Operation;
  readonly status: number;
  readonly serverMessage: string;
  /** For setVisibility: the visibility asked for. */
  readonly targetVisibility?: string;
}

/** The plain explanation of a known error case; a generic one for the rest. */
export function explainHttpError(ctx: ExplainContext): string {
  const { service, operation, status, serverMessage } = ctx;
  if (status === 401) {
    return operation === 'authenticate'
      ? l10n.t('Keystone refused the credentials: check the user, password or application credential, the domains, and that the user has a role on the project.')
      : l10n.t('The credentials were refused (expired or invalid) even after signing in again. Check the credentials of this cloud.');
  }
  if (service === 'glance') {
    const specific = explainGlance(operation as GlanceOperation, status, serverMessage, ctx.targetVisibility);
    if (specific) {
      return specific;
    }
  }
  if (status >= 500) {
    return l10n.t(
      "{0} had a server error (HTTP {1}). Nothing was changed by this request; try again, and if it persists ask the cloud's operators.",
      serviceTitle(service),
      status,
    );
  }
  if (status === 403) {
    return l10n.t('{0} does not allow this for the current project.', serviceTitle(service));
  }
  if (status === 404) {
    return l10n.t('{0} did not find what was asked for, or this project cannot see it.', serviceTitle(service));
  }
  return l10n.t('{0} refused the request (HTTP {1}).', serviceTitle(service), status);
}

function explainGlance(operation: GlanceOperation, status: number, serverMessage: string, targetVisibility: string | undefined): string | undefined {
  switch (status) {
    case 400:
      if (operation === 'updateMember') {
        return l10n.t('A member status must be pending, accepted or rejected.');
      }
      if (operation === 'listImages' && /no image found/i.test(serverMessage)) {
        // The paging marker (the last image of the previous page) was deleted meanwhile.
        return l10n.t('Images were deleted while this list was being read, several times in a row: refresh to read it again.');
      }
      if (operation === 'listImages') {
        return l10n.t('Glance rejected a filter of the image list: {0}.', (serverMessage || l10n.t('invalid value')).replace(/\.$/, ''));
      }
      if (operation === 'addMember') {
        return l10n.t('Glance rejected the member: a project ID is required.');
      }
      if (operation === 'setVisibility') {
        return l10n.t('Visibility must be private, shared, community or public.');
      }
      return undefined;
    case 403:
      switch (operation) {
        case 'listMembers':
        case 'getMember':
          return l10n.t('Only shared images have members: set the visibility to shared to manage who can use it.');
        case 'addMember':
          return /only shared/i.test(serverMessage)
            ? l10n.t('Only shared images have members: set the visibility to shared first.')
            : l10n.t('Only the owner project can add members, and only to an image whose visibility is shared.');
        case 'removeMember':
          return l10n.t('Only the owner project can remove a member. A member leaves a share by rejecting it.');
        case 'updateMember':
          return l10n.t('Only the member project itself can accept, reject or reset a share; the owner cannot change a member\u2019s status.');
        case 'setHidden':
          return l10n.t('Only the owner project can hide an image or show it again.');
        case 'setVisibility':
          if (targetVisibility === 'public' || /publicize/i.test(serverMessage)) {
            return l10n.t('Only a cloud administrator can make an image public.');
          }
          return l10n.t('Only the owner project can change the visibility of an image.');
        default:
          return undefined;
      }
    case 404:
      if (/member list/i.test(serverMessage) || operation === 'getMember' || operation === 'updateMember' || operation === 'removeMember') {
        return /member list/i.test(serverMessage)
          ? l10n.t('That project is not a member of this image.')
          : l10n.t('The image or the membership was not found, or this project cannot see it.');
      }
      return l10n.t('The image was not found, or this project cannot see it (Glance answers the same for both).');
    case 409:
      return operation === 'addMember' ? l10n.t('That project is already a member of this image.') : undefined;
    case 413:
      return operation === 'addMember' ? l10n.t('This image has reached Glance\u2019s member limit (128 by default): remove a member before adding another.') : undefined;
    default:
      return undefined;
  }
}

/** Node/axios error codes in words. */
/** The NetworkError code of a request whose transport was disposed (its connection was replaced or closed). */
export const TRANSPORT_CLOSED = 'ERR_TRANSPORT_CLOSED';

export function explainNetworkError(service: ServiceName, code: string, host: string): string {
  const name = serviceTitle(service);
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('{0} at {1} refused the connection: is the service running and the URL right?', name, host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('The host of {0} ({1}) could not be resolved: check the URL and the network.', name, host);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_SOCKET_CLOSED':
      return l10n.t('{0} at {1} closed the connection before answering. Try again.', name, host);
    case TRANSPORT_CLOSED:
      return l10n.t('The request to {0} was cancelled because its connection was closed (the cloud was refreshed, switched or signed out). Try again.', name);
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ESOCKETTIMEDOUT':
      return l10n.t('{0} at {1} did not answer in time.', name, host);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return l10n.t('The TLS certificate of {0} at {1} is not trusted: set "cacert" in clouds.yaml (or OS_CACERT) to your cloud\'s CA bundle.', name, host);
    case 'CERT_HAS_EXPIRED':
      return l10n.t('The TLS certificate of {0} at {1} has expired.', name, host);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t('The TLS certificate of {0} does not match the host name {1}: check the URL.', name, host);
    default:
      return l10n.t('Could not reach {0} at {1} ({2}).', name, host, code);
  }
}
