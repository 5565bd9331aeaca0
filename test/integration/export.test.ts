import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GlanceImage, MemberStatus } from '../../src/openstack';
import { shellExport, terraformExport, TF_ACCESS, type ScopeExport } from '../../src/sharing';
import { parseHcl, stringAttribute } from '../support/hcl';
import { cloudsFile, connectAs, createImage, deleteImage, openstackCli, stackCloud, stackDir, stackIds, uniqueName, type TestConnection } from '../support/stack';

/** Bob's answers here are ones he gave: a status this client does not know would be a failure of the setup. */
function knownStatus(status: MemberStatus | 'other'): MemberStatus {
  assert.notEqual(status, 'other');
  return status as MemberStatus;
}

interface CliMember {
  'Member ID': string;
  Status: MemberStatus;
}

/**
 * The exported shell script, run for real: the shares are made, their members removed, the
 * script run with the real `openstack` CLI, and Glance must then hold what it held before.
 * Names and one member ID are hostile (quotes, `$(…)`, backticks, a newline), as Glance allows.
 */
describe('export as code against the real Glance and openstack CLI', () => {
  const ids = stackIds();
  let alice: TestConnection;
  let bob: TestConnection;
  const images: GlanceImage[] = [];
  const hostileMember = `x'$(touch pwned)"\`touch pwned\``;
  let workDir: string;

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-export-it-'));
    for (const name of [`${uniqueName('it-export')} "$(touch pwned)" \`touch pwned\``, `${uniqueName('it-export')} it's\nnew line; touch pwned`]) {
      images.push(await createImage(alice, name, 'shared'));
    }
    await alice.glance.addMember(images[0].id, ids.projects.consumer);
    await alice.glance.addMember(images[0].id, ids.projects.other);
    await alice.glance.addMember(images[1].id, ids.projects.consumer);
    await alice.glance.addMember(images[1].id, hostileMember);
    await bob.glance.updateMemberStatus(images[0].id, ids.projects.consumer, 'accepted');
    await bob.glance.updateMemberStatus(images[1].id, ids.projects.consumer, 'rejected');
  });

  after(async () => {
    await Promise.all(images.map((i) => deleteImage(alice, i.id)));
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const memberTable = (imageId: string) =>
    (JSON.parse(openstackCli('alice', ['image', 'member', 'list', imageId, '-f', 'json'])) as CliMember[]).map((m) => [m['Member ID'], m.Status]).sort();

  async function exported(): Promise<ScopeExport[]> {
    const owned = await Promise.all(images.map(async (image) => ({ image, members: await alice.glance.listMembers(image.id) })));
    const answered = await Promise.all(images.map((image) => bob.glance.getMember(image.id, ids.projects.consumer)));
    const scope = (cloud: string, projectId: string) => ({ cloud, source: 'file' as const, region: stackCloud(cloud).regionName, projectId });
    return [
      { scope: scope('alice', ids.projects.producer), owned, incoming: [] },
      { scope: scope('bob', ids.projects.consumer), owned: [], incoming: images.map((image, i) => ({ image, status: knownStatus(answered[i].status) })) },
    ];
  }

  it('the shell script, run with the real CLI after the members were removed, makes Glance hold the same members and answers', async function () {
    this.timeout(900_000); // eight CLI calls of 1–10 s each on a loaded machine
    const before = images.map((i) => memberTable(i.id));
    assert.deepEqual(
      before[0],
      [
        [ids.projects.consumer, 'accepted'],
        [ids.projects.other, 'pending'],
      ].sort(),
    );
    const script = shellExport(await exported());
    assert.equal(spawnSync('bash', ['-n', '-c', script]).status, 0, 'bash -n');
    for (const image of images) {
      for (const m of await alice.glance.listMembers(image.id)) await alice.glance.removeMember(image.id, m.member_id);
    }
    assert.deepEqual(memberTable(images[0].id), [], 'the members are gone before the script runs');
    const file = path.join(workDir, 'shares.sh');
    fs.writeFileSync(file, script);
    const run = spawnSync('sh', [file], {
      cwd: workDir,
      encoding: 'utf8',
      timeout: 800_000,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: stackDir, OS_CLIENT_CONFIG_FILE: cloudsFile, LANG: 'C.UTF-8' },
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(fs.existsSync(path.join(workDir, 'pwned')), false, 'no name or member ID ran as a command');
    assert.deepEqual(
      images.map((i) => memberTable(i.id)),
      before,
      'what `openstack image member list` shows after the script is what it showed before',
    );
  });

  it('the Terraform names every member of the images with its import ID', async () => {
    const body = parseHcl(terraformExport(await exported()));
    const access = body.blocks.filter((b) => b.type === 'resource' && b.labels[0] === TF_ACCESS);
    const pairs = access.map((r) => `${stringAttribute(r.body, 'image_id')}/${stringAttribute(r.body, 'member_id')}`).sort();
    const inGlance = (await Promise.all(images.map(async (i) => (await alice.glance.listMembers(i.id)).map((m) => `${i.id}/${m.member_id}`)))).flat().sort();
    assert.deepEqual(pairs, inGlance);
    const importIds = body.blocks.filter((b) => b.type === 'import').map((b) => stringAttribute(b.body, 'id'));
    for (const pair of pairs) assert.ok(importIds.includes(pair), `an import block for ${pair}`);
    assert.ok(
      pairs.some((p) => p.endsWith(`/${hostileMember}`)),
      'the hostile member ID comes back unchanged',
    );
  });
});
