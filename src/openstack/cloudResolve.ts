/**
 * One cloud's raw settings (clouds.yaml + secure.yaml, or OS_* variables) resolved for one region
 * exactly as the openstack CLI resolves them: openstacksdk 0.101.0's OpenStackConfig.get_one()
 * (openstack/config/loader.py) with osc-lib's OSC_Config hooks. Each step names the function of
 * loader.py it follows, so a difference can be checked against the source. Where glance-share is
 * deliberately stricter or kinder, docs/config-parity.md says so and why.
 *
 * The result is still a raw mapping (keys as in clouds.yaml, auth keys under `auth`);
 * cloudConfig.ts turns it into a typed CloudConfig.
 */
import * as l10n from '@vscode/l10n';
import { isRecord } from './cloudConfig';
import { VENDOR_FILES } from './vendors';

type Raw = Record<string, unknown>;

/** A resolution problem: which key (as written in clouds.yaml) and what to do. */
export class ResolveProblem extends Error {
  /**
   * `sentence` gets the key as the reader spells it (configFiles.ts: `regions[1].values.auth_url`)
   * and says, whole, what is wrong with it and what to write: a translation orders it its own way.
   */
  constructor(
    readonly key: string,
    readonly sentence: (path: string) => string,
  ) {
    super(sentence(key));
  }
}

export interface RegionEntry {
  readonly name: string;
  /** Settings that override the cloud's in this region (auth merged key by key). */
  readonly values: Raw;
}

export interface ResolveContext {
  /** `public-clouds` of clouds-public.yaml: profiles that win over the bundled vendor data. */
  readonly publicClouds: Raw;
  /** The name of the OS_* cloud ("envvars" or OS_CLOUD_NAME): never a profile name. */
  readonly envvarKey: string;
  /** Remote profiles (`profile: https://…`), fetched before this load (src/openstack/remoteProfiles.ts), by URL as written. */
  readonly remoteProfiles?: ReadonlyMap<string, RemoteProfile>;
  /** Remote profiles this load needed and did not have: fetched, then the load runs again. */
  readonly wantedProfiles?: Set<string>;
}

/** What `/.well-known/openstack/api` gave: the document's `name` and `profile`, or why there is none. */
export type RemoteProfile = { readonly kind: 'fetched'; readonly name: string; readonly profile: Raw } | { readonly kind: 'failed'; readonly reason: string };

/**
 * vendors.get_profile's test for a remote profile: urlparse finds a network location ("https://host").
 * The document is at `{scheme}://{netloc}/.well-known/openstack/api`; undefined when the name is no URL.
 */
export function wellKnownProfileUrl(name: string): string | undefined {
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)/i.exec(name);
  return parts ? `${parts[1]}://${parts[2]}/.well-known/openstack/api` : undefined;
}

/**
 * A remote profile as get_profile returns it: the fetched profile, with the bundled profile of the
 * same name (the document's `name`) merged over it, and no `profile` key left.
 */
function remoteProfile(url: string, ctx: ResolveContext, who: string): Raw | ResolveProblem {
  const remote = ctx.remoteProfiles?.get(url);
  if (!remote) {
    ctx.wantedProfiles?.add(url);
    return new ResolveProblem('profile', (path) =>
      l10n.t(
        '{0} is "{1}", a remote profile ({2}) that has not been fetched. Write auth_url (and region_name) in the cloud instead.',
        path,
        who,
        String(wellKnownProfileUrl(url)),
      ),
    );
  }
  if (remote.kind === 'failed') {
    return new ResolveProblem('profile', (path) =>
      l10n.t('{0} is "{1}", a remote profile that could not be fetched from {2}: {3}.', path, who, String(wellKnownProfileUrl(url)), remote.reason),
    );
  }
  const named = VENDOR_FILES.find((v) => v.name === remote.name)?.profile;
  const merged = mergeProfiles(structuredClone(remote.profile), named ? (structuredClone(named) as Raw) : {});
  delete merged.profile;
  return merged;
}

/** openstacksdk's `_util.merge_clouds`: dict.update, nested dicts merged key by key. */
function mergeProfiles(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isRecord(value) && isRecord(out[key]) ? mergeProfiles(out[key] as Raw, value as Raw) : value;
  return out;
}

/** openstacksdk's defaults.json, as far as the keys glance-share reads are concerned. */
const DEFAULTS: Raw = { interface: 'public', verify: true };

/**
 * The keystoneauth plugin options of each auth type glance-share supports (`loader.get_options()`):
 * a key under `auth` that is not one of these is refused by keystoneauth, so by glance-share too.
 */
const COMMON_OPTIONS = ['auth_url', 'system_scope', 'domain_id', 'domain_name', 'project_id', 'project_name', 'project_domain_id', 'project_domain_name', 'trust_id'];
const USER_OPTIONS = ['user_id', 'username', 'user_domain_id', 'user_domain_name'];
const DEFAULT_DOMAIN_OPTIONS = ['default_domain_id', 'default_domain_name'];
export const PLUGIN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  password: [...COMMON_OPTIONS, ...DEFAULT_DOMAIN_OPTIONS, ...USER_OPTIONS, 'password'],
  v3password: [...COMMON_OPTIONS, ...USER_OPTIONS, 'password'],
  v3applicationcredential: [...COMMON_OPTIONS, ...USER_OPTIONS, 'application_credential_secret', 'application_credential_id', 'application_credential_name'],
  token: [...COMMON_OPTIONS, ...DEFAULT_DOMAIN_OPTIONS, 'token'],
  v3token: [...COMMON_OPTIONS, 'token'],
};
/** Deprecated option names keystoneauth still accepts, per auth type: old name → current name. */
const DEPRECATED_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  password: { tenant_id: 'project_id', tenant_name: 'project_name', user_name: 'username' },
  v3password: { user_name: 'username' },
  v3applicationcredential: { user_name: 'username' },
  token: { tenant_id: 'project_id', tenant_name: 'project_name' },
  v3token: {},
};

/** `_auth_update`: like Object.assign, except that `auth` is merged key by key. */
export function authUpdate(target: Raw, source: Raw): Raw {
  for (const [key, value] of Object.entries(structuredClone(source))) {
    if (key === 'auth' && isRecord(value)) {
      target.auth = { ...(isRecord(target.auth) ? target.auth : {}), ...value };
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * `vendors.get_profile` + the nesting and status handling of `_expand_vendor_profile`. A profile
 * glance-share cannot resolve is, as for the CLI, only a warning while the cloud has its own
 * auth_url; without one, this problem (not "auth_url is missing") is what the user is told.
 */
function vendorProfile(name: string, ctx: ResolveContext): Raw | ResolveProblem {
  const publicProfile = ctx.publicClouds[name];
  if (isRecord(publicProfile)) {
    return structuredClone(publicProfile);
  }
  const bundled = VENDOR_FILES.find((v) => v.name === name)?.profile;
  if (!bundled) {
    if (wellKnownProfileUrl(name)) return withStatus(name, remoteProfile(name, ctx, name));
    const known = VENDOR_FILES.map((v) => v.name).join(', ');
    return new ResolveProblem('profile', (path) =>
      l10n.t(
        '{0} is "{1}", a vendor profile glance-share does not know (it knows {2}, and those of clouds-public.yaml). Check the spelling, or write auth_url in the cloud instead.',
        path,
        name,
        known,
      ),
    );
  }
  let profile: Raw = structuredClone(bundled);
  const nested = profile.profile;
  delete profile.profile;
  if (typeof nested === 'string') {
    const nestedData = VENDOR_FILES.find((v) => v.name === nested)?.profile;
    if (nestedData) {
      profile = structuredClone(nestedData) as Raw;
    } else if (wellKnownProfileUrl(nested)) {
      // vexxhost's bundled profile is only a pointer to its own well-known document.
      const remote = remoteProfile(nested, ctx, name);
      if (remote instanceof ResolveProblem) return remote;
      profile = remote;
    }
  }
  return withStatus(name, profile);
}

/** A profile's `status`: "shutdown" is an error, as in `_expand_vendor_profile`. */
function withStatus(name: string, found: Raw | ResolveProblem): Raw | ResolveProblem {
  if (found instanceof ResolveProblem) return found;
  const profile = found;
  const status = profile.status ?? 'active';
  const message = typeof profile.message === 'string' ? profile.message : '';
  delete profile.status;
  delete profile.message;
  if (status === 'shutdown') {
    throw new ResolveProblem('profile', (path) =>
      message ? l10n.t('{0} is "{1}", a cloud that no longer exists: {2}.', path, name, message) : l10n.t('{0} is "{1}", a cloud that no longer exists.', path, name),
    );
  }
  return profile;
}

function profileOf(our: Raw, ctx: ResolveContext): Raw | ResolveProblem | undefined {
  const name = our.profile ?? our.cloud;
  if (typeof name !== 'string' || !name || name === ctx.envvarKey) {
    return undefined;
  }
  return vendorProfile(name, ctx);
}

/** `_get_base_cloud_config`: defaults, then the vendor profile, then the cloud's own keys. */
function baseConfig(our: Raw, ctx: ResolveContext): { cloud: Raw; unresolved?: ResolveProblem } {
  const cloud: Raw = structuredClone(DEFAULTS);
  const profile = profileOf(our, ctx);
  if (profile && !(profile instanceof ResolveProblem)) {
    authUpdate(cloud, profile);
  }
  if (!isRecord(cloud.auth)) {
    cloud.auth = {};
  }
  authUpdate(cloud, our);
  delete cloud.cloud;
  return { cloud, unresolved: profile instanceof ResolveProblem ? profile : undefined };
}

/** `_expand_regions`: strings, or {name, values} mappings and nothing else. */
function expandRegions(regions: unknown[]): RegionEntry[] {
  return regions.map((region) => {
    if (isRecord(region)) {
      const extra = Object.keys(region).filter((k) => k !== 'name' && k !== 'values');
      if (typeof region.name !== 'string' && typeof region.name !== 'number') {
        throw new ResolveProblem('regions', (path) =>
          l10n.t('{0} has an entry without a name ({1}). Write - name: RegionOne, optionally with values: {...}.', path, JSON.stringify(region)),
        );
      }
      if (extra.length > 0) {
        throw new ResolveProblem('regions', (path) =>
          l10n.t('{0} entry "{1}" has {2} beside name and values. Put those settings under values:.', path, String(region.name), extra.join(', ')),
        );
      }
      if (region.values !== undefined && !isRecord(region.values)) {
        throw new ResolveProblem('regions', (path) => l10n.t('{0} entry "{1}": values must be a mapping of settings.', path, String(region.name)));
      }
      return { name: String(region.name), values: isRecord(region.values) ? region.values : {} };
    }
    return { name: region === null || region === undefined ? '' : String(region), values: {} };
  });
}

/** `_get_known_regions`: regions:, else region_name (a list or "A,B"), else the profile's. Empty: none known. */
export function knownRegions(our: Raw, ctx: ResolveContext): RegionEntry[] {
  const config = normaliseKeys(our);
  if (config.regions !== undefined) {
    if (!Array.isArray(config.regions)) {
      throw new ResolveProblem('regions', (path) => l10n.t('{0} must be a list of region names or of {name, values} entries.', path));
    }
    return expandRegions(config.regions);
  }
  if (config.region_name !== undefined && config.region_name !== null) {
    const names = Array.isArray(config.region_name) ? config.region_name : String(config.region_name).split(',');
    return expandRegions(names);
  }
  const found = profileOf(our, ctx);
  const profile = found instanceof ResolveProblem ? undefined : found;
  if (profile && Array.isArray(profile.regions) && profile.regions.length > 0) {
    return expandRegions(profile.regions);
  }
  if (profile && typeof profile.region_name === 'string' && profile.region_name) {
    return [{ name: profile.region_name, values: {} }];
  }
  return [];
}

/** `_util.normalize_keys`: "-" becomes "_" in keys; numbers become strings as PyYAML's str() writes them. */
export function normaliseKeys(config: Raw): Raw {
  const out: Raw = {};
  for (const [key, value] of Object.entries(config)) {
    const k = key.replace(/-/g, '_');
    out[k] = isRecord(value) ? normaliseKeys(value) : typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  }
  return out;
}

/** `_fix_backwards_project`: project/tenant and domain keys, at the cloud level or under auth, into auth. */
function fixBackwardsProject(cloud: Raw, auth: Raw): void {
  const mappings: Array<[string, string[]]> = [
    ['domain_id', ['domain_id', 'domain-id']],
    ['domain_name', ['domain_name', 'domain-name']],
    ['user_domain_id', ['user_domain_id', 'user-domain-id']],
    ['user_domain_name', ['user_domain_name', 'user-domain-name']],
    ['project_domain_id', ['project_domain_id', 'project-domain-id']],
    ['project_domain_name', ['project_domain_name', 'project-domain-name']],
    ['token', ['auth-token', 'auth_token', 'token']],
    ['project_id', ['tenant_id', 'tenant-id', 'project_id', 'project-id']],
    ['project_name', ['tenant_name', 'tenant-name', 'project_name', 'project-name']],
  ];
  for (const [target, names] of mappings) {
    let value: string | undefined;
    for (const name of names) {
      if (name in cloud) {
        value = pyStr(cloud[name]);
        delete cloud[name];
      }
      if (name in auth) {
        value = pyStr(auth[name]);
        delete auth[name];
      }
    }
    if (value) {
      auth[target] = value;
    }
  }
}

/** Python's str() of a YAML scalar, for the keys openstacksdk passes through str(). */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  return typeof value === 'string' ? value : String(value);
}

/** `_handle_domain_id`: domain_id/domain_name stand for the user's and the project's domain. */
function handleDomainId(cloud: Raw, auth: Raw): void {
  const projectScoped = 'project_id' in cloud || 'project_name' in cloud || 'project_id' in auth || 'project_name' in auth;
  for (const [target, [userKey, projectKey]] of [
    ['domain_id', ['user_domain_id', 'project_domain_id']],
    ['domain_name', ['user_domain_name', 'project_domain_name']],
  ] as const) {
    if (!projectScoped) {
      if (target in cloud && !(target in auth)) {
        auth[target] = cloud[target];
        delete cloud[target];
      }
      continue;
    }
    for (const key of [userKey, projectKey]) {
      if (target in auth && !(key in auth)) {
        auth[key] = auth[target];
      }
    }
    delete cloud[target];
    delete auth[target];
  }
}

/** `get_boolean`: only a real true or the string "true" (any case) is true. */
export function sdkBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

/** Python's str.format(**config) for `{key}` placeholders, as magic_fixes applies it to auth_url. */
function pyFormat(template: string, config: Raw, key: string): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = name !== undefined ? config[name] : undefined;
    if (value === undefined) {
      throw new ResolveProblem(key, (path) =>
        l10n.t('{0} contains {1}, but the cloud has no {2} setting to fill it with. Write the URL in full.', path, `{${name ?? ''}}`, name ?? ''),
      );
    }
    return pyStr(value);
  });
}

/**
 * `magic_fixes`, in its order: endpoint_type → interface, auth_plugin → auth_type, project and
 * domain keys into auth, `*_endpoint_type` → `*_interface`, domain_id sharing, boolean insecure,
 * `{region_name}`-style placeholders in auth_url.
 */
function magicFixes(config: Raw): Raw {
  if ('endpoint_type' in config) {
    config.interface = config.endpoint_type;
    delete config.endpoint_type;
  }
  const authType = 'auth_type' in config ? config.auth_type : config.auth_plugin;
  delete config.auth_plugin;
  config.auth_type = authType ?? null;
  const auth = isRecord(config.auth) ? config.auth : {};
  config.auth = auth;
  fixBackwardsProject(config, auth);
  for (const key of Object.keys(config)) {
    if (key.endsWith('endpoint_type')) {
      config[key.replace('endpoint_type', 'interface')] = config[key];
      delete config[key];
    }
  }
  handleDomainId(config, auth);
  if ('insecure' in config && typeof config.insecure !== 'boolean') {
    config.insecure = sdkBoolean(config.insecure);
  }
  if (typeof auth.auth_url === 'string') {
    auth.auth_url = pyFormat(auth.auth_url, config, 'auth.auth_url');
  }
  return config;
}

/**
 * Settings from the shell that the openstack CLI applies to the cloud it is pointed at (its
 * --os-* options default to these variables). glance-share applies only the selectors and the
 * secrets, and only to the active cloud (OS_CLOUD): never a stale openrc's identity.
 */
export function cliSelectors(env: NodeJS.ProcessEnv): Raw {
  const args: Raw = {};
  const from: Array<[string, string]> = [
    ['OS_INTERFACE', 'interface'],
    ['OS_CACERT', 'cacert'],
    ['OS_CERT', 'cert'],
    ['OS_KEY', 'key'],
    ['OS_DEFAULT_DOMAIN', 'default_domain'],
    ['OS_PASSWORD', 'password'],
    ['OS_APPLICATION_CREDENTIAL_SECRET', 'application_credential_secret'],
  ];
  for (const [variable, key] of from) {
    const value = env[variable];
    if (value) {
      args[key] = value;
    }
  }
  return args;
}

/**
 * osc-lib's `auth_config_hook` as the openstack CLI runs it (its default auth type is password):
 * with identity API 3, a password cloud gets the default domain (OS_DEFAULT_DOMAIN, else "default").
 */
function oscAuthHook(config: Raw, auth: Raw): void {
  const identityVersion = pyStr(config.identity_api_version ?? '');
  if (!config.auth_type) {
    config.auth_type = 'password';
  }
  const authType = String(config.auth_type);
  const defaultDomain = typeof config.default_domain === 'string' && config.default_domain ? config.default_domain : 'default';
  if (identityVersion === '3' && ['password', 'v3password', 'v3totp'].includes(authType)) {
    if (!auth.project_domain_id && !auth.project_domain_name) {
      auth.project_domain_id = defaultDomain;
    }
    if (!auth.user_domain_id && !auth.user_domain_name) {
      auth.user_domain_id = defaultDomain;
    }
  }
}

/**
 * osc-lib's `_validate_auth`: each option of the auth type is taken from the cloud level first,
 * then from auth, and ends up under auth. What is left under auth is not an option of that type.
 */
function validateAuth(config: Raw, auth: Raw, authType: string): void {
  const options = PLUGIN_OPTIONS[authType];
  const deprecated = DEPRECATED_OPTIONS[authType] ?? {};
  if (!options) {
    return;
  }
  for (const option of options) {
    const names = [
      option,
      ...Object.entries(deprecated)
        .filter(([, now]) => now === option)
        .map(([old]) => old),
    ];
    const truthy = (record: Raw) => names.map((n) => record[n]).find((v) => v !== undefined && v !== null && v !== '' && v !== false);
    const winning = truthy(config) ?? truthy(auth);
    for (const name of names) {
      delete config[name];
      delete auth[name];
    }
    if (winning !== undefined) {
      auth[option] = winning;
    }
  }
  const unknown = Object.keys(auth).filter((k) => !options.includes(k));
  if (unknown.length > 0) {
    const [first] = unknown;
    const near = options.find((o) => editDistance(o, first) <= 2);
    throw new ResolveProblem(`auth.${first}`, (path) =>
      near
        ? l10n.t('{0} is not a setting of auth_type {1} (did you mean {2}?). Its settings are {3}.', path, authType, near, options.join(', '))
        : l10n.t('{0} is not a setting of auth_type {1}. Its settings are {2}.', path, authType, options.join(', ')),
    );
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

export interface ResolvedRaw {
  /** The region this resolution is for ('' when the cloud names none). */
  readonly region: string;
  /** Every region the cloud is known to have, in order. */
  readonly regions: readonly string[];
  readonly config: Raw;
}

/**
 * `get_one(cloud, region_name=region)`: the cloud's settings for one region, with `args` (the
 * CLI's options) applied over the region's values. An empty `region` means the first known one.
 */
export function resolveCloudRegion(our: Raw, region: string, args: Raw, ctx: ResolveContext): ResolvedRaw {
  if (our.auth !== undefined && our.auth !== null && !isRecord(our.auth)) {
    throw new ResolveProblem('auth', (path) => l10n.t('{0} must be a mapping of keys such as auth_url, username, password. Indent the keys under auth:.', path));
  }
  const { cloud: config, unresolved } = baseConfig(our, ctx);
  const regions = knownRegions(our, ctx);
  let chosen: RegionEntry;
  if (regions.length === 0) {
    chosen = { name: region, values: {} };
  } else if (!region) {
    chosen = regions[0];
  } else {
    const found = regions.find((r) => r.name === region);
    if (!found) {
      throw new ResolveProblem('region_name', (path) =>
        l10n.t('{0} "{1}" is not a region of this cloud: it has {2} (region names are case sensitive).', path, region, regions.map((r) => r.name).join(', ')),
      );
    }
    chosen = found;
  }
  delete config.regions;
  for (const values of [structuredClone(chosen.values), { ...args, region_name: chosen.name }]) {
    for (const [key, value] of Object.entries(values)) {
      if (value === null || value === undefined) {
        continue;
      }
      if (key === 'auth' && isRecord(value)) {
        config.auth = authUpdate(isRecord(config.auth) ? config.auth : {}, value);
      } else {
        config[key] = value;
      }
    }
  }
  const fixed = normaliseKeys(magicFixes(config));
  const auth = fixed.auth as Raw;
  if (unresolved && !auth.auth_url) {
    throw unresolved;
  }
  oscAuthHook(fixed, auth);
  validateAuth(fixed, auth, String(fixed.auth_type));
  // get_one's last step: every cloud-level string may name other settings, {region_name} mostly.
  for (const [key, value] of Object.entries(fixed)) {
    if (typeof value === 'string' && key !== 'password' && /[{}]/.test(value)) {
      fixed[key] = pyFormat(value, fixed, key);
    }
  }
  return { region: chosen.name, regions: regions.map((r) => r.name), config: fixed };
}
