// Hostile input: project IDs that must never reach Glance, and image names that Glance stores and
// the client must hand back as the very same text (the members panel e2e proves they render as text).
import * as assert from 'node:assert/strict';
import { HttpError } from '../../src/openstack';
import { planMemberAdds } from '../../src/sharing';
import { connectAs, createImage, deleteImage, stackIds, uniqueName, type TestConnection } from '../support/stack';

const HEX = '8f1c9a2b3d4e5f60718293a4b5c6d7e8';

/** Each must be refused before any request. */
const HOSTILE_PROJECT_IDS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['spaces only', '   \t  '],
  ['31 hex digits', HEX.slice(1)],
  ['33 hex digits', `${HEX}0`],
  ['a project name', 'consumer'],
  ['a name with a dash', 'team-consumer'],
  ['unicode letters', 'проект'],
  ['an emoji', '😀😀😀'],
  ['1 MB string', 'a'.repeat(1024 * 1024)],
  ['HTML', `<img src=x onerror=alert(1)>`],
  ['script tag', '<script>alert(1)</script>'],
  ['SQL', "' OR 1=1 --"],
  ['path traversal', '../../etc/passwd'],
  ['URL', 'https://evil.example/x'],
  ['JSON', '{"member":"x"}'],
  ['null byte', `${HEX.slice(0, 16)}\u0000${HEX.slice(16)}`],
  ['right-to-left override', `\u202e${HEX}`],
  ['zero-width space inside', `${HEX.slice(0, 10)}\u200b${HEX.slice(10)}`],
  ['non-hex letters', 'g'.repeat(32)],
  ['UUID with a wrong group', '8f1c9a2b-3d4e-5f60-7182-93a4b5c6d7e8f'],
  ['UUID with braces', `{8f1c9a2b-3d4e-5f60-7182-93a4b5c6d7e8}`],
  ['URN UUID', 'urn:uuid:8f1c9a2b-3d4e-5f60-7182-93a4b5c6d7e8'],
  ['fullwidth digits', '８'.repeat(32)],
  ['the word null', 'null'],
  ['a negative number', '-1'],
];

/** Glance accepts these names; the client must return them unchanged. */
const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("x")</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '\u202egnp.exe',
  'مرحبا بالعالم',
  '[link](command:workbench.action.quit)',
  'a'.repeat(255),
];

describe('hostile input', () => {
  const ids = stackIds();
  let alice: TestConnection;
  const created: string[] = [];

  before(async () => {
    alice = await connectAs('alice');
  });
  after(async () => {
    for (const id of created) await deleteImage(alice, id).catch(() => undefined);
  });

  it(`${HOSTILE_PROJECT_IDS.length} hostile project IDs: each refused with a message, none reaches Glance`, async () => {
    const image = await createImage(alice, uniqueName('rel-hostile-ids'), 'shared');
    created.push(image.id);
    const requestsBefore = alice.session.transport.requestCount.glance;
    for (const [name, input] of HOSTILE_PROJECT_IDS) {
      const plan = planMemberAdds(input, ids.projects.producer);
      assert.deepEqual(plan.ids, [], `${name} must not be sent`);
      assert.ok(plan.rejected.length > 0 && plan.rejected.every((r) => r.message.length > 0 && r.message.length < 400), `${name}: a short message`);
      for (const id of plan.ids) await alice.glance.addMember(image.id, id);
    }
    assert.equal(alice.session.transport.requestCount.glance, requestsBefore, 'no request was made');
    assert.deepEqual(await alice.glance.listMembers(image.id), []);
  });

  it('the owner project itself and repeats are refused too; valid IDs in the same text still go through', async () => {
    const plan = planMemberAdds(`${ids.projects.producer} ${ids.projects.consumer}, ${ids.projects.consumer.toUpperCase()} bogus`, ids.projects.producer);
    assert.deepEqual(plan.ids, [ids.projects.consumer]);
    assert.deepEqual(
      plan.rejected.map((r) => r.message.split(':')[0]).sort(),
      ['"bogus" looks like a name, not an ID (Glance needs the ID', 'listed twice', 'that is the owner project itself'].sort(),
    );
  });

  it(`${HOSTILE_NAMES.length} hostile image names come back from Glance byte for byte`, async () => {
    for (const name of HOSTILE_NAMES) {
      const image = await createImage(alice, name, 'private');
      created.push(image.id);
      assert.equal((await alice.glance.getImage(image.id)).name, name);
    }
  });

  it('a name Glance refuses (4-byte characters) gives its plain reason', async () => {
    await assert.rejects(createImage(alice, 'emoji 😀', 'private'), (e: unknown) => e instanceof HttpError && e.status === 400 && /4 byte unicode/.test(e.serverMessage));
  });
});
