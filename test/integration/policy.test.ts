// What each role is offered under each Glance policy profile, tried against the real Glance: every
// change the rule offers (src/sharing/permissions.ts through allowedActions and visibilityChoices)
// must succeed, every change it withholds must be refused with 403. The same database is served
// by two glance-api processes, legacy and secure-RBAC (test/stack/up.sh); the *-srbac clouds reach
// the second. The table it prints is docs/glance-behaviour.md#policy-matrix.
import * as assert from 'node:assert/strict';
import { loadScopeImages, type GlanceImage, type MemberStatus, type Visibility, VISIBILITIES } from '../../src/openstack';
import {
  allowedActions,
  derivePermissions,
  listsLikeAdmin,
  viewpointOf,
  visibilityChoices,
  type ImageAction,
  type PolicyProfile,
  type ScopePermissions,
} from '../../src/sharing';
import { glanceStatus as statusOf } from '../support/fixtures';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';

interface MatrixRow {
  readonly profile: PolicyProfile;
  readonly cloud: string;
  readonly roles: string;
  readonly action: string;
  readonly offered: boolean;
  /** Glance's answer: the status code (2xx on success). */
  readonly status: number;
}

const OWNER_CLOUDS: Readonly<Record<PolicyProfile, readonly string[]>> = {
  legacy: ['alice', 'rita', 'gus', 'admin'],
  'secure-rbac': ['alice-srbac', 'rita-srbac', 'gus-srbac', 'admin-srbac'],
};
const MEMBER_CLOUDS: Readonly<Record<PolicyProfile, readonly string[]>> = {
  legacy: ['bob', 'remy'],
  'secure-rbac': ['bob-srbac', 'remy-srbac'],
};
/** Who makes (and restores) a project's fixtures: a member on the legacy glance, same database. */
const MAKER_OF: Readonly<Record<string, string>> = { producer: 'alice', ops: 'gus', admin: 'admin' };

describe('policy profiles: what each role is offered, and what Glance answers', function () {
  this.timeout(240_000);
  const ids = stackIds();
  const rows: MatrixRow[] = [];
  /** Whose listings ignored member_status, per profile and cloud. */
  const adminListings: string[] = [];
  const makers = new Map<string, TestConnection>();
  const made: Array<[TestConnection, string]> = [];

  before(async () => {
    for (const [project, cloud] of Object.entries(MAKER_OF)) makers.set(project, await connectAs(cloud));
  });

  after(async () => {
    for (const [owner, id] of made) await deleteImage(owner, id).catch(() => undefined);
    for (const c of makers.values()) c.dispose();
    // The measured matrix, for docs/glance-behaviour.md#policy-matrix.
    console.log('\n    profile | cloud (roles) | action | offered | Glance');
    for (const r of rows) console.log(`    ${r.profile} | ${r.cloud} (${r.roles}) | ${r.action} | ${r.offered ? 'offered' : 'withheld'} | ${r.status}`);
    console.log('\n    profile | cloud (roles) | Glance ignored member_status');
    for (const line of adminListings) console.log(`    ${line}`);
  });

  async function fixture(maker: TestConnection, visibility: Visibility, members: readonly string[] = []): Promise<GlanceImage> {
    const image = await createImage(maker, uniqueName('it-policy'), visibility);
    made.push([maker, image.id]);
    for (const m of members) await maker.glance.addMember(image.id, m);
    return image;
  }

  function permissionsOf(c: TestConnection, profile: PolicyProfile): ScopePermissions {
    return derivePermissions({ roles: c.session.roles, adminRoles: ['admin'], profile });
  }

  /** Offered must succeed, withheld must be 403: the one assertion of this suite. */
  function check(row: MatrixRow): void {
    rows.push(row);
    if (row.offered) assert.ok(row.status < 300, `${row.cloud} was offered ${row.action} but Glance answered ${row.status}`);
    else assert.equal(row.status, 403, `${row.cloud} was not offered ${row.action}, but Glance answered ${row.status} (it would allow it)`);
  }

  for (const profile of ['legacy', 'secure-rbac'] as const) {
    for (const cloud of OWNER_CLOUDS[profile]) {
      it(`${profile}: ${cloud} as the owner: share, remove members, visibility`, async () => {
        const c = await connectAs(cloud);
        try {
          const project = Object.entries(ids.projects).find(([, id]) => id === c.session.projectScope?.id)?.[0] ?? '';
          const maker = makers.get(project);
          assert.ok(maker, `no maker for project ${project}`);
          const permissions = permissionsOf(c, profile);
          const me = viewpointOf(c.session, undefined, { permissions });
          const base = { profile, cloud, roles: c.session.roles.join(', ') };
          const offers = (image: GlanceImage, action: ImageAction) => allowedActions(image, me).includes(action);

          // Share a shared image with one more project.
          const shared = await fixture(maker, 'shared', [ids.projects.consumer]);
          check({ ...base, action: 'add member', offered: offers(shared, 'share'), status: await statusOf(() => c.glance.addMember(shared.id, ids.projects.other)) });
          check({ ...base, action: 'list members', offered: offers(shared, 'showMembers'), status: await statusOf(() => c.glance.listMembers(shared.id)) });
          check({
            ...base,
            action: 'delete member',
            offered: offers(shared, 'removeMember'),
            status: await statusOf(() => c.glance.removeMember(shared.id, ids.projects.consumer)),
          });

          // Share a private image: made shared, then the member added; withheld = one of them refused.
          const priv = await fixture(maker, 'private');
          const steps = [await statusOf(() => c.glance.setVisibility(priv.id, 'shared'))];
          if (steps[0] < 300) steps.push(await statusOf(() => c.glance.addMember(priv.id, ids.projects.consumer)));
          const refused = steps.find((s) => s >= 300);
          check({ ...base, action: 'share a private image', offered: offers(priv, 'share'), status: refused ?? 200 });

          // Every visibility from shared: offered ones succeed, the others are refused.
          const choices = visibilityChoices(shared, me).map((v) => v.visibility);
          for (const target of VISIBILITIES.filter((v) => v !== 'shared')) {
            const status = await statusOf(() => c.glance.setVisibility(shared.id, target));
            check({ ...base, action: `visibility shared → ${target}`, offered: offers(shared, 'setVisibility') && choices.includes(target), status });
            if (status < 300) await maker.glance.setVisibility(shared.id, 'shared');
          }
        } finally {
          c.dispose();
        }
      });
    }

    for (const cloud of MEMBER_CLOUDS[profile]) {
      it(`${profile}: ${cloud} as the member: accept, reject, reset`, async () => {
        const c = await connectAs(cloud);
        try {
          const producer = makers.get('producer');
          assert.ok(producer);
          const image = await fixture(producer, 'shared', [c.session.projectScope?.id ?? '']);
          const permissions = permissionsOf(c, profile);
          const base = { profile, cloud, roles: c.session.roles.join(', ') };
          const answers: Array<[MemberStatus, ImageAction]> = [
            ['accepted', 'accept'],
            ['rejected', 'reject'],
            ['pending', 'resetPending'],
          ];
          let current: MemberStatus = 'pending';
          for (const [status, action] of answers) {
            if (status === current) continue;
            const offered = allowedActions(image, viewpointOf(c.session, current, { permissions })).includes(action);
            const answer = await statusOf(() => c.glance.updateMemberStatus(image.id, c.session.projectScope?.id ?? '', status));
            check({ ...base, action: `answer ${current} → ${status}`, offered, status: answer });
            if (answer < 300) current = status;
          }
        } finally {
          c.dispose();
        }
      });
    }

    it(`${profile}: Glance ignores member_status for admin and glance_admin, not for the others`, async () => {
      const producer = makers.get('producer');
      assert.ok(producer);
      // one shared image of another project with a member, so there is something to list
      await fixture(producer, 'shared', [ids.projects.consumer]);
      for (const cloud of [...OWNER_CLOUDS[profile], ...MEMBER_CLOUDS[profile]]) {
        const c = await connectAs(cloud);
        try {
          const projectId = c.session.projectScope?.id ?? '';
          const loaded = await loadScopeImages(c.glance, projectId);
          const detected = loaded.listedAsAdmin || listsLikeAdmin(projectId, loaded.incoming);
          const expected = c.session.roles.some((r) => r === 'admin' || r === 'glance_admin');
          adminListings.push(`${profile} | ${cloud} (${c.session.roles.join(', ')}) | ${detected ? 'yes' : 'no'}`);
          assert.equal(detected, expected, `${cloud}: lists like an admin ${detected}, roles ${c.session.roles.join(', ')}`);
        } finally {
          c.dispose();
        }
      }
    });
  }

  it('auto: under the secure-RBAC glance it offers exactly what secure-rbac offers', async () => {
    for (const cloud of [...OWNER_CLOUDS['secure-rbac'], ...MEMBER_CLOUDS['secure-rbac']]) {
      const c = await connectAs(cloud);
      try {
        const auto = derivePermissions({ roles: c.session.roles, adminRoles: ['admin'], profile: 'auto' });
        const secure = permissionsOf(c, 'secure-rbac');
        assert.deepEqual(
          Object.fromEntries(Object.entries(auto.writes).map(([w, p]) => [w, p.allowed])),
          Object.fromEntries(Object.entries(secure.writes).map(([w, p]) => [w, p.allowed])),
          cloud,
        );
      } finally {
        c.dispose();
      }
    }
  });
});
