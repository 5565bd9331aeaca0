// Test data, in one place for every suite, the bench and the demo: images in memory (unit tests),
// images in the real Glance (made and deleted through the caller's own session), names no other
// run uses, and where the local stack keeps its files. Plain Node, no `vscode`, and no path
// derived from __dirname, so the extension-host suites (bundled elsewhere) can use it too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpError } from '../../src/openstack/errors';
import { parseImage } from '../../src/openstack/glance';
import type { GlanceImage, ScopeConnection, Visibility } from '../../src/openstack';

/** An image as Glance lists it, with only what a test cares about set. */
export function image(id: string, overrides: Partial<GlanceImage> = {}): GlanceImage {
  return {
    id,
    name: id,
    status: 'active',
    visibility: 'private',
    owner: 'me',
    protected: false,
    disk_format: 'raw',
    container_format: 'bare',
    size: null,
    virtual_size: null,
    min_disk: 0,
    min_ram: 0,
    checksum: null,
    created_at: '',
    updated_at: '',
    tags: [],
    os_hidden: false,
    ...overrides,
  };
}

/** `<prefix>-<ms since 1970, base 36>-<5 random>`: a name (or tag) no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** When a uniqueName() was made (ms since 1970), NaN for another name. */
export function uniqueNameTime(name: string): number {
  const parts = name.split('-');
  return parts.length >= 3 ? parseInt(parts[parts.length - 2] ?? '', 36) : NaN;
}

// ---- the local stack's files (test/stack/up.sh writes them) -------------------------------------

/** Projects and users seeded by test/stack/stack.py; the e2e ones belong to the e2e suites alone. */
export interface StackIds {
  readonly projects: Record<'admin' | 'producer' | 'consumer' | 'other' | 'service' | 'e2e-producer' | 'e2e-consumer' | 'ops', string>;
  readonly users: Record<'admin' | 'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank' | 'gina' | 'rita' | 'remy' | 'gus', string>;
  readonly appcred: { readonly id: string; readonly name: string; readonly secret: string };
}

/** The stack's two catalog regions: one Keystone, one Glance (with its own database) per region. */
export type StackRegion = 'RegionOne' | 'RegionTwo';

/** The running stack, from its stack.json. */
export interface StackInfo {
  readonly keystoneUrl: string;
  readonly keystoneShortUrl: string;
  /** RegionOne's glance (the one every cloud without "-r2" uses); regions has both. */
  readonly glanceUrl: string;
  readonly shortTokenSeconds: number;
  readonly glanceDb: string;
  readonly regions: Record<StackRegion, { readonly glanceUrl: string; readonly glanceDb: string }>;
  /** RegionOne's glance under each policy profile: the same database, two policies (test/stack/up.sh). */
  readonly policyProfiles: Record<PolicyProfileName, { readonly glanceUrl: string }>;
  readonly stackDir: string;
  readonly pids: {
    readonly keystone: number;
    readonly keystoneShort: number;
    readonly glance: number;
    readonly glanceRegionTwo: number;
    readonly glanceSecureRbac: number;
  };
}

export type PolicyProfileName = 'legacy' | 'secure-rbac';

export interface StackPaths {
  readonly dir: string;
  readonly cloudsFile: string;
  readonly idsFile: string;
  readonly stackJson: string;
}

export function stackPaths(dir: string): StackPaths {
  return { dir, cloudsFile: path.join(dir, 'clouds.yaml'), idsFile: path.join(dir, 'ids.json'), stackJson: path.join(dir, 'stack.json') };
}

function readStackFile<T>(file: string): T {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist: start the local stack with "npm run stack:up" (npm test does it for you).`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function readStackIds(dir: string): StackIds {
  return readStackFile<StackIds>(stackPaths(dir).idsFile);
}

export function readStackInfo(dir: string): StackInfo {
  return readStackFile<StackInfo>(stackPaths(dir).stackJson);
}

// ---- images in the real Glance ------------------------------------------------------------------

export interface ImageOptions {
  readonly tags?: readonly string[];
  readonly diskFormat?: string;
  /** Glance takes a client-chosen ID: the same image ID in two regions, as operators who copy images have. */
  readonly id?: string;
}

/** Image creation is not part of glance-share: fixtures are made with a raw request of the owner's session. */
export async function createImage(owner: ScopeConnection, name: string, visibility: Visibility, options: ImageOptions = {}): Promise<GlanceImage> {
  const response = await owner.session.request({
    service: 'glance',
    operation: 'getImage',
    method: 'POST',
    url: `${owner.glance.endpoint}/v2/images`,
    body: { ...(options.id ? { id: options.id } : {}), name, visibility, disk_format: options.diskFormat ?? 'raw', container_format: 'bare', tags: options.tags ?? [] },
  });
  return parseImage(response.data);
}

/** Deletes an image; one already gone (a test that deleted it itself) is no error. */
export async function deleteImage(owner: ScopeConnection, id: string): Promise<void> {
  try {
    await owner.session.request({ service: 'glance', operation: 'getImage', method: 'DELETE', url: `${owner.glance.endpoint}/v2/images/${id}` });
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 404)) throw error;
  }
}

/** The HTTP status of a Glance call made with a test's own session: 200 when it succeeded. */
export async function glanceStatus(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}
