import * as l10n from '@vscode/l10n';
import type { EndpointInterface } from './models';
import { ConfigError } from './errors';

/** How a cloud authenticates, normalised from clouds.yaml, secure.yaml or OS_* variables. */
export type AuthSettings = PasswordAuth | ApplicationCredentialAuth | TokenAuth;

/** A domain given by name or by ID (Keystone accepts either). */
export interface DomainRef {
  readonly id?: string;
  readonly name?: string;
}

/** A project given by ID, or by name within a domain. */
export interface ProjectRef {
  readonly id?: string;
  readonly name?: string;
  readonly domain?: DomainRef;
}

export interface PasswordAuth {
  readonly type: 'password';
  readonly authUrl: string;
  readonly userId?: string;
  readonly username?: string;
  readonly userDomain?: DomainRef;
  /** Absent when the password is to be asked for (and kept in SecretStorage by the extension). */
  readonly password?: string;
  /** Absent: an unscoped token, then a project is chosen from GET /v3/auth/projects. */
  readonly project?: ProjectRef;
}

export interface ApplicationCredentialAuth {
  readonly type: 'applicationCredential';
  readonly authUrl: string;
  readonly id?: string;
  readonly name?: string;
  /** With a name, Keystone needs the owning user. */
  readonly userId?: string;
  readonly username?: string;
  readonly userDomain?: DomainRef;
  readonly secret?: string;
}

export interface TokenAuth {
  readonly type: 'token';
  readonly authUrl: string;
  readonly token?: string;
  readonly project?: ProjectRef;
}

export type CloudSource = { readonly kind: 'file'; readonly path: string; readonly securePath?: string } | { readonly kind: 'env' } | { readonly kind: 'user' };

/**
 * One cloud in one region, resolved as `openstack --os-cloud <name> --os-region-name <region>`
 * would resolve it (see cloudResolve.ts and docs/config-parity.md).
 */
export interface CloudConfig {
  readonly name: string;
  readonly source: CloudSource;
  readonly auth: AuthSettings;
  /** The region of this resolution; absent when the cloud names none (the catalog's first is used). */
  readonly regionName?: string;
  /** Every region the cloud is known to have (regions:, region_name: A,B, its profile's), in order; [] when none. */
  readonly regions: readonly string[];
  readonly interface: EndpointInterface;
  /** false only when the config says `verify: false` or `insecure: true` (the real boolean or the string "true"). */
  readonly verify: boolean;
  /** Path of a CA bundle that replaces the system's trust store for this cloud (`~` expanded). */
  readonly cacert?: string;
  /** Client certificate and its key for mutual TLS (PEM paths, `~` expanded); the key may be inside cert. */
  readonly cert?: string;
  readonly key?: string;
  /** Use this Glance URL instead of the catalog's (openstacksdk's `image_endpoint_override`), without /v2. */
  readonly imageEndpointOverride?: string;
  /** `image_interface` / `image_region_name`: the catalog entry for Glance, when not the cloud's own. */
  readonly imageInterface?: EndpointInterface;
  readonly imageRegionName?: string;
}

/** Where a cloud's keys came from, so errors can name the file and the cloud. */
export interface ConfigOrigin {
  readonly file?: string;
  readonly cloud: string;
  /** How the user writes a key there: `clouds.prod.auth.auth_url` for YAML, `OS_AUTH_URL` for env. */
  readonly keyPath: (key: string) => string;
}

type Raw = Record<string, unknown>;

const AUTH_TYPES: Readonly<Record<string, AuthSettings['type']>> = {
  password: 'password',
  v3password: 'password',
  v3applicationcredential: 'applicationCredential',
  token: 'token',
  v3token: 'token',
};

/** What to write instead of an auth type glance-share cannot sign in with. */
function unsupportedAuthType(name: string): string {
  if (name.startsWith('v2')) {
    return l10n.t('Keystone v2 is gone (removed in OpenStack Queens): use auth_type: v3password with the /v3 auth_url.');
  }
  if (name === 'applicationcredential') {
    return l10n.t('Write auth_type: v3applicationcredential.');
  }
  return l10n.t(
    'glance-share signs in with password, v3password, v3applicationcredential, token or v3token. For single sign-on (OIDC, SAML, TOTP), create an application credential (openstack application credential create glance-share) and use auth_type: v3applicationcredential.',
  );
}

const INTERFACES: readonly EndpointInterface[] = ['public', 'internal', 'admin'];

/** Strings the CLI would take as a CA bundle path although the user meant a boolean. */
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', '0', '1']);

export interface NormaliseOptions {
  /** The region of this resolution ('' when none) and every region of the cloud. */
  readonly region?: string;
  readonly regions?: readonly string[];
  /** For `~` in cacert, cert and key. */
  readonly home?: string;
}

/**
 * Turn one cloud's resolved mapping (cloudResolve.ts: keys as in clouds.yaml, auth keys under auth)
 * into a CloudConfig, or explain precisely which key is wrong, where, and what to write.
 */
export function normaliseCloud(raw: Raw, origin: ConfigOrigin, source: CloudSource, options: NormaliseOptions = {}): CloudConfig {
  // `sentence` gets the key as clouds.yaml spells it (origin.keyPath) and says what is wrong and what to write, whole.
  const fail = (key: string, sentence: (path: string) => string): never => {
    const where = origin.file ? l10n.t('{0}, cloud "{1}"', origin.file, origin.cloud) : l10n.t('cloud "{0}"', origin.cloud);
    throw new ConfigError(`${where}: ${sentence(origin.keyPath(key))}`, origin.file, origin.cloud, key);
  };
  const authRaw = raw.auth ?? {};
  if (!isRecord(authRaw)) {
    return fail('auth', (path) => l10n.t('{0} must be a mapping of keys such as auth_url, username, password. Indent the keys under auth:.', path));
  }
  const str = (record: Raw, key: string, recordName: string): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    if (typeof value === 'string') {
      return value.trim();
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      return String(value);
    }
    return fail(recordName ? `${recordName}.${key}` : key, (path) => l10n.t('{0} must be a string. Write it as {1}: "value".', path, key));
  };
  const auth = (key: string): string | undefined => str(authRaw, key, 'auth');
  const top = (key: string): string | undefined => str(raw, key, '');
  const expandHome = (file: string | undefined): string | undefined => (file && options.home ? file.replace(/^~(?=$|\/)/, options.home) : file);

  const authTypeName = (top('auth_type') ?? 'password').toLowerCase();
  const authType = AUTH_TYPES[authTypeName];
  if (!authType) {
    return fail('auth_type', (path) => l10n.t('{0} is "{1}", which glance-share does not support. {2}', path, authTypeName, unsupportedAuthType(authTypeName)));
  }

  const authUrl = auth('auth_url');
  if (!authUrl) {
    return fail('auth.auth_url', (path) =>
      l10n.t('{0} is missing. Write the Keystone URL, for example auth_url: https://keystone.example.com:5000/v3, or profile: <vendor>.', path),
    );
  }
  if (!/^https?:\/\/[^\s/]+/i.test(authUrl)) {
    return fail('auth.auth_url', (path) => l10n.t('{0} is "{1}", which is not an http(s) URL. Write it as https://host:5000/v3.', path, authUrl));
  }
  if (/\/v2\.0\/*$/.test(authUrl)) {
    return fail('auth.auth_url', (path) =>
      l10n.t('{0} is "{1}", a Keystone v2.0 URL: Keystone v2 is gone (removed in OpenStack Queens). Write the same URL ending in /v3.', path, authUrl),
    );
  }
  if (auth('system_scope')) {
    return fail('auth.system_scope', (path) =>
      l10n.t(
        '{0} is "{1}": a system-scoped token sees no project\'s images, and glance-share works in projects. Remove system_scope and write project_name (or project_id) instead.',
        path,
        auth('system_scope') ?? '',
      ),
    );
  }
  if (auth('trust_id')) {
    return fail('auth.trust_id', (path) =>
      l10n.t('{0} is set: glance-share does not sign in with trusts. Remove trust_id and scope to a project with project_name or project_id.', path),
    );
  }

  // After cloudResolve, domain_id/domain_name are left only without a project (a domain scope for
  // the CLI); glance-share takes them as the user's domain and then asks for a project.
  const sharedDomain = domainRef(auth('domain_id'), auth('domain_name')) ?? domainRef(auth('default_domain_id'), auth('default_domain_name'));
  // The CLI leaves the domains unset unless identity_api_version is 3; Keystone then refuses a
  // name without a domain, so glance-share falls back to OS_DEFAULT_DOMAIN, else the "default"
  // domain, as osc-lib does with identity_api_version 3 (docs/config-parity.md).
  const fallbackDomain: DomainRef = sharedDomain ?? { id: top('default_domain') ?? 'default' };
  const userDomain = domainRef(auth('user_domain_id'), auth('user_domain_name')) ?? fallbackDomain;
  const projectDomain = domainRef(auth('project_domain_id'), auth('project_domain_name')) ?? fallbackDomain;
  const projectId = auth('project_id');
  const projectName = auth('project_name');
  const project: ProjectRef | undefined =
    projectId || projectName ? { id: projectId, name: projectId ? undefined : projectName, domain: projectId ? undefined : projectDomain } : undefined;

  // Keystone takes a user by ID, or by name within its domain: never both.
  const user = (): Pick<PasswordAuth, 'userId' | 'username' | 'userDomain'> => {
    const userId = auth('user_id');
    const username = auth('username');
    return { userId, username: userId ? undefined : username, userDomain: userId ? undefined : userDomain };
  };

  let settings: AuthSettings;
  switch (authType) {
    case 'password': {
      const named = user();
      if (!named.userId && !named.username) {
        return fail('auth.username', (path) => l10n.t('{0} is missing. Write username: <your user> (or user_id: <id>) under auth.', path));
      }
      settings = { type: 'password', authUrl, ...named, password: auth('password'), project };
      break;
    }
    case 'applicationCredential': {
      const id = auth('application_credential_id');
      const name = auth('application_credential_name');
      const secret = auth('application_credential_secret');
      if (!id && !name) {
        return fail('auth.application_credential_id', (path) =>
          l10n.t('{0} is missing. Write application_credential_id: <id> (or application_credential_name with username) under auth.', path),
        );
      }
      const named = user();
      if (!id && !named.userId && !named.username) {
        return fail('auth.username', (path) =>
          l10n.t('{0} is missing: an application credential given by name needs its user. Write username: <user> (or use application_credential_id instead).', path),
        );
      }
      if (project) {
        return fail('auth.project_name', (path) =>
          l10n.t(
            '{0} cannot be used with an application credential (Keystone refuses a scope for it). Remove project_name/project_id: the credential is already bound to its project.',
            path,
          ),
        );
      }
      // By ID the credential names its user itself.
      const owner = id ? { userId: undefined, username: undefined, userDomain: undefined } : named;
      settings = { type: 'applicationCredential', authUrl, id, name: id ? undefined : name, ...owner, secret };
      break;
    }
    case 'token': {
      settings = { type: 'token', authUrl, token: auth('token'), project };
      break;
    }
  }

  const iface = (key: string): EndpointInterface | undefined => {
    const value = top(key)?.toLowerCase().replace(/url$/, '');
    if (value !== undefined && !(INTERFACES as readonly string[]).includes(value)) {
      return fail(key, (path) => l10n.t('{0} is "{1}". Use public, internal or admin.', path, value));
    }
    return value as EndpointInterface | undefined;
  };

  // openstacksdk reads insecure as a boolean (only true or "true" count) and hands verify to
  // requests as it is: a string there is a CA bundle path, so verification is never off by a string.
  const verify = raw.insecure !== true && raw.verify !== false;
  let cacert = top('cacert');
  if (typeof raw.verify === 'string' && raw.insecure !== true) {
    if (BOOLEAN_WORDS.has(raw.verify.trim().toLowerCase())) {
      return fail('verify', (path) =>
        l10n.t('{0} is the string "{1}", which the openstack CLI takes as a CA bundle path. Write verify: false (or true) without quotes.', path, String(raw.verify)),
      );
    }
    cacert = cacert ?? raw.verify;
  }
  if (raw.verify !== undefined && raw.verify !== null && typeof raw.verify !== 'boolean' && typeof raw.verify !== 'string') {
    return fail('verify', (path) => l10n.t('{0} is {1}, not true or false. Write verify: true or verify: false.', path, JSON.stringify(raw.verify)));
  }

  const imageEndpointOverride = top('image_endpoint_override');
  if (imageEndpointOverride && !/^https?:\/\//i.test(imageEndpointOverride)) {
    return fail('image_endpoint_override', (path) =>
      l10n.t('{0} is "{1}", which is not an http(s) URL. Write the Glance URL, for example https://glance.example.com:9292.', path, imageEndpointOverride),
    );
  }

  const region = options.region ?? top('region_name') ?? '';
  return {
    name: origin.cloud,
    source,
    auth: settings,
    regionName: region || undefined,
    regions: options.regions ?? (region ? [region] : []),
    interface: iface('interface') ?? 'public',
    verify,
    cacert: expandHome(cacert),
    cert: expandHome(top('cert')),
    key: expandHome(top('key')),
    imageEndpointOverride: imageEndpointOverride ? glanceBase(imageEndpointOverride) : undefined,
    imageInterface: iface('image_interface'),
    imageRegionName: top('image_region_name'),
  };
}

/** A Glance URL without trailing slashes or a /v2, /v2.x suffix: the client adds /v2 itself. */
export function glanceBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v2(\.\d+)?$/, '');
}

function domainRef(id: string | undefined, name: string | undefined): DomainRef | undefined {
  if (id) {
    return { id };
  }
  return name ? { name } : undefined;
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
