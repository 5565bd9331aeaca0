// Sample images for the demo, through the same client the extension uses: a few dozen, in every
// visibility and every member status, so that alice, bob and carol each have something to look at.
// Idempotent: images carry the tag "glance-share-demo" and are made only once.
import { connect, HttpError, silentLogger, type MemberStatus, type ScopeConnection, type Visibility } from '../../src/openstack';
import { createImage } from '../../test/support/fixtures';
import { stackCloud, stackIds } from '../../test/support/stack';

export const DEMO_TAG = 'glance-share-demo';

interface Sample {
  readonly name: string;
  readonly visibility: Visibility;
  /** Member projects (by seed name) and the status each one answers with. */
  readonly members?: ReadonlyArray<readonly ['consumer' | 'other', MemberStatus]>;
}

const ALICE: readonly Sample[] = [
  {
    name: 'ubuntu-24.04-golden',
    visibility: 'shared',
    members: [
      ['consumer', 'accepted'],
      ['other', 'pending'],
    ],
  },
  { name: 'ubuntu-22.04-golden', visibility: 'shared', members: [['consumer', 'accepted']] },
  { name: 'debian-12-hardened', visibility: 'shared', members: [['consumer', 'pending']] },
  {
    name: 'rocky-9-cis',
    visibility: 'shared',
    members: [
      ['consumer', 'pending'],
      ['other', 'accepted'],
    ],
  },
  { name: 'windows-2022-eval', visibility: 'shared', members: [['consumer', 'rejected']] },
  {
    name: 'postgres-16-appliance',
    visibility: 'shared',
    members: [
      ['consumer', 'rejected'],
      ['other', 'rejected'],
    ],
  },
  { name: 'k8s-node-1.31', visibility: 'shared' },
  { name: 'ubuntu-24.04-nightly', visibility: 'private' },
  { name: 'debian-13-beta', visibility: 'private' },
  { name: 'gpu-driver-test', visibility: 'private' },
  { name: 'alpine-3.20-minimal', visibility: 'community' },
  { name: 'fedora-41-cloud', visibility: 'community' },
  { name: '<img src=x onerror=alert(1)> hostile name', visibility: 'private' },
];

const BOB: readonly Sample[] = [
  { name: 'app-backend-2026.11', visibility: 'private' },
  { name: 'app-frontend-2026.11', visibility: 'private' },
  { name: 'consumer-debug-image', visibility: 'shared', members: [['other', 'pending']] },
  { name: 'consumer-tools', visibility: 'community' },
];

const DAVE: readonly Sample[] = [
  { name: 'other-team-base', visibility: 'shared', members: [['consumer', 'pending']] },
  { name: 'other-team-ml', visibility: 'shared', members: [['consumer', 'accepted']] },
];

const ADMIN: readonly Sample[] = [
  { name: 'cirros-0.6.2', visibility: 'public' },
  { name: 'ubuntu-24.04-public', visibility: 'public' },
];

/** alice in the second region (cloud alice-r2): a separate Glance, so bob-r2 sees other shares than bob. */
const ALICE_REGION_TWO: readonly Sample[] = [
  { name: 'ubuntu-24.04-golden', visibility: 'shared', members: [['consumer', 'accepted']] },
  { name: 'region-two-edge-base', visibility: 'shared', members: [['consumer', 'pending']] },
  { name: 'region-two-scratch', visibility: 'private' },
];

/** Creates the samples of one region; `answerer` is who answers for a member project there. */
async function seedSamples(
  owners: ReadonlyArray<readonly [ScopeConnection, readonly Sample[]]>,
  answerer: Partial<Record<'consumer' | 'other', ScopeConnection>>,
): Promise<number> {
  const ids = stackIds();
  let made = 0;
  for (const [owner, samples] of owners) {
    for (const sample of samples) {
      const { id } = await createImage(owner, sample.name, sample.visibility, { tags: [DEMO_TAG], diskFormat: 'qcow2' });
      made++;
      for (const [project, status] of sample.members ?? []) {
        await owner.glance.addMember(id, ids.projects[project]);
        const member = answerer[project];
        if (status !== 'pending') {
          if (!member) throw new Error(`demo seed: no cloud answers for project ${project} in this region`);
          await member.glance.updateMemberStatus(id, ids.projects[project], status);
        }
      }
    }
  }
  return made;
}

const as = (cloud: string) => connect(stackCloud(cloud), { logger: silentLogger });

/** Creates the samples unless they exist (each region checked on its own); returns how many images were made. */
export async function seedDemo(): Promise<number> {
  return (await seedRegionOne()) + (await seedRegionTwo());
}

async function seedRegionTwo(): Promise<number> {
  const [aliceR2, bobR2] = await Promise.all([as('alice-r2'), as('bob-r2')]);
  const existing = await aliceR2.glance.listAllImages({ tag: DEMO_TAG });
  return existing.length > 0 ? 0 : seedSamples([[aliceR2, ALICE_REGION_TWO]], { consumer: bobR2 });
}

async function seedRegionOne(): Promise<number> {
  const ids = stackIds();
  const [alice, bob, dave, admin] = await Promise.all([as('alice'), as('bob'), as('dave'), as('admin')]);
  const existing = await admin.glance.listAllImages({ tag: DEMO_TAG, visibility: 'all', member_status: 'all' });
  if (existing.length > 0) {
    return 0;
  }
  const made = await seedSamples(
    [
      [alice, ALICE],
      [bob, BOB],
      [dave, DAVE],
      [admin, ADMIN],
    ],
    { consumer: bob, other: dave },
  );
  // One incoming share for the producer project too, so carol sees both directions.
  const fromBob = (await bob.glance.listAllImages({ tag: DEMO_TAG, owner: ids.projects.consumer })).find((i) => i.name === 'consumer-debug-image');
  if (fromBob) {
    await bob.glance.addMember(fromBob.id, ids.projects.producer).catch((error: unknown) => {
      if (!(error instanceof HttpError && error.status === 409)) throw error;
    });
  }
  return made;
}
