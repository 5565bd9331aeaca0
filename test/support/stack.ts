import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { connect, loadCloudConfigs, SecretRegistry, type CloudConfig, type ConnectOptions, type ScopeConnection, type Visibility } from '../../src/openstack';
import { readStackIds, readStackInfo, stackPaths, type StackIds, type StackInfo, type StackRegion } from './fixtures';
import { memoryLogger } from './localServer';

export type { StackIds, StackInfo, StackRegion };
export { createImage, deleteImage, uniqueName } from './fixtures';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const stackDir = process.env.STACK_DIR ?? path.join(repoRoot, '.stack');
export const cloudsFile = stackPaths(stackDir).cloudsFile;

export function stackInfo(): StackInfo {
  return readStackInfo(stackDir);
}

export function stackIds(): StackIds {
  return readStackIds(stackDir);
}

/** The stack's clouds, read by the extension's own config loader. */
export function stackCloud(name: string): CloudConfig {
  const loaded = loadCloudConfigs({ env: { OS_CLIENT_CONFIG_FILE: cloudsFile }, cwd: stackDir, home: stackDir, etcDir: stackDir });
  const cloud = loaded.clouds.find((c) => c.name === name);
  if (!cloud) {
    throw new Error(`cloud ${name} not in ${cloudsFile}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  }
  return cloud;
}

export interface TestConnection extends ScopeConnection {
  readonly logLines: string[];
  readonly knownSecrets: SecretRegistry;
}

export async function connectAs(name: string, options: Partial<ConnectOptions> = {}): Promise<TestConnection> {
  const { lines, logger } = memoryLogger();
  const knownSecrets = new SecretRegistry();
  const connection = await connect(stackCloud(name), { logger, knownSecrets, ...options });
  // Not a spread: a copy would lose the connection's methods (dispose).
  return Object.assign(connection, { logLines: lines, knownSecrets });
}

/** Bulk images straight into a region's Glance database (the API makes ~40 per second). */
export function loadImages(options: {
  owner: string;
  count: number;
  tag: string;
  visibility?: Visibility;
  members?: ReadonlyArray<readonly [string, string]>;
  namePrefix?: string;
  /** Default RegionOne. */
  region?: StackRegion;
}): string[] {
  const args = [
    path.join(repoRoot, 'test', 'stack', 'load_images.py'),
    '--db',
    stackInfo().regions[options.region ?? 'RegionOne'].glanceDb,
    '--owner',
    options.owner,
    '--count',
    String(options.count),
    '--tag',
    options.tag,
    '--visibility',
    options.visibility ?? 'private',
  ];
  for (const [project, status] of options.members ?? []) {
    args.push('--member', `${project}:${status}`);
  }
  if (options.namePrefix) {
    args.push('--name-prefix', options.namePrefix);
  }
  const out = execFileSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out) as { ids: string[] }).ids;
}

export function deleteTaggedImages(tag: string, region: StackRegion = 'RegionOne'): void {
  const db = stackInfo().regions[region].glanceDb;
  execFileSync('/usr/bin/python3', [path.join(repoRoot, 'test', 'stack', 'load_images.py'), '--db', db, '--delete-tag', tag], { encoding: 'utf8' });
}

/**
 * The real openstack CLI against the stack, with nothing from the developer's shell leaking in;
 * `configFile` for a test's own clouds.yaml (the stack's by default).
 */
export function openstackCli(cloud: string, args: readonly string[], configFile = cloudsFile): string {
  const env: NodeJS.ProcessEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: stackDir, OS_CLIENT_CONFIG_FILE: configFile, OS_CLOUD: cloud, LANG: 'C.UTF-8' };
  return execFileSync('/usr/bin/openstack', args, { env, encoding: 'utf8', timeout: 60_000 });
}
