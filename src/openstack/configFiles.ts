import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { type CloudConfig, isRecord, normaliseCloud } from './cloudConfig';
import { ConfigError } from './errors';

export interface ConfigSearchOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly home?: string;
  /** /etc/openstack on a real machine; tests point it elsewhere. */
  readonly siteDir?: string;
  readonly readFile?: (file: string) => string | undefined;
}

export interface LoadedCloudConfigs {
  /** Clouds that are complete enough to try to connect (a missing password is asked for later). */
  readonly clouds: readonly CloudConfig[];
  /** One entry per unreadable file or broken cloud; other clouds still load. */
  readonly errors: readonly ConfigError[];
  readonly cloudsFile?: string;
  readonly secureFile?: string;
  /** OS_CLOUD: the cloud the user's shell would use. */
  readonly defaultCloud?: string;
}

const SUFFIXES = ['.yaml', '.yml', '.json'];

/**
 * Candidate files in the openstack CLI's (openstacksdk's) order: the env override first,
 * then ./, the user's config folder, /etc/openstack. The first one that exists wins.
 */
export function configCandidates(baseName: 'clouds' | 'secure', options: ConfigSearchOptions = {}): string[] {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const override = baseName === 'clouds' ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  const userConfig = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'openstack') : path.join(home, '.config', 'openstack');
  const dirs = [options.cwd ?? process.cwd(), userConfig, options.siteDir ?? '/etc/openstack'];
  const candidates = dirs.flatMap((dir) => SUFFIXES.map((suffix) => path.join(dir, baseName + suffix)));
  return override ? [override, ...candidates] : candidates;
}

function defaultReadFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  }
}

interface ParsedFile {
  readonly file: string;
  readonly clouds: Record<string, unknown>;
}

function findAndParse(
  baseName: 'clouds' | 'secure',
  options: ConfigSearchOptions,
  errors: ConfigError[],
): ParsedFile | undefined {
  const read = options.readFile ?? defaultReadFile;
  for (const file of configCandidates(baseName, options)) {
    let text: string | undefined;
    try {
      text = read(file);
    } catch (error) {
      errors.push(new ConfigError(`${file} cannot be read (${(error as Error).message}). Check its permissions.`, file, undefined, undefined));
      return undefined;
    }
    if (text === undefined) {
      continue;
    }
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
      errors.push(
        new ConfigError(
          `${file} is not valid YAML${where}: ${first.message.split('\n')[0]}. Fix the indentation or quoting there.`,
          file,
          undefined,
          undefined,
        ),
      );
      return undefined;
    }
    const content: unknown = doc.toJS();
    if (content === null || content === undefined) {
      return { file, clouds: {} };
    }
    if (!isRecord(content) || (content.clouds !== undefined && !isRecord(content.clouds))) {
      errors.push(
        new ConfigError(
          `${file} must have a top-level "clouds:" mapping with one entry per cloud (clouds: {mycloud: {auth: {...}}}).`,
          file,
          undefined,
          'clouds',
        ),
      );
      return undefined;
    }
    return { file, clouds: (content.clouds as Record<string, unknown> | undefined) ?? {} };
  }
  return undefined;
}

/** Values from secure.yaml win over clouds.yaml, key by key, as in openstacksdk. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (isRecord(base) && isRecord(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      out[key] = key in out ? deepMerge(out[key], value) : value;
    }
    return out;
  }
  return over === undefined ? base : over;
}

/**
 * OS_* variables (a sourced openrc) describe one more cloud, named by OS_CLOUD_NAME or "envvars"
 * like the openstack CLI does. Only present when OS_AUTH_URL is set.
 */
export function cloudFromEnv(env: NodeJS.ProcessEnv): { raw: Record<string, unknown>; name: string } | undefined {
  if (!env.OS_AUTH_URL) {
    return undefined;
  }
  const auth: Record<string, unknown> = {};
  const raw: Record<string, unknown> = { auth };
  const authKeys = [
    'auth_url', 'username', 'user_id', 'password', 'project_name', 'project_id', 'tenant_name', 'tenant_id',
    'user_domain_name', 'user_domain_id', 'project_domain_name', 'project_domain_id', 'domain_name', 'domain_id',
    'default_domain_name', 'default_domain_id', 'application_credential_id', 'application_credential_name',
    'application_credential_secret', 'token',
  ];
  for (const key of authKeys) {
    const value = env[`OS_${key.toUpperCase()}`];
    if (value) {
      auth[key] = value;
    }
  }
  const topKeys = ['auth_type', 'region_name', 'interface', 'endpoint_type', 'cacert', 'insecure', 'verify', 'image_endpoint_override'];
  for (const key of topKeys) {
    const value = env[`OS_${key.toUpperCase()}`];
    if (value) {
      raw[key] = value;
    }
  }
  return { raw, name: env.OS_CLOUD_NAME || 'envvars' };
}

/** Everything the openstack CLI would know about: clouds.yaml merged with secure.yaml, plus OS_* variables. */
export function loadCloudConfigs(options: ConfigSearchOptions = {}): LoadedCloudConfigs {
  const env = options.env ?? process.env;
  const errors: ConfigError[] = [];
  const clouds: CloudConfig[] = [];
  const cloudsFile = findAndParse('clouds', options, errors);
  const secureFile = findAndParse('secure', options, errors);

  if (cloudsFile) {
    for (const [name, value] of Object.entries(cloudsFile.clouds)) {
      const merged = deepMerge(value ?? {}, secureFile?.clouds[name]);
      const origin = {
        file: cloudsFile.file,
        cloud: name,
        keyPath: (key: string) => `clouds.${name}.${key}`,
      };
      if (!isRecord(merged)) {
        errors.push(new ConfigError(`${cloudsFile.file}, cloud "${name}": must be a mapping with an auth: section.`, cloudsFile.file, name, undefined));
        continue;
      }
      try {
        clouds.push(normaliseCloud(merged, origin, { kind: 'file', path: cloudsFile.file, securePath: secureFile?.file }));
      } catch (error) {
        if (error instanceof ConfigError) {
          errors.push(error);
        } else {
          throw error;
        }
      }
    }
  }

  const fromEnv = cloudFromEnv(env);
  if (fromEnv) {
    const origin = {
      cloud: fromEnv.name,
      keyPath: (key: string) => `OS_${key.replace(/^auth\./, '').toUpperCase()}`,
    };
    try {
      clouds.push(normaliseCloud(fromEnv.raw, origin, { kind: 'env' }));
    } catch (error) {
      if (error instanceof ConfigError) {
        errors.push(error);
      } else {
        throw error;
      }
    }
  }

  return {
    clouds,
    errors,
    cloudsFile: cloudsFile?.file,
    secureFile: secureFile?.file,
    defaultCloud: env.OS_CLOUD || undefined,
  };
}
