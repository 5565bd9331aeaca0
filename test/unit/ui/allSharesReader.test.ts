// The access overview's reader in admin mode with a stand-in Glance and Keystone: one listing of
// visibility=shared without an owner, every owner's image kept with its owner, owners named as
// the picker names them, else by Keystone (GET /v3/projects/{id}), and after Keystone's first
// 403 it is asked no more.
import * as assert from 'node:assert/strict';
import { HttpError, type GlanceImage, type GlanceMember, type KeystoneProject } from '../../../src/openstack';
import type { Scope } from '../../../src/ui/connections';
import { OverviewReader, type OverviewReaderDeps } from '../../../src/ui/overview/overviewReader';
import { image } from '../../support/fixtures';

const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((c) => c.repeat(32));

function adminScope(images: GlanceImage[], keystone: (id: string) => Promise<KeystoneProject>) {
  const listings: Array<Record<string, unknown>> = [];
  const asked: string[] = [];
  const glance = {
    async listAllImages(filters: Record<string, unknown>) {
      listings.push(filters);
      return images;
    },
    async listMembers(imageId: string): Promise<GlanceMember[]> {
      return [{ image_id: imageId, member_id: 'm'.repeat(32), status: 'pending', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }];
    },
  };
  const session = {
    projectScope: { id: 'adm', name: 'admin' },
    getProject: (id: string) => {
      asked.push(id);
      return keystone(id);
    },
  };
  const scope = { id: 'admin-scope', cloud: { name: 'admin' }, state: { kind: 'connected', connection: { glance, session } } } as unknown as Scope;
  return { scope, listings, asked };
}

const deps = {
  connections: { knownProjects: async () => new Set<string>() },
  directory: { rawNameOf: async (_scope: unknown, id: string) => (id === A ? 'producer' : undefined) },
  log: { warn: () => undefined, info: () => undefined },
} as unknown as OverviewReaderDeps;

const shared = (id: string, owner: string) => image(id, { name: id, owner, visibility: 'shared' });

describe('access overview reader, admin mode (stand-in Glance and Keystone)', () => {
  it('lists visibility=shared without an owner, keeps every owner\u2019s images with their owner, and names owners by the picker, then Keystone', async () => {
    const { scope, listings, asked } = adminScope([shared('i1', A), shared('i2', B), shared('i3', B)], async (id) => ({
      id,
      name: id === B ? 'other' : id,
      domain_id: 'default',
      enabled: true,
    }));
    const reader = new OverviewReader(deps, 'admin');
    await reader.read(
      [scope],
      () => undefined,
      () => false,
    );
    const model = reader.model();
    assert.deepEqual(listings, [{ visibility: 'shared' }]);
    assert.equal(model.mode, 'admin');
    assert.deepEqual(
      model.rows.map((r) => [r.imageId, r.ownerId, r.state]),
      [
        ['i1', A, 'loaded'],
        ['i2', B, 'loaded'],
        ['i3', B, 'loaded'],
      ],
    );
    assert.deepEqual(asked, [B], 'Keystone is asked only for an owner the picker cannot name, once');
    assert.equal(model.names[A], 'producer');
    assert.equal(model.names[B], 'other');
  });

  it('after Keystone refuses one owner (a Glance admin who is no Keystone admin), the rest stay IDs and Keystone is asked no more', async () => {
    const owners = [B, C, D, ...['e', 'f', '0', '9'].map((c) => c.repeat(32))];
    const { scope, asked } = adminScope(
      owners.map((owner, i) => shared(`i${i}`, owner)),
      async () => {
        throw new HttpError('keystone', 'other', 'GET', '/v3/projects/x', 403, 'forbidden', 'Keystone refused.');
      },
    );
    const reader = new OverviewReader(deps, 'admin');
    await reader.read(
      [scope],
      () => undefined,
      () => false,
    );
    // Four at a time: the first wave may all be in flight before the refusal arrives, none after it.
    assert.ok(asked.length >= 1 && asked.length <= 4, `asked ${asked.length} of ${owners.length}`);
    assert.deepEqual(reader.model().names, {});
    assert.equal(reader.model().done, true);
  });

  it('an owner\u2019s overview still lists only its own project\u2019s images, without an owner on its rows', async () => {
    const { scope, listings } = adminScope([shared('i1', 'adm'), shared('i2', B)], async () => assert.fail('no Keystone lookup for an owner'));
    const reader = new OverviewReader(deps);
    await reader.read(
      [scope],
      () => undefined,
      () => false,
    );
    assert.deepEqual(listings, [{ owner: 'adm', visibility: 'shared' }]);
    assert.deepEqual(
      reader.model().rows.map((r) => [r.imageId, r.ownerId]),
      [['i1', undefined]],
    );
    assert.equal(reader.model().mode, undefined);
  });
});
