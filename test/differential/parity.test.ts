/**
 * Differential test: glance-share's clouds.yaml / secure.yaml / OS_* loader against the openstack
 * CLI (python-openstackclient 6.0 on openstacksdk 0.101.0), fixture by fixture, field by field.
 * reference.json is reference.py's output; when Debian's python3-openstackclient is installed,
 * the first test checks that reference.json is still what it says.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareFixture, type Difference, FIXTURES, fixtureNames, type FixtureResult, REFERENCE_FILE } from './compare';
import { ACCEPTED, REASONS } from './disagreements';

const PYTHON = '/usr/bin/python3';
const reference = JSON.parse(fs.readFileSync(REFERENCE_FILE, 'utf8')) as Record<string, FixtureResult>;
const accepted = new Map<string, keyof typeof REASONS>();
for (const [reason, entries] of Object.entries(ACCEPTED) as Array<[keyof typeof REASONS, readonly string[]]>) {
  for (const entry of entries) {
    assert.ok(!accepted.has(entry), `${entry} is listed twice in disagreements.ts`);
    accepted.set(entry, reason);
  }
}
const entryOf = (d: Difference) => `${d.fixture} ${d.pair} ${d.field}`;

describe('differential: glance-share resolves clouds as the openstack CLI does', function () {
  const found = new Set<string>();
  /** Per pair, the reasons it differs for: to tell pairs that differ only by the default domain. */
  const reasonsOfPair = new Map<string, Set<string>>();
  let pairs = 0;
  let agreeing = 0;

  it('reference.json is what the installed openstack CLI resolves (skipped without python3-openstackclient)', function () {
    const probe = spawnSync(PYTHON, ['-c', 'import openstackclient, openstack.version; print(openstack.version.__version__)'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      this.skip();
    }
    this.timeout(180_000);
    const fresh = execFileSync(PYTHON, [path.join(__dirname, 'reference.py'), FIXTURES], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.deepEqual(
      JSON.parse(fresh),
      reference,
      'regenerate it: /usr/bin/python3 test/differential/reference.py test/differential/fixtures > test/differential/reference.json',
    );
  });

  it('has at least 50 fixtures, each with a reference result', () => {
    const names = fixtureNames();
    assert.ok(names.length >= 50, `${names.length} fixtures`);
    assert.deepEqual(Object.keys(reference).sort(), names);
  });

  for (const fixture of fixtureNames()) {
    it(fixture, () => {
      const result = compareFixture(fixture, reference[fixture]);
      pairs += result.pairs;
      agreeing += result.agreeing;
      const unexpected = result.differences.filter((d) => !accepted.has(entryOf(d)));
      for (const d of result.differences) {
        found.add(entryOf(d));
        const pair = `${d.fixture} ${d.pair}`;
        reasonsOfPair.set(pair, (reasonsOfPair.get(pair) ?? new Set<string>()).add(accepted.get(entryOf(d)) ?? 'unlisted'));
      }
      assert.deepEqual(
        unexpected.map((d) => `${entryOf(d)}: CLI ${JSON.stringify(d.reference)}, glance-share ${JSON.stringify(d.glanceShare)}`),
        [],
        'differences not listed in test/differential/disagreements.ts',
      );
    });
  }

  it('every accepted disagreement still disagrees (the list is exact)', function () {
    const stale = [...accepted.keys()].filter((entry) => !found.has(entry));
    assert.deepEqual(stale, [], 'listed in disagreements.ts but glance-share now agrees with the CLI: remove them');
    const byReason = Object.entries(ACCEPTED)
      .map(([reason, entries]) => `${reason} ${entries.length}`)
      .join(', ');
    const domainOnly = [...reasonsOfPair.entries()].filter(
      ([pair, reasons]) => !pair.endsWith('(default)') && reasons.size === 1 && reasons.has('DEFAULT_DOMAIN'),
    ).length;
    console.log(
      `      ${fixtureNames().length} fixtures, ${pairs} (cloud, region) pairs: ${agreeing} agree on every field, ${domainOnly} more differ only by the default-domain fallback; ` +
        `${accepted.size} accepted differences (${byReason})`,
    );
  });
});
