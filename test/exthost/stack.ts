// The local Keystone + Glance as the extension-host suites see it: the driver passes
// OS_CLIENT_CONFIG_FILE=<repo>/.stack/clouds.yaml to code-server, so the extension shows its clouds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GlanceShareApi } from '../../src/extension';
import { connect, loadCloudConfigs, parseImage, silentLogger, type GlanceImage, type ScopeConnection } from '../../src/openstack';
import type { Scope } from '../../src/ui/connections';
import { activated, waitFor } from './support';

export interface StackIds {
  readonly projects: Record<'admin' | 'producer' | 'consumer' | 'other', string>;
}

export function stackDir(): string {
  const file = process.env.OS_CLIENT_CONFIG_FILE;
  if (!file) throw new Error('OS_CLIENT_CONFIG_FILE is not set: the exthost driver passes the stack\u2019s clouds.yaml');
  return path.dirname(file);
}

export function stackIds(): StackIds {
  return JSON.parse(fs.readFileSync(path.join(stackDir(), 'ids.json'), 'utf8')) as StackIds;
}

export async function api(): Promise<GlanceShareApi> {
  return activated<GlanceShareApi>();
}

/** Waits until no scope is still connecting, then returns the scopes. */
export async function settledScopes(): Promise<readonly Scope[]> {
  const { ctx } = await api();
  await waitFor(() => ctx.connections.loaded && ctx.connections.scopes.every((s) => s.state.kind !== 'connecting'), 'every cloud to finish signing in', 30_000);
  return ctx.connections.scopes;
}

export async function scopeNamed(cloud: string, projectId?: string): Promise<Scope> {
  const scopes = await settledScopes();
  const scope = scopes.find((s) => s.cloud.name === cloud && (!projectId || (s.state.kind === 'connected' && s.state.connection.session.projectScope?.id === projectId)));
  if (!scope) throw new Error(`no scope for cloud ${cloud}${projectId ? ` in ${projectId}` : ''}: ${scopes.map((s) => `${s.cloud.name}:${s.state.kind}`).join(', ')}`);
  return scope;
}

/** A session of our own (a second copy of src/openstack) for fixtures the extension then sees. */
export async function connectAs(cloud: string): Promise<ScopeConnection> {
  const config = loadCloudConfigs({ env: { OS_CLIENT_CONFIG_FILE: process.env.OS_CLIENT_CONFIG_FILE } }).clouds.find((c) => c.name === cloud);
  if (!config) throw new Error(`no cloud ${cloud} in ${process.env.OS_CLIENT_CONFIG_FILE}`);
  return connect(config, { logger: silentLogger });
}

/** Image creation is not part of glance-share: fixtures are made with a raw request. */
export async function createImage(owner: ScopeConnection, namePrefix: string, visibility: 'private' | 'shared'): Promise<GlanceImage> {
  const response = await owner.session.request({
    service: 'glance',
    operation: 'getImage',
    method: 'POST',
    url: `${owner.glance.endpoint}/v2/images`,
    body: { name: `${namePrefix}-${Date.now().toString(36)}`, visibility, disk_format: 'raw', container_format: 'bare' },
  });
  return parseImage(response.data);
}

export async function deleteImage(owner: ScopeConnection, id: string): Promise<void> {
  await owner.session.request({ service: 'glance', operation: 'getImage', method: 'DELETE', url: `${owner.glance.endpoint}/v2/images/${id}` }).catch(() => undefined);
}
