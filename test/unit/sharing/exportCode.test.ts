import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GlanceMember, MemberStatus } from '../../../src/openstack';
import { hclString, shellExport, terraformExport, TF_ACCEPT, TF_ACCESS, type ScopeExport } from '../../../src/sharing';
import { image } from '../../support/fixtures';
import { parseHcl, stringAttribute, type HclBlock } from '../../support/hcl';

const member = (image_id: string, member_id: string, status: MemberStatus = 'pending'): GlanceMember => ({
  image_id,
  member_id,
  status,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-02T00:00:00Z',
});

// Names anyone who can create an image may choose (docs/glance-behaviour.md#names-untrusted), and
// member IDs, which Glance does not check (#member-ids-unchecked).
const HOSTILE_NAMES = [
  'x"; touch "$MARK"; echo "',
  '$(touch "$MARK")',
  '`touch "$MARK"`',
  "it's\nopenstack image delete everything",
  '${var.secret} %{ if true }x%{ endif } $${ok}',
  'back\\slash\\',
  'golden\u202Egnp.exe',
  '\r\ttabs',
];
const HOSTILE_MEMBERS = ['0123456789abcdef0123456789abcdef', '$(touch "$MARK")', 'a\'b"c', '${x}', 'semi;colon && touch "$MARK"'];

function hostileExport(): ScopeExport {
  return {
    scope: { cloud: 'alice $&$1', source: 'file', region: "Region 'One'", projectId: 'p1', projectName: 'producer\nx' },
    owned: HOSTILE_NAMES.map((name, i) => {
      const id = `00000000-0000-0000-0000-00000000000${i}`;
      return { image: image(id, { name, visibility: 'shared', owner: 'p1' }), members: HOSTILE_MEMBERS.map((m) => member(id, m, 'accepted')) };
    }),
    incoming: [{ image: image('11111111-0000-0000-0000-000000000000', { name: HOSTILE_NAMES[1], visibility: 'shared', owner: '$(x)' }), status: 'rejected' }],
    skipped: [{ image: image('22222222-0000-0000-0000-000000000000', { name: HOSTILE_NAMES[3] }), reason: 'private: no members\nrm -rf' }],
  };
}

describe('export as code: the shell script', () => {
  it('every line a hostile name or member ID could break is still one command with exactly its arguments', function () {
    this.timeout(60_000);
    const script = shellExport([hostileExport()], (id) => (id === HOSTILE_MEMBERS[0] ? 'consumer"\n$(x)' : undefined));
    assert.equal(spawnSync('bash', ['-n', '-c', script]).status, 0, 'bash -n');
    assert.equal(spawnSync('sh', ['-n', '-c', script]).status, 0, 'sh -n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-export-'));
    const mark = path.join(dir, 'ran');
    // A stand-in `openstack` that writes its arguments NUL-separated, one call per line.
    const run = spawnSync('bash', ['-c', `openstack() { printf '%s\\0' "$@" >> "$OUT"; printf '\\n' >> "$OUT"; }\n${script}`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, MARK: mark, OUT: path.join(dir, 'calls') },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.existsSync(mark), false, 'nothing from a name or an ID ran');
    const calls = fs
      .readFileSync(path.join(dir, 'calls'), 'utf8')
      .split('\0\n')
      .filter((c) => c)
      .map((c) => c.split('\0'));
    const global = ['--os-cloud', 'alice $&$1', '--os-region-name', "Region 'One'"];
    const expected = [
      ...hostileExport().owned.flatMap(({ image, members }) => members.map((m) => [...global, 'image', 'add', 'project', image.id, m.member_id])),
      [...global, 'image', 'set', '--reject', '11111111-0000-0000-0000-000000000000'],
    ];
    assert.deepEqual(calls, expected);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names and statuses appear only in comments, written out: no raw newline or override can end one', () => {
    const script = shellExport([hostileExport()]);
    for (const line of script.split('\n')) {
      if (!line.startsWith('#') && line !== '' && line !== 'set -u') assert.match(line, /^openstack /, line);
    }
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    assert.doesNotMatch(script, /[\u0000-\u0009\u000B-\u001F\u202A-\u202E]/);
    assert.match(script, /golden\[U\+202E\]gnp\.exe/);
    assert.match(script, /is accepted; only that project can answer: openstack image set --accept 00000000-0000-0000-0000-000000000000/);
  });

  it('an openrc cloud gets the comment that it must be sourced, and no --os-cloud', () => {
    const script = shellExport([
      { scope: { cloud: 'envvars', source: 'env', projectId: 'p' }, owned: [{ image: image('i', { visibility: 'shared' }), members: [member('i', 'c')] }], incoming: [] },
    ]);
    assert.match(script, /# needs the openrc of "envvars" sourced/);
    assert.match(script, /^openstack image add project i c$/m);
  });
});

describe('export as code: Terraform', () => {
  const resources = (blocks: readonly HclBlock[]) => blocks.filter((b) => b.type === 'resource');
  const imports = (blocks: readonly HclBlock[]) => blocks.filter((b) => b.type === 'import');

  it('parses as HCL; each resource has an import block whose ID is the provider\u2019s import format', () => {
    const exported = hostileExport();
    const body = parseHcl(terraformExport([exported]));
    const access = resources(body.blocks).filter((b) => b.labels[0] === TF_ACCESS);
    const accept = resources(body.blocks).filter((b) => b.labels[0] === TF_ACCEPT);
    assert.equal(access.length, HOSTILE_NAMES.length * HOSTILE_MEMBERS.length);
    assert.equal(accept.length, 1);
    // Every hostile image and member ID comes back exactly, in declaration order.
    assert.deepEqual(
      access.map((r) => [stringAttribute(r.body, 'image_id'), stringAttribute(r.body, 'member_id')]),
      exported.owned.flatMap(({ image, members }) => members.map((m) => [image.id, m.member_id])),
    );
    assert.deepEqual(Object.keys(access[0].body.attributes).sort(), ['image_id', 'member_id'], 'no status: it is the member\u2019s to set');
    assert.equal(stringAttribute(accept[0].body, 'status'), 'rejected');
    const names = new Set(resources(body.blocks).map((r) => `${r.labels[0]}.${r.labels[1]}`));
    assert.equal(names.size, access.length + accept.length, 'resource names are unique');
    const importsByTarget = new Map(
      imports(body.blocks).map((b) => {
        const to = b.body.attributes.to;
        assert.ok(to?.kind === 'traversal', 'to is a resource address');
        return [to.path.join('.'), stringAttribute(b.body, 'id')];
      }),
    );
    assert.equal(importsByTarget.size, names.size, 'one import per resource, none extra');
    for (const r of access)
      assert.equal(importsByTarget.get(`${TF_ACCESS}.${r.labels[1]}`), `${stringAttribute(r.body, 'image_id')}/${stringAttribute(r.body, 'member_id')}`);
    assert.equal(importsByTarget.get(`${TF_ACCEPT}.${accept[0].labels[1]}`), '11111111-0000-0000-0000-000000000000');
    for (const r of resources(body.blocks)) assert.match(r.labels[1], /^[A-Za-z_][A-Za-z0-9_-]*$/);
    const [provider] = body.blocks.filter((b) => b.type === 'provider');
    assert.equal(stringAttribute(provider.body, 'cloud'), 'alice $&$1');
    assert.equal(stringAttribute(provider.body, 'region'), "Region 'One'");
    const tf = body.blocks.find((b) => b.type === 'terraform');
    const required = tf?.body.blocks.find((b) => b.type === 'required_providers')?.body.attributes.openstack;
    assert.ok(required?.kind === 'object' && required.attributes.source?.kind === 'string');
    assert.equal(required.attributes.source.value, 'terraform-provider-openstack/openstack');
  });

  it('two scopes get one aliased provider each, and every resource names its own', () => {
    const one = hostileExport();
    const two: ScopeExport = {
      scope: { cloud: 'bob', source: 'file', projectId: 'c1' },
      owned: [],
      incoming: [{ image: image('33333333-0000-0000-0000-000000000000', { name: 'golden', visibility: 'shared', owner: 'p1' }), status: 'accepted' }],
    };
    const body = parseHcl(terraformExport([one, two]));
    const providers = body.blocks.filter((b) => b.type === 'provider').map((p) => stringAttribute(p.body, 'alias'));
    assert.equal(new Set(providers).size, 2);
    for (const r of resources(body.blocks)) {
      const p = r.body.attributes.provider;
      assert.ok(p?.kind === 'traversal' && p.path[0] === 'openstack' && providers.includes(p.path[1]), `provider of ${r.labels[1]}`);
    }
    const bobs = resources(body.blocks).find((r) => stringAttribute(r.body, 'image_id') === '33333333-0000-0000-0000-000000000000');
    const bobsProvider = bobs?.body.attributes.provider;
    assert.deepEqual(bobsProvider?.kind === 'traversal' ? bobsProvider.path : undefined, ['openstack', providers[1]]);
  });

  it('strings are escaped so that HCL reads them back unchanged and starts no template', () => {
    for (const value of [...HOSTILE_NAMES, ...HOSTILE_MEMBERS, '$', '%', '$$', '$${', '\u0085\u2028']) {
      const text = `a = ${hclString(value)}\n`;
      assert.equal(stringAttribute(parseHcl(text), 'a'), value, text);
    }
    assert.throws(() => parseHcl('a = "${x}"\n'), /template/, 'the parser itself refuses an interpolation');
  });
});
