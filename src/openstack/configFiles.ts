import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { type CloudConfig, type CloudSource, type ConfigOrigin, isRecord, normaliseCloud } from './cloudConfig';
import { ResolveProblem, cliSelectors, knownRegions, resolveCloudRegion, type RemoteProfile, type ResolveContext } from './cloudResolve';
import { ConfigError } from './errors';
import { parseYaml } from './yamlFile';

export interface ConfigSearchOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly home?: string;
  /** The root of /etc/xdg/openstack and /etc/openstack: "/etc" on a real machine; tests point it elsewhere. */
  readonly etcDir?: string;
  readonly readFile?: (file: string) => string | undefined;
  /** Remote profiles already fetched (loadCloudConfigsWithProfiles does it), by URL as written. */
  readonly remoteProfiles?: ReadonlyMap<string, RemoteProfile>;
}

export interface LoadedCloudConfigs {
  /** One entry per cloud, in its default region (OS_REGION_NAME for the active cloud, else its first). */
  readonly clouds: readonly CloudConfig[];
  /** One entry per (cloud, region), as openstacksdk's get_all_clouds(): `clouds` is a subset of these. */
  readonly cloudRegions: readonly CloudConfig[];
  /** One entry per unreadable file, broken cloud or broken region; other clouds still load. */
  readonly errors: readonly ConfigError[];
  /** Files skipped because they cannot be opened (EACCES), as the openstack CLI skips them. */
  readonly skippedFiles: readonly string[];
  readonly cloudsFile?: string;
  readonly secureFile?: string;
  readonly publicCloudsFile?: string;
  /** The cloud the user's shell would use: OS_CLOUD, else the OS_* cloud, else the only cloud. */
  readonly defaultCloud?: string;
  /** Remote profiles (`profile: https://…`, or vexxhost's pointer) that this load needed and was not given. */
  readonly wantedProfiles: readonly string[];
}

const SUFFIXES = ['.yaml', '.yml', '.json'];
type BaseName = 'clouds' | 'secure' | 'clouds-public';

/**
 * The folders openstacksdk searches, in its order (loader.py CONFIG_SEARCH_PATH): the current
 * folder, the XDG user folder ($XDG_CONFIG_HOME/openstack), ~/.config/openstack, the XDG site
 * folder (/etc/xdg/openstack, or $XDG_CONFIG_DIRS), /etc/openstack.
 */
export function configDirs(options: ConfigSearchOptions = {}): string[] {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const etc = options.etcDir ?? '/etc';
  const unixHome = path.join(env.SNAP_REAL_HOME || home, '.config', 'openstack');
  const xdgHome = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'openstack') : path.join(home, '.config', 'openstack');
  const xdgSite = env.XDG_CONFIG_DIRS
    ? env.XDG_CONFIG_DIRS.split(':')
        .filter(Boolean)
        .map((d) => path.join(d, 'openstack'))
    : [path.join(etc, 'xdg', 'openstack')];
  const dirs = [options.cwd ?? process.cwd(), xdgHome, unixHome, ...xdgSite, path.join(etc, 'openstack')];
  return dirs.filter((dir, i) => dirs.indexOf(dir) === i);
}

/** Candidate files in the openstack CLI's order: the env override first, then each folder. The first that exists wins. */
export function configCandidates(baseName: BaseName, options: ConfigSearchOptions = {}): string[] {
  const env = options.env ?? process.env;
  const override = baseName === 'clouds' ? env.OS_CLIENT_CONFIG_FILE : baseName === 'secure' ? env.OS_CLIENT_SECURE_FILE : undefined;
  const candidates = configDirs(options).flatMap((dir) => SUFFIXES.map((suffix) => path.join(dir, baseName + suffix)));
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
  readonly content: Record<string, unknown>;
}

function findAndParse(baseName: BaseName, options: ConfigSearchOptions, errors: ConfigError[], skipped: string[]): ParsedFile | undefined {
  const read = options.readFile ?? defaultReadFile;
  for (const file of configCandidates(baseName, options)) {
    let text: string | undefined;
    try {
      text = read(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EACCES') {
        skipped.push(file);
        continue;
      }
      errors.push(new ConfigError(l10n.t('{0} cannot be read ({1}). Check its permissions.', file, (error as Error).message), file, undefined, undefined));
      return undefined;
    }
    if (text === undefined) {
      continue;
    }
    let content: unknown;
    if (file.endsWith('json')) {
      try {
        content = JSON.parse(text);
      } catch (error) {
        errors.push(new ConfigError(l10n.t('{0} is not valid JSON: {1}.', file, (error as Error).message), file, undefined, undefined));
        return undefined;
      }
    } else {
      const parsed = parseYaml(text);
      if (parsed.error) {
        const message = parsed.error.line
          ? l10n.t(
              '{0} is not valid YAML at line {1}, column {2}: {3}. Fix the indentation or quoting there.',
              file,
              parsed.error.line,
              String(parsed.error.col),
              parsed.error.message,
            )
          : l10n.t('{0} is not valid YAML: {1}. Fix the indentation or quoting there.', file, parsed.error.message);
        errors.push(new ConfigError(message, file, undefined, undefined));
        return undefined;
      }
      content = parsed.value;
    }
    if (content === null || content === undefined) {
      return { file, content: {} };
    }
    const section = baseName === 'clouds-public' ? 'public-clouds' : 'clouds';
    if (!isRecord(content) || (content[section] !== undefined && content[section] !== null && !isRecord(content[section]))) {
      errors.push(
        new ConfigError(
          l10n.t('{0} must have a top-level "{1}:" mapping with one entry per cloud ({1}: {mycloud: {auth: {...}}}).', file, section),
          file,
          undefined,
          section,
        ),
      );
      return undefined;
    }
    return { file, content };
  }
  return undefined;
}

/** `_util.merge_clouds`: secure.yaml over clouds.yaml, mappings merged key by key. */
function mergeClouds(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isRecord(value) && isRecord(out[key]) ? mergeClouds(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

/** The OS_* variables that only choose (a cloud, a region, a file): they alone make no cloud. */
const SELECTOR_VARIABLES = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME']);

/**
 * OS_* variables (a sourced openrc) describe one more cloud, named by OS_CLOUD_NAME or "envvars",
 * with each variable's key as openstacksdk's `_get_os_environ` writes it (OS_PROJECT_NAME → project_name).
 * openstacksdk makes that cloud from any OS_* variable; glance-share only when OS_AUTH_URL is set,
 * so that OS_PASSWORD or OS_INTERFACE beside OS_CLOUD does not make a broken extra cloud.
 */
export function cloudFromEnv(env: NodeJS.ProcessEnv): { raw: Record<string, unknown>; name: string } | undefined {
  if (!env.OS_AUTH_URL) {
    return undefined;
  }
  const raw: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(env)) {
    if (!variable.startsWith('OS_') || SELECTOR_VARIABLES.has(variable) || /^OS_(TEST|STD|LOG)/.test(variable) || value === undefined) {
      continue;
    }
    raw[variable.slice(3).toLowerCase()] = value;
  }
  if (env.OS_REGION_NAME) {
    raw.region_name = env.OS_REGION_NAME;
  }
  return { raw, name: env.OS_CLOUD_NAME || 'envvars' };
}

interface CloudEntry {
  readonly name: string;
  readonly raw: unknown;
  readonly source: CloudSource;
  readonly file?: string;
}

/** Everything the openstack CLI would know about: clouds.yaml merged with secure.yaml, plus OS_* variables, per region. */
export function loadCloudConfigs(options: ConfigSearchOptions = {}): LoadedCloudConfigs {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const errors: ConfigError[] = [];
  const skipped: string[] = [];
  const cloudsFile = findAndParse('clouds', options, errors, skipped);
  const secureFile = findAndParse('secure', options, errors, skipped);
  const publicFile = findAndParse('clouds-public', options, errors, skipped);
  const merged = mergeClouds(cloudsFile?.content ?? {}, secureFile?.content ?? {});
  const fileClouds = isRecord(merged.clouds) ? merged.clouds : {};
  const configFile = cloudsFile?.file ?? secureFile?.file;

  const entries: CloudEntry[] = Object.entries(fileClouds).map(([name, raw]) => ({
    name,
    raw,
    file: configFile,
    source: { kind: 'file', path: configFile ?? '', securePath: secureFile?.file },
  }));
  const fromEnv = cloudFromEnv(env);
  if (fromEnv) {
    if (fromEnv.name in fileClouds) {
      errors.push(
        new ConfigError(
          l10n.t(
            '{0} defines a cloud named "{1}", and OS_CLOUD_NAME (or the default "envvars") names the OS_* cloud the same: rename one of them.',
            configFile ?? '',
            fromEnv.name,
          ),
          configFile,
          fromEnv.name,
          'OS_CLOUD_NAME',
        ),
      );
    } else {
      entries.push({ name: fromEnv.name, raw: fromEnv.raw, source: { kind: 'env' } });
    }
  }

  let defaultCloud = env.OS_CLOUD || (fromEnv && entries.some((e) => e.name === fromEnv.name) ? fromEnv.name : undefined);
  if (!defaultCloud && entries.length === 1) {
    defaultCloud = entries[0].name;
  }
  if (env.OS_CLOUD && !entries.some((e) => e.name === env.OS_CLOUD)) {
    const names = entries.map((e) => e.name).join(', ');
    errors.push(
      new ConfigError(
        names
          ? l10n.t('OS_CLOUD is "{0}", but no cloud has that name (there are: {1}). Unset it or fix the name.', env.OS_CLOUD, names)
          : l10n.t('OS_CLOUD is "{0}", but no cloud has that name. Unset it or fix the name.', env.OS_CLOUD),
        configFile,
        env.OS_CLOUD,
        'OS_CLOUD',
      ),
    );
    defaultCloud = undefined;
  }

  const ctx: ResolveContext = {
    publicClouds: publicFile && isRecord(publicFile.content['public-clouds']) ? publicFile.content['public-clouds'] : {},
    envvarKey: fromEnv?.name ?? env.OS_CLOUD_NAME ?? 'envvars',
    remoteProfiles: options.remoteProfiles,
    wantedProfiles: new Set(),
  };
  const clouds: CloudConfig[] = [];
  const cloudRegions: CloudConfig[] = [];
  for (const entry of entries) {
    const resolved = resolveEntry(entry, entry.name === defaultCloud ? env : undefined, ctx, home, errors);
    cloudRegions.push(...resolved.regions);
    if (resolved.primary) {
      clouds.push(resolved.primary);
    }
  }

  return {
    clouds,
    cloudRegions,
    errors,
    skippedFiles: skipped,
    cloudsFile: configFile,
    secureFile: secureFile?.file,
    publicCloudsFile: publicFile?.file,
    defaultCloud,
    wantedProfiles: [...(ctx.wantedProfiles ?? [])],
  };
}

/**
 * A load again, with remote profiles fetched as the CLI fetches them on each run
 * (`vendors.get_profile`): the first load found which are needed, `fetch` reads each once, and the
 * load runs again with them. A profile that cannot be fetched is a problem of its clouds only.
 */
export async function withRemoteProfiles(
  options: ConfigSearchOptions,
  first: LoadedCloudConfigs,
  fetch: (url: string) => Promise<RemoteProfile>,
): Promise<LoadedCloudConfigs> {
  if (first.wantedProfiles.length === 0) return first;
  const fetched = new Map(options.remoteProfiles ?? []);
  await Promise.all(first.wantedProfiles.map(async (url) => fetched.set(url, await fetch(url))));
  return loadCloudConfigs({ ...options, remoteProfiles: fetched });
}

/** The same as loadCloudConfigs().cloudRegions: one CloudConfig per (cloud, region). */
export function loadCloudRegions(options: ConfigSearchOptions = {}): readonly CloudConfig[] {
  return loadCloudConfigs(options).cloudRegions;
}

/** One cloud in another of its regions, from a load's results; undefined when it has no such region. */
export function resolveRegion(loaded: LoadedCloudConfigs, cloud: string, region: string): CloudConfig | undefined {
  return loaded.cloudRegions.find((c) => c.name === cloud && (c.regionName ?? '') === region);
}

function originOf(entry: CloudEntry, region: string): ConfigOrigin {
  const suffix = region ? ` (region ${region})` : '';
  if (entry.source.kind === 'env') {
    return { cloud: entry.name, keyPath: (key) => `OS_${key.replace(/^auth\./, '').toUpperCase()}${suffix}` };
  }
  return { file: entry.file, cloud: entry.name, keyPath: (key) => `clouds.${entry.name}.${key}${suffix}` };
}

/**
 * Every region of one cloud. `env` is set for the active cloud only: its OS_REGION_NAME picks the
 * default region and the CLI's selectors and secrets (cliSelectors) apply to it.
 */
function resolveEntry(
  entry: CloudEntry,
  env: NodeJS.ProcessEnv | undefined,
  ctx: ResolveContext,
  home: string,
  errors: ConfigError[],
): { regions: CloudConfig[]; primary?: CloudConfig } {
  const failure = (error: unknown, region: string): void => {
    if (error instanceof ResolveProblem) {
      const origin = originOf(entry, region);
      const where = origin.file ? l10n.t('{0}, cloud "{1}"', origin.file, entry.name) : l10n.t('cloud "{0}"', entry.name);
      errors.push(new ConfigError(`${where}: ${error.sentence(origin.keyPath(error.key))}`, origin.file, entry.name, error.key));
    } else if (error instanceof ConfigError) {
      errors.push(error);
    } else {
      throw error;
    }
  };
  if (!isRecord(entry.raw)) {
    errors.push(
      new ConfigError(
        entry.file
          ? l10n.t('{0}, cloud "{1}": must be a mapping with an auth: section.', entry.file, entry.name)
          : l10n.t('cloud "{0}": must be a mapping with an auth: section.', entry.name),
        entry.file,
        entry.name,
        undefined,
      ),
    );
    return { regions: [] };
  }
  const raw = entry.raw;
  let names: string[];
  try {
    names = knownRegions(raw, ctx).map((r) => r.name);
  } catch (error) {
    failure(error, '');
    return { regions: [] };
  }
  const wanted = env?.OS_REGION_NAME ?? '';
  if (names.length === 0) {
    names = [wanted];
  } else if (wanted && !names.includes(wanted)) {
    failure(
      new ResolveProblem('region_name', (path) =>
        l10n.t(
          '{0} does not include OS_REGION_NAME "{1}": the cloud has {2} (region names are case sensitive). Showing its regions instead.',
          path,
          wanted,
          names.join(', '),
        ),
      ),
      '',
    );
  }
  const args = env ? cliSelectors(env) : {};
  const regions: CloudConfig[] = [];
  for (const name of names) {
    try {
      const resolved = resolveCloudRegion(raw, name, args, ctx);
      regions.push(normaliseCloud(resolved.config, originOf(entry, resolved.region), entry.source, { region: resolved.region, regions: resolved.regions, home }));
    } catch (error) {
      failure(error, name);
    }
  }
  const primary = regions.find((r) => (r.regionName ?? '') === wanted) ?? regions[0];
  return { regions, primary };
}
