// The local Keystone + Glance as the extension-host suites see it: the driver passes
// OS_CLIENT_CONFIG_FILE=<repo>/.stack/clouds.yaml to code-server, so the extension shows its clouds.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { GlanceShareApi } from '../../src/extension';
import { connect, loadCloudConfigs, silentLogger, type GlanceImage, type ScopeConnection } from '../../src/openstack';
import type { Scope } from '../../src/ui/connections';
import { readStackIds, readStackInfo, type StackIds, type StackInfo } from '../support/fixtures';
import { activated, waitFor } from './support';

import { createImage, uniqueName } from '../support/fixtures';

export { createImage, deleteImage, uniqueName } from '../support/fixtures';

export function stackDir(): string {
  const file = process.env.OS_CLIENT_CONFIG_FILE;
  if (!file) throw new Error('OS_CLIENT_CONFIG_FILE is not set: the exthost driver passes the stack\u2019s clouds.yaml');
  return path.dirname(file);
}

export function stackIds(): StackIds {
  return readStackIds(stackDir());
}

export function stackInfo(): StackInfo {
  return readStackInfo(stackDir());
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

/** An image of alice's shared with consumer (pending), and alice's and bob's scopes in the running extension. */
export async function aliceSharesWithConsumer(prefix: string): Promise<{ alice: ScopeConnection; image: GlanceImage; aliceScopeId: string; bobScopeId: string }> {
  const alice = await connectAs('alice');
  const image = await createImage(alice, uniqueName(prefix), 'shared');
  await alice.glance.addMember(image.id, stackIds().projects.consumer);
  return { alice, image, aliceScopeId: (await scopeNamed('alice')).id, bobScopeId: (await scopeNamed('bob')).id };
}

/** The real openstack CLI as a person at a terminal would run it against the stack: `openstack(cloud, ['image', 'add', 'project', id, project])`. */
export function openstack(cloud: string, args: readonly string[]): string {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: stackDir(),
    OS_CLIENT_CONFIG_FILE: process.env.OS_CLIENT_CONFIG_FILE,
    OS_CLOUD: cloud,
    LANG: 'C.UTF-8',
  };
  return execFileSync('/usr/bin/openstack', args, { env, encoding: 'utf8', timeout: 60_000 });
}
