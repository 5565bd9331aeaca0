import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  connect,
  loadCloudConfigs,
  SecretRegistry,
  type CloudConfig,
  type ConnectOptions,
  type GlanceImage,
  type ScopeConnection,
  type Visibility,
  parseImage,
} from '../../src/openstack';
import { memoryLogger } from './localServer';

/** The local Keystone + Glance started by test/stack/up.sh. */
export interface StackInfo {
  readonly keystoneUrl: string;
  readonly keystoneShortUrl: string;
  readonly glanceUrl: string;
  readonly shortTokenSeconds: number;
  readonly glanceDb: string;
  readonly stackDir: string;
  readonly pids: { readonly keystone: number; readonly keystoneShort: number; readonly glance: number };
}

export interface StackIds {
  readonly projects: Record<'admin' | 'producer' | 'consumer' | 'other' | 'service', string>;
  readonly users: Record<'admin' | 'alice' | 'bob' | 'carol' | 'dave', string>;
  readonly appcred: { readonly id: string; readonly name: string; readonly secret: string };
}

export const repoRoot = path.resolve(__dirname, '..', '..');
export const stackDir = process.env.STACK_DIR ?? path.join(repoRoot, '.stack');
export const cloudsFile = path.join(stackDir, 'clouds.yaml');

export function stackInfo(): StackInfo {
  const file = path.join(stackDir, 'stack.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist: start the local stack with "npm run stack:up" (npm test does it for you).`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StackInfo;
}

export function stackIds(): StackIds {
  return JSON.parse(fs.readFileSync(path.join(stackDir, 'ids.json'), 'utf8')) as StackIds;
}

/** The stack's clouds, read by the extension's own config loader. */
export function stackCloud(name: string): CloudConfig {
  const loaded = loadCloudConfigs({ env: { OS_CLIENT_CONFIG_FILE: cloudsFile }, cwd: stackDir, home: stackDir, siteDir: stackDir });
  const cloud = loaded.clouds.find((c) => c.name === name);
  if (!cloud) {
    throw new Error(`cloud ${name} not in ${cloudsFile}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  }
  return cloud;
}

export interface TestConnection extends ScopeConnection {
  readonly logLines: string[];
  readonly secrets: SecretRegistry;
}

export async function connectAs(name: string, options: Partial<ConnectOptions> = {}): Promise<TestConnection> {
  const { lines, logger } = memoryLogger();
  const secrets = new SecretRegistry();
  const connection = await connect(stackCloud(name), { logger, secrets, ...options });
  return { ...connection, logLines: lines, secrets };
}

/** Image creation is not part of glance-share; tests make their fixtures through the same session. */
export async function createImage(
  connection: ScopeConnection,
  name: string,
  visibility: Visibility,
  tags: readonly string[] = [],
): Promise<GlanceImage> {
  const response = await connection.session.request({
    service: 'glance',
    operation: 'getImage',
    method: 'POST',
    url: `${connection.glance.endpoint}/v2/images`,
    body: { name, visibility, disk_format: 'raw', container_format: 'bare', tags },
  });
  return parseImage(response.data);
}

export async function deleteImage(connection: ScopeConnection, id: string): Promise<void> {
  await connection.session.request({ service: 'glance', operation: 'getImage', method: 'DELETE', url: `${connection.glance.endpoint}/v2/images/${id}` });
}

/** Bulk images straight into Glance's database (the API makes ~40 per second). */
export function loadImages(options: {
  owner: string;
  count: number;
  tag: string;
  visibility?: Visibility;
  members?: ReadonlyArray<readonly [string, string]>;
  namePrefix?: string;
}): string[] {
  const args = [
    path.join(repoRoot, 'test', 'stack', 'load_images.py'),
    '--db', stackInfo().glanceDb,
    '--owner', options.owner,
    '--count', String(options.count),
    '--tag', options.tag,
    '--visibility', options.visibility ?? 'private',
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

export function deleteTaggedImages(tag: string): void {
  execFileSync('/usr/bin/python3', [path.join(repoRoot, 'test', 'stack', 'load_images.py'), '--db', stackInfo().glanceDb, '--delete-tag', tag], { encoding: 'utf8' });
}

/** The real openstack CLI against the stack, with nothing from the developer's shell leaking in. */
export function openstackCli(cloud: string, args: readonly string[]): string {
  const env: NodeJS.ProcessEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: stackDir, OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: cloud, LANG: 'C.UTF-8' };
  return execFileSync('/usr/bin/openstack', args, { env, encoding: 'utf8', timeout: 60_000 });
}

/** A name no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
