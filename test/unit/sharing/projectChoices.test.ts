import * as assert from 'node:assert/strict';
import { entryApplies, parseAddressBook, withEntry } from '../../../src/sharing/addressBook';
import { collidingNames, mergeCandidates, nameNotFound, readPickerText } from '../../../src/sharing/projectChoices';

const A = '2765e65c9f3648ecb4bca283821f8cf0';
const B = '0c5c1f0e9d2a4b6c8e1f3a5b7c9d0e2f';

describe('project picker: what the typed text is', () => {
  it('one or many IDs, normalised; a name; a mix that is neither', () => {
    assert.deepEqual(readPickerText(''), { kind: 'empty' });
    assert.deepEqual(readPickerText(`${A}, ${B.toUpperCase()}`), { kind: 'ids', ids: [A, B] });
    assert.deepEqual(readPickerText('payments-prod'), { kind: 'name', name: 'payments-prod' });
    const mixed = readPickerText(`${A} 12345`);
    assert.equal(mixed.kind, 'invalid');
    assert.match(mixed.kind === 'invalid' ? mixed.problems[0].message : '', /has 5 hex digits/);
  });

  it('a name that leads nowhere says why and how to get the ID, never offering it to Glance', () => {
    const forbidden = nameNotFound('payments', 'forbidden');
    assert.match(forbidden.why, /Keystone does not let this identity look projects up by name/);
    assert.match(forbidden.advice, /Glance needs the project ID, never a name: .*Copy My Project ID.*openstack token issue/);
    assert.match(nameNotFound('payments', 'none').why, /Keystone has no project named "payments"/);
  });
});

describe('project picker: merging the sources', () => {
  it('one candidate per ID, every source kept in order, the first name kept', () => {
    const merged = mergeCandidates([
      [{ id: A, name: 'consumer', sources: ['mine'] }],
      [
        { id: A, sources: ['member'] },
        { id: B, sources: ['member'] },
      ],
      [{ id: B, name: 'partner', note: 'n', sources: ['addressBook'] }],
    ]);
    assert.deepEqual(merged, [
      { id: A, name: 'consumer', domainId: undefined, domainName: undefined, note: undefined, sources: ['mine', 'member'] },
      { id: B, name: 'partner', domainId: undefined, domainName: undefined, note: 'n', sources: ['member', 'addressBook'] },
    ]);
  });

  it('names shared across domains are colliding; the same name twice in one domain is not', () => {
    assert.deepEqual(
      [
        ...collidingNames([
          { id: A, name: 'web', domainId: 'default', sources: ['keystone'] },
          { id: B, name: 'web', domainId: 'customers', sources: ['keystone'] },
        ]),
      ],
      ['web'],
    );
    assert.equal(collidingNames([{ id: A, name: 'web', domainId: 'default', sources: ['mine'] }]).size, 0);
  });
});

describe('address book file', () => {
  it('keeps good entries and names each problem by entry and key', () => {
    const read = parseAddressBook(
      JSON.stringify({
        projects: [
          { name: 'payments', id: A.toUpperCase(), cloud: 'prod', region: 'RegionOne', note: 'ask #pay' },
          { name: 'typo', id: 'payments' },
          { id: B },
          { name: 'extra', id: B, colour: 'red' },
          { name: 'again', id: B },
        ],
      }),
    );
    assert.deepEqual(read.entries, [
      { id: A, name: 'payments', cloud: 'prod', region: 'RegionOne', note: 'ask #pay' },
      { id: B, name: 'extra' },
    ]);
    assert.equal(read.problems.length, 4, read.problems.join('\n'));
    assert.match(read.problems[0], /^projects\[1\]\.id: "payments" looks like a name, not an ID/);
    assert.equal(read.problems[1], 'projects[2].name: missing');
    assert.match(read.problems[2], /^projects\[3\]: unknown key "colour"/);
    assert.equal(read.problems[3], 'projects[4]: the same project as projects[3]; the first is used');
  });

  it('says what shape it expects from a file that is not JSON or has no list', () => {
    assert.match(parseAddressBook('{').problems[0], /^not valid JSON/);
    assert.match(parseAddressBook('[]').problems[0], /expected an object with a "projects" list/);
  });

  it('an entry applies to its cloud (name or Keystone URL) and region, or everywhere when it names none', () => {
    const place = { cloudName: 'prod', authUrl: 'https://keystone.example.com:5000/v3/', region: 'RegionOne' };
    assert.ok(entryApplies({ id: A, name: 'x' }, place));
    assert.ok(entryApplies({ id: A, name: 'x', cloud: 'prod' }, place));
    assert.ok(entryApplies({ id: A, name: 'x', cloud: 'https://keystone.example.com:5000' }, place));
    assert.ok(!entryApplies({ id: A, name: 'x', cloud: 'staging' }, place));
    assert.ok(!entryApplies({ id: A, name: 'x', region: 'RegionTwo' }, place));
  });

  it('adds an entry, or replaces the one of the same project, keeping the rest of the file', () => {
    const first = withEntry(undefined, { id: A, name: 'payments', cloud: 'prod' });
    assert.deepEqual(JSON.parse(first), { projects: [{ name: 'payments', id: A, cloud: 'prod' }] });
    const second = withEntry(first.replace('{', '{ "comment": "ours",'), { id: A, name: 'payments-prod', cloud: 'prod', note: 'n' });
    assert.deepEqual(JSON.parse(second), { comment: 'ours', projects: [{ name: 'payments-prod', id: A, cloud: 'prod', note: 'n' }] });
    assert.throws(() => withEntry('[]', { id: A, name: 'x' }), /not \{ "projects": \[ … \] \}/);
  });
});
