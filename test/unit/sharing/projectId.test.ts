import * as assert from 'node:assert/strict';
import { checkProjectId, parseProjectIds, planMemberAdds, uncheckedProjectsCaution } from '../../../src/sharing';

const ID = '8f1c9a2b3d4e5f60718293a4b5c6d7e8';

describe('project ID validation', () => {
  it('accepts 32 hex digits, trimmed', () => {
    assert.deepEqual(checkProjectId(`  ${ID}\n`), { ok: true, id: ID, input: ID, normalised: false });
  });

  it('normalises a UUID with dashes and upper case to Keystone\u2019s form', () => {
    const check = checkProjectId('8F1C9A2B-3D4E-5F60-7182-93A4B5C6D7E8');
    assert.deepEqual(check, { ok: true, id: ID, input: '8F1C9A2B-3D4E-5F60-7182-93A4B5C6D7E8', normalised: true });
  });

  const refused: Array<[string, string, RegExp]> = [
    ['empty', '', /required/],
    ['spaces only', '   ', /required/],
    ['31 hex digits', ID.slice(1), /has 31 hex digits; a project ID has exactly 32/],
    ['33 hex digits', ID + 'a', /has 33 hex digits/],
    ['a project name', 'consumer', /looks like a name, not an ID/],
    ['inner space', '8f1c9a2b 3d4e', /contains spaces/],
    ['unicode', 'ПРОЕКТ-😀', /is not a project ID/],
    ['misplaced dashes', '8f1c9a2b3d4e-5f60-7182-93a4b5c6d7e8', /is not a project ID|looks like a name/],
    ['1 MB string', 'a'.repeat(1_000_000) + 'z', /is not a project ID/],
  ];
  for (const [name, input, pattern] of refused) {
    it(`refuses ${name} with a message that says what an ID looks like`, () => {
      const check = checkProjectId(input);
      assert.equal(check.ok, false);
      assert.ok(!check.ok);
      assert.match(check.message, pattern);
      assert.match(check.message, /32 hex digits/);
      assert.ok(check.message.length < 400, 'the message quotes at most a short preview of the input');
    });
  }

  it('parses a list separated by commas, spaces and new lines, deduplicated after normalisation', () => {
    const other = 'a'.repeat(32);
    const result = parseProjectIds(`${ID}, ${other}\n8f1c9a2b-3d4e-5f60-7182-93a4b5c6d7e8; bogus`);
    assert.deepEqual(result.ids, [ID, other]);
    assert.deepEqual(result.duplicates, ['8f1c9a2b-3d4e-5f60-7182-93a4b5c6d7e8']);
    assert.equal(result.invalid.length, 1);
    assert.equal(result.invalid[0].input, 'bogus');
  });

  it('gives every refusal a typed reason, so callers never match the text of a message', () => {
    const owner = 'b'.repeat(32);
    const blank = checkProjectId(' ');
    assert.equal(blank.ok ? undefined : blank.reason, 'missing');
    const check = checkProjectId('bogus');
    assert.equal(check.ok ? undefined : check.reason, 'invalid');
    const plan = planMemberAdds(`${ID} bogus ${ID.toUpperCase()} ${owner}`, owner);
    assert.deepEqual(plan.ids, [ID]);
    assert.deepEqual(
      plan.rejected.map((r) => [r.input, r.reason]),
      [
        ['bogus', 'invalid'],
        [ID.toUpperCase(), 'duplicate'],
        [owner, 'owner'],
      ],
    );
    assert.deepEqual(
      planMemberAdds('  ', owner).rejected.map((r) => r.reason),
      ['missing'],
    );
  });

  it('a name gets a hint a normal user can follow (no `openstack project show`, which is refused with 403)', () => {
    const check = checkProjectId('consumer');
    assert.ok(!check.ok);
    assert.doesNotMatch(check.message, /project show/);
    assert.match(check.message, /Copy My Project ID/);
    assert.match(check.message, /openstack token issue -c project_id -f value/);
  });

  it('a well-formed ID no signed-in identity is in gets a caution that says the share still goes ahead', () => {
    const other = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    assert.equal(uncheckedProjectsCaution([ID], new Set([ID])), undefined);
    const caution = uncheckedProjectsCaution([ID, other], new Set([ID]));
    assert.match(String(caution), new RegExp(`^${other} is not a project of any signed-in identity`));
    assert.match(String(caution), /cannot be checked/);
    assert.match(String(caution), /share still goes ahead/);
    assert.match(String(uncheckedProjectsCaution([ID, other], new Set())), /^2 of these IDs/);
  });
});
