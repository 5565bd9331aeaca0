// (g) Bulk share: I images × P projects (20 × 10), three ways on the same server, each on its own
// fresh images (shared, no members, inserted into dave's project `other`) and its own made-up
// member IDs (Glance accepts any, docs/glance-behaviour.md#member-ids-unchecked), so none meets a
// member another way added:
//   - glance-share: the share plan (each image read, its members listed) and its apply
//     (src/ui/bulkShare.ts: BulkSharing, BULK_CONCURRENCY requests at once), as Share with
//     Project(s)… runs them after the user's Share;
//   - the openstack CLI: one `openstack image add project <image> <project>` per pair, one after
//     the other, as a user scripts it (the CLI takes one image and one project per call);
//   - the limit: a bare loop of the same POSTs, one after the other, with a token from a plain
//     Keystone POST, no client code.
// Every variant is checked afterwards: each image has exactly its P members.
import { randomBytes } from 'node:crypto';
import type { ScopeConnection } from '../../src/openstack';
import { crossPairs } from '../../src/sharing';
import { BulkSharing, BULK_CONCURRENCY } from '../../src/ui/bulkShare';
import type { Scope } from '../../src/ui/connections';
import type { ActionDeps } from '../../src/ui/imageActions';
import { deleteTaggedImages, loadImages } from '../../test/support/stack';
import { bareToken, runCli, stackIds, stackInfo } from './stack';

export interface BulkShareResult {
  readonly images: number;
  readonly projects: number;
  readonly pairs: number;
  readonly concurrency: number;
  /** glance-share: reading the plan, applying it, both. */
  readonly client: { readonly planMs: number; readonly applyMs: number; readonly ms: number; readonly requests: number };
  /** The same POSTs in a bare loop, one at a time. */
  readonly bare: { readonly ms: number; readonly requests: number };
  /** One CLI call per pair; `pairs` of them measured (all unless --bulk-cli-pairs says fewer), `ms` for those. */
  readonly cli?: { readonly ms: number; readonly pairs: number; readonly perCallMs: number };
  readonly checks: readonly string[];
}

const newProjects = (n: number) => Array.from({ length: n }, () => randomBytes(16).toString('hex'));

/** What BulkSharing needs of the extension around it, and nothing more: no tree, no log. */
function headlessDeps(): ActionDeps {
  const nothing = () => undefined;
  const images = {
    applyOwnedImage: nothing,
    noteRefusal: nothing,
    dropImage: nothing,
    refreshMembers: async () => undefined,
    reloadProjects: async () => undefined,
    permissions: nothing,
  };
  const log = { info: nothing, warn: nothing, error: nothing };
  return { images, log, walkthrough: { reached: nothing } } as unknown as ActionDeps;
}

async function memberCount(connection: ScopeConnection, imageIds: readonly string[]): Promise<number[]> {
  return Promise.all(imageIds.map(async (id) => (await connection.glance.listMembers(id)).length));
}

export async function measureBulkShare(
  dave: ScopeConnection,
  tag: string,
  options: { readonly images: number; readonly projects: number; readonly cli: boolean; readonly cliPairs?: number },
): Promise<BulkShareResult> {
  const owner = stackIds().projects.other;
  const make = (variant: string) => loadImages({ owner, count: options.images, tag, visibility: 'shared', namePrefix: `${tag}-bulk-${variant}` });
  const checks: string[] = [];
  const check = async (variant: string, ids: readonly string[], expected: number) => {
    const counts = await memberCount(dave, ids);
    if (counts.some((c) => c !== expected)) checks.push(`bulk ${variant}: member counts ${counts.join(',')}, expected ${expected} each`);
  };
  try {
    // glance-share
    const clientIds = make('client');
    const clientProjects = newProjects(options.projects);
    const scope = { id: 'bench', cloud: { name: 'dave' }, state: { kind: 'connected', connection: dave } } as unknown as Scope;
    const bulk = new BulkSharing(headlessDeps(), () => 128);
    const known = await Promise.all(clientIds.map((id) => dave.glance.getImage(id)));
    const started = performance.now();
    const plan = await bulk.plan(scope, known, crossPairs(clientIds, clientProjects));
    const planned = performance.now();
    const result = await bulk.apply(scope, plan);
    const done = performance.now();
    const added = result.pairs.filter((r) => r.outcome.kind === 'added').length;
    if (added !== clientIds.length * clientProjects.length) checks.push(`bulk client: ${added} added of ${clientIds.length * clientProjects.length}`);
    await check('client', clientIds, clientProjects.length);

    // the bare loop
    const bareIds = make('bare');
    const bareProjects = newProjects(options.projects);
    const token = await bareToken('dave');
    const glanceUrl = stackInfo().glanceUrl;
    const bareStarted = performance.now();
    for (const { imageId, projectId } of crossPairs(bareIds, bareProjects)) {
      const response = await fetch(`${glanceUrl}/v2/images/${imageId}/members`, {
        method: 'POST',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ member: projectId }),
      });
      await response.arrayBuffer();
      if (!response.ok) checks.push(`bulk bare: POST ${imageId} ${projectId}: HTTP ${response.status}`);
    }
    const bareMs = performance.now() - bareStarted;
    await check('bare', bareIds, bareProjects.length);

    // the CLI
    let cli: BulkShareResult['cli'];
    if (options.cli) {
      const cliIds = make('cli');
      const cliProjects = newProjects(options.projects);
      const pairs = crossPairs(cliIds, cliProjects).slice(0, options.cliPairs ?? Number.POSITIVE_INFINITY);
      const cliStarted = performance.now();
      for (const { imageId, projectId } of pairs) await runCli('dave', ['image', 'add', 'project', imageId, projectId], 5 * 60_000);
      const ms = performance.now() - cliStarted;
      cli = { ms, pairs: pairs.length, perCallMs: ms / pairs.length };
      if (pairs.length === cliIds.length * cliProjects.length) await check('cli', cliIds, cliProjects.length);
    }

    return {
      images: options.images,
      projects: options.projects,
      pairs: options.images * options.projects,
      concurrency: BULK_CONCURRENCY,
      // The plan: one GET of each image and one of its members; the apply: one POST per pair.
      client: { planMs: planned - started, applyMs: done - planned, ms: done - started, requests: 2 * clientIds.length + added },
      bare: { ms: bareMs, requests: bareIds.length * bareProjects.length },
      cli,
      checks,
    };
  } finally {
    deleteTaggedImages(tag);
  }
}
