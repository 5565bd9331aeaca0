// The access overview's reader with a stand-in Glance: rows appear loading before any member list
// is read, at most OVERVIEW_CONCURRENCY member lists are in flight, one failing image says why in
// its row while the others load, a failed listing marks its scope, and a newer read stops an older one.
import * as assert from 'node:assert/strict';
import type { GlanceImage, GlanceMember } from '../../../src/openstack';
import type { OverviewModel } from '../../../src/sharing';
import type { Scope } from '../../../src/ui/connections';
import { OVERVIEW_CONCURRENCY, OverviewReader, type OverviewReaderDeps } from '../../../src/ui/overview/overviewReader';
import { image } from '../../support/fixtures';

const OWNER = 'o'.repeat(32);

interface FakeGlance {
  inFlight: number;
  maxInFlight: number;
  listAllImages(filters: { owner?: string; visibility?: string }): Promise<GlanceImage[]>;
  listMembers(imageId: string): Promise<GlanceMember[]>;
}

function fakeScope(id: string, images: GlanceImage[], failing: ReadonlySet<string> = new Set(), listingError?: Error): { scope: Scope; glance: FakeGlance } {
  const glance: FakeGlance = {
    inFlight: 0,
    maxInFlight: 0,
    async listAllImages(filters) {
      if (listingError) throw listingError;
      assert.deepEqual(filters, { owner: OWNER, visibility: 'shared' });
      return images;
    },
    async listMembers(imageId) {
      glance.inFlight++;
      glance.maxInFlight = Math.max(glance.maxInFlight, glance.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      glance.inFlight--;
      if (failing.has(imageId)) throw Object.assign(new Error('404'), { explanation: 'The image is gone.' });
      return [{ image_id: imageId, member_id: `m-${imageId}`, status: 'pending', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' }];
    },
  };
  const connection = { glance, session: { projectScope: { id: OWNER, name: 'producer' } } };
  return { scope: { id, cloud: { name: 'c' }, state: { kind: 'connected', connection } } as unknown as Scope, glance };
}

const warnings: string[] = [];
const deps = {
  connections: { knownProjects: async () => new Set<string>() },
  directory: { rawNameOf: async (_scope: unknown, id: string) => (id === 'm-i0' ? 'team-zero' : undefined) },
  log: { warn: (line: string) => warnings.push(line) },
} as unknown as OverviewReaderDeps;

const images = (n: number) => Array.from({ length: n }, (_, i) => image(`i${i}`, { name: `img-${i}`, owner: OWNER, visibility: 'shared' }));

describe('access overview reader (stand-in Glance)', () => {
  it('shows every row loading first, reads at most 4 member lists at once, and a failing image says why while the rest load', async () => {
    const { scope, glance } = fakeScope('s1', images(12), new Set(['i5']));
    const reader = new OverviewReader(deps);
    const seen: OverviewModel[] = [];
    await reader.read(
      [scope],
      () => seen.push(reader.model()),
      () => false,
    );
    const firstWithRows = seen.find((m) => m.rows.length > 0)!;
    assert.ok(
      firstWithRows.rows.every((r) => r.state === 'loading'),
      'rows appear before their members are read',
    );
    assert.ok(glance.maxInFlight <= OVERVIEW_CONCURRENCY && glance.maxInFlight > 1, `in flight at most ${OVERVIEW_CONCURRENCY}: ${glance.maxInFlight}`);
    const model = reader.model();
    assert.equal(model.done, true);
    assert.deepEqual(
      model.rows.map((r) => r.state),
      images(12).map((i) => (i.id === 'i5' ? 'failed' : 'loaded')),
    );
    assert.equal(model.rows[5].reason, 'The image is gone.');
    assert.equal(model.names['m-i0'], 'team-zero');
    assert.equal(reader.requests, 13, 'one listing and one member list per image');
    assert.ok(warnings.some((w) => /i5/.test(w)));
  });

  it('a scope whose listing fails says why; the other scope shows', async () => {
    const good = fakeScope('s1', images(2));
    const bad = fakeScope('s2', [], new Set(), Object.assign(new Error('503'), { explanation: 'Glance is unavailable.' }));
    const reader = new OverviewReader(deps);
    await reader.read(
      [good.scope, bad.scope],
      () => undefined,
      () => false,
    );
    const model = reader.model();
    assert.deepEqual(
      model.scopes.map((s) => [s.scopeId, s.error]),
      [
        ['s1', undefined],
        ['s2', 'Glance is unavailable.'],
      ],
    );
    assert.equal(model.rows.length, 2);
  });

  it('a read made stale stops starting member lists', async () => {
    const { scope, glance } = fakeScope('s1', images(40));
    let started = 0;
    const original = glance.listMembers.bind(glance);
    glance.listMembers = (id) => {
      started++;
      return original(id);
    };
    const reader = new OverviewReader(deps);
    await reader.read(
      [scope],
      () => undefined,
      () => started >= 6,
    );
    assert.ok(started < 40, `stopped early: ${started} started`);
    assert.equal(reader.model().done, false);
  });
});
