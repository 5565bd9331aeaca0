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

export type CloudSource =
  | { readonly kind: 'file'; readonly path: string; readonly securePath?: string }
  | { readonly kind: 'env' }
  | { readonly kind: 'user' };

export interface CloudConfig {
  readonly name: string;
  readonly source: CloudSource;
  readonly auth: AuthSettings;
  readonly regionName?: string;
  readonly interface: EndpointInterface;
  /** false only when the config says `verify: false` or `insecure: true`. */
  readonly verify: boolean;
  /** Path of a CA bundle that replaces the system's trust store for this cloud. */
  readonly cacert?: string;
  /** Use this Glance URL instead of the catalog's (openstacksdk's `image_endpoint_override`). */
  readonly imageEndpointOverride?: string;
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
  applicationcredential: 'applicationCredential',
  token: 'token',
  v3token: 'token',
};

const INTERFACES: readonly EndpointInterface[] = ['public', 'internal', 'admin'];

/**
 * Turn one cloud's raw mapping (keys as in clouds.yaml) into a CloudConfig, or explain
 * precisely which key is wrong, where, and what to write.
 */
export function normaliseCloud(raw: Raw, origin: ConfigOrigin, source: CloudSource): CloudConfig {
  const fail = (key: string, problem: string, fix: string): never => {
    const where = origin.file ? `${origin.file}, cloud "${origin.cloud}"` : `cloud "${origin.cloud}"`;
    throw new ConfigError(`${where}: ${origin.keyPath(key)} ${problem}. ${fix}`, origin.file, origin.cloud, key);
  };
  const authRaw = raw.auth ?? {};
  if (!isRecord(authRaw)) {
    return fail('auth', 'must be a mapping of keys such as auth_url, username, password', 'Indent the keys under auth:.');
  }
  const str = (record: Raw, key: string, recordName: string): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null || value === '') {
      return undefined;
    }
    if (typeof value === 'string') {
      return value.trim();
    }
    if (typeof value === 'number') {
      return String(value);
    }
    return fail(recordName ? `${recordName}.${key}` : key, 'must be a string', `Write it as ${key}: "value".`);
  };
  const auth = (key: string): string | undefined => str(authRaw, key, 'auth');
  const top = (key: string): string | undefined => str(raw, key, '');

  const authTypeName = (top('auth_type') ?? 'password').toLowerCase();
  const authType = AUTH_TYPES[authTypeName];
  if (!authType) {
    return fail(
      'auth_type',
      `is "${authTypeName}", which glance-share does not support`,
      'Use password, v3password, v3applicationcredential, token or v3token.',
    );
  }

  const authUrl = auth('auth_url');
  if (!authUrl) {
    return fail('auth.auth_url', 'is missing', 'Write the Keystone URL, for example auth_url: https://keystone.example.com:5000/v3.');
  }
  if (!/^https?:\/\/[^\s/]+/i.test(authUrl)) {
    return fail('auth.auth_url', `is "${authUrl}", which is not an http(s) URL`, 'Write it as https://host:5000/v3.');
  }

  // openstacksdk lets domain_id/domain_name stand for both the user's and the project's domain;
  // the openstack CLI falls back to the "default" domain.
  const sharedDomain = domainRef(auth('domain_id'), auth('domain_name')) ?? domainRef(auth('default_domain_id'), auth('default_domain_name'));
  const fallbackDomain: DomainRef = sharedDomain ?? { id: 'default' };
  const userDomain = domainRef(auth('user_domain_id'), auth('user_domain_name')) ?? fallbackDomain;
  const projectDomain = domainRef(auth('project_domain_id'), auth('project_domain_name')) ?? fallbackDomain;
  const projectId = auth('project_id') ?? auth('tenant_id');
  const projectName = auth('project_name') ?? auth('tenant_name');
  const project: ProjectRef | undefined =
    projectId || projectName ? { id: projectId, name: projectId ? undefined : projectName, domain: projectId ? undefined : projectDomain } : undefined;

  let settings: AuthSettings;
  switch (authType) {
    case 'password': {
      const userId = auth('user_id');
      const username = auth('username') ?? auth('user_name');
      if (!userId && !username) {
        return fail('auth.username', 'is missing', 'Write username: <your user> (or user_id: <id>) under auth.');
      }
      settings = {
        type: 'password',
        authUrl,
        userId,
        username: userId ? undefined : username,
        userDomain: userId ? undefined : userDomain,
        password: auth('password'),
        project,
      };
      break;
    }
    case 'applicationCredential': {
      const id = auth('application_credential_id');
      const name = auth('application_credential_name');
      const secret = auth('application_credential_secret');
      if (!id && !name) {
        return fail(
          'auth.application_credential_id',
          'is missing',
          'Write application_credential_id: <id> (or application_credential_name with username) under auth.',
        );
      }
      const userId = auth('user_id');
      const username = auth('username') ?? auth('user_name');
      if (!id && !userId && !username) {
        return fail(
          'auth.username',
          'is missing: an application credential given by name needs its user',
          'Write username: <user> (or use application_credential_id instead).',
        );
      }
      if (project) {
        return fail(
          'auth.project_name',
          'cannot be used with an application credential (Keystone refuses a scope for it)',
          'Remove project_name/project_id: the credential is already bound to its project.',
        );
      }
      settings = {
        type: 'applicationCredential',
        authUrl,
        id,
        name: id ? undefined : name,
        userId: id ? undefined : userId,
        username: id || userId ? undefined : username,
        userDomain: id || userId ? undefined : userDomain,
        secret,
      };
      break;
    }
    case 'token': {
      settings = { type: 'token', authUrl, token: auth('token'), project };
      break;
    }
  }

  let regionName = top('region_name');
  const regions = raw.regions;
  if (!regionName && Array.isArray(regions) && regions.length > 0) {
    const first: unknown = regions[0];
    regionName = typeof first === 'string' ? first : isRecord(first) && typeof first.name === 'string' ? first.name : undefined;
  }

  const interfaceRaw = (top('interface') ?? top('endpoint_type') ?? 'public').toLowerCase().replace(/url$/, '');
  if (!(INTERFACES as readonly string[]).includes(interfaceRaw)) {
    return fail('interface', `is "${interfaceRaw}"`, 'Use public, internal or admin.');
  }

  const verify = boolish(raw.verify, 'verify', fail);
  const insecure = boolish(raw.insecure, 'insecure', fail);
  const cacert = top('cacert');

  const imageEndpointOverride = top('image_endpoint_override');
  if (imageEndpointOverride && !/^https?:\/\//i.test(imageEndpointOverride)) {
    return fail('image_endpoint_override', `is "${imageEndpointOverride}", which is not an http(s) URL`, 'Write the Glance URL, for example https://glance.example.com:9292.');
  }

  return {
    name: origin.cloud,
    source,
    auth: settings,
    regionName,
    interface: interfaceRaw as EndpointInterface,
    verify: insecure === true ? false : verify !== false,
    cacert,
    imageEndpointOverride: imageEndpointOverride?.replace(/\/+$/, ''),
  };
}

function domainRef(id: string | undefined, name: string | undefined): DomainRef | undefined {
  if (id) {
    return { id };
  }
  return name ? { name } : undefined;
}

function boolish(value: unknown, key: string, fail: (key: string, problem: string, fix: string) => never): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(lower)) {
      return true;
    }
    if (['false', 'no', '0', 'off'].includes(lower)) {
      return false;
    }
  }
  return fail(key, `is ${JSON.stringify(value)}, not true or false`, `Write ${key}: true or ${key}: false.`);
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
