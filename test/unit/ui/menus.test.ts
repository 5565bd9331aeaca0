// package.json's menus against the code that builds the rows' contextValues: every token a
// `viewItem` clause reads must be one some row can carry (a typo or a renamed flag would hide
// the entry for good), and every flag a row carries must be read by some menu (a flag nobody
// reads is a menu entry that was forgotten). The values are built by the real builders over
// every input they distinguish, not listed by hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capabilitiesOf } from '../../../src/openstack/apiVersions';
import { IMAGE_VISIBILITIES, MEMBER_STATUSES } from '../../../src/openstack/models';
import { IMAGE_ACTIONS, imageContextValue } from '../../../src/sharing/actions';
import { POLICY_PROFILES, derivePermissions } from '../../../src/sharing/permissions';
import {
  CONFIG_ERROR_CONTEXT_VALUE,
  GROUP_NAMES,
  MESSAGE_CONTEXT_VALUES,
  SCOPE_STATE_KINDS,
  groupContextValue,
  scopeRowContextValue,
  subgroupContextValue,
} from '../../../src/ui/tree/contextValues';
import { image } from '../../support/fixtures';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]>; commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
};

// ---- what code can emit ------------------------------------------------------------------------

function* booleans(n: number): Generator<boolean[]> {
  for (let bits = 0; bits < 1 << n; bits++) yield Array.from({ length: n }, (_, i) => (bits & (1 << i)) !== 0);
}

function emittedValues(): Set<string> {
  const values = new Set<string>();
  for (const visibility of IMAGE_VISIBILITIES) {
    for (const owner of ['me', 'them']) {
      for (const memberStatus of [undefined, ...MEMBER_STATUSES]) {
        for (const [isAdmin, os_hidden] of booleans(2)) {
          // Image API versions that gate actions: unknown (all), before 2.5, before 2.7, 2.7.
          for (const capabilities of [undefined, ...[3, 6, 7].map((minor) => capabilitiesOf({ id: `v2.${minor}`, major: 2, minor }))]) {
            values.add(imageContextValue(image('i', { visibility, owner, os_hidden }), { projectId: 'me', memberStatus, isAdmin, capabilities }));
          }
        }
        // every role a token may have, under both policy profiles
        for (const roles of [['reader'], ['member', 'reader'], ['admin', 'member', 'reader']]) {
          for (const profile of POLICY_PROFILES) {
            const permissions = derivePermissions({ roles, adminRoles: ['admin'], profile });
            values.add(
              imageContextValue(image('i', { visibility, owner }), { projectId: 'me', memberStatus, isAdmin: permissions.writes.publicize.allowed, permissions }),
            );
          }
        }
      }
    }
  }
  for (const state of SCOPE_STATE_KINDS) {
    for (const [applicationCredential, extra, userCloud, storedSecret, admin] of booleans(5)) {
      values.add(scopeRowContextValue({ state, applicationCredential, extra, userCloud, storedSecret, admin }));
    }
  }
  GROUP_NAMES.forEach((group) => values.add(groupContextValue(group)));
  IMAGE_VISIBILITIES.forEach((v) => values.add(subgroupContextValue('mine', v)));
  MEMBER_STATUSES.forEach((s) => values.add(subgroupContextValue('incoming', s)));
  MESSAGE_CONTEXT_VALUES.forEach((v) => values.add(v));
  values.add(CONFIG_ERROR_CONTEXT_VALUE);
  return values;
}

const kindOf = (value: string) => value.split(';')[0];

/**
 * The flags of a value: `can:<action>`, and bare words after its first fact (`extra`, `user`,
 * `storedSecret`). Facts (`state:connected`, `visibility:shared`, an image's role right after
 * its kind) describe the row and need no menu.
 */
function flagsOf(value: string): string[] {
  return value
    .split(';')
    .slice(1)
    .filter((token, i) => token.startsWith('can:') || (i >= 1 && !token.includes(':')));
}

// ---- what menus read ---------------------------------------------------------------------------

/** One `viewItem` test of a when clause. */
interface ViewItemTest {
  readonly text: string;
  readonly matches: (value: string) => boolean;
  /** The row kinds it requires (from `==` or a `^` anchor); undefined = any kind. */
  readonly kinds?: readonly string[];
  /** The tokens it requires after the kind. */
  readonly tokens: readonly string[];
}

const TOKEN = /^[\w:-]+$/;

function alternatives(piece: string, clause: string): string[] {
  const group = /^\((.*)\)$/.exec(piece);
  const words = group ? group[1].split('|') : [piece];
  for (const word of words) {
    if (!TOKEN.test(word)) throw new Error(`cannot read "${piece}" in the when clause "${clause}": this test reads ^kind;, .* and ;token(;|$) — extend it`);
  }
  return words;
}

/** Reads the `viewItem` tests of a when clause (terms joined by &&). */
function viewItemTests(when: string): ViewItemTest[] {
  if (when.includes('||')) throw new Error(`"${when}": || is not read by this test — extend it`);
  const tests: ViewItemTest[] = [];
  for (const term of when.split('&&').map((t) => t.trim())) {
    if (!term.startsWith('viewItem')) continue;
    const equal = /^viewItem\s*==\s*([\w;:-]+)$/.exec(term);
    if (equal) {
      const [kind, ...tokens] = equal[1].split(';');
      tests.push({ text: term, matches: (v) => v === equal[1], kinds: [kind], tokens });
      continue;
    }
    const regex = /^viewItem\s*=~\s*\/(.*)\/$/.exec(term);
    if (!regex) throw new Error(`cannot read "${term}": only viewItem == value and viewItem =~ /regex/ are read — extend the test`);
    const source = regex[1];
    const anchored = source.startsWith('^');
    const pieces = source
      .replace(/^\^/, '')
      .replace(/\(;\|\$\)$/, '')
      .split(';')
      .filter((p) => p !== '' && p !== '.*');
    const kinds = anchored ? alternatives(pieces.shift() ?? '', when) : undefined;
    const tokens = pieces.map((p) => {
      const words = alternatives(p, when);
      if (words.length > 1) throw new Error(`"${term}": alternatives after the kind are not read by this test — extend it`);
      return words[0];
    });
    const re = new RegExp(source);
    tests.push({ text: term, matches: (v) => re.test(v), kinds, tokens });
  }
  return tests;
}

interface Reader {
  readonly menu: string;
  readonly command: string;
  readonly tests: readonly ViewItemTest[];
}

function readers(): Reader[] {
  const out: Reader[] = [];
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    for (const entry of entries) {
      const tests = entry.when ? viewItemTests(entry.when) : [];
      if (tests.length) out.push({ menu, command: entry.command, tests });
    }
  }
  return out;
}

/** The kinds a reader's clause applies to (undefined = any). */
function readerKinds(reader: Reader): readonly string[] | undefined {
  const lists = reader.tests.map((t) => t.kinds).filter((k): k is readonly string[] => !!k);
  return lists.length ? lists.reduce((a, b) => a.filter((k) => b.includes(k))) : undefined;
}

describe('menus and the rows\u2019 contextValues', () => {
  const values = emittedValues();
  const all = readers();

  it('reads every when clause of package.json that tests viewItem', () => {
    // A clause this test cannot parse throws above; here: there are clauses to check at all.
    assert.ok(all.length >= 10, `only ${all.length} menu entries test viewItem`);
  });

  it('every token a menu reads is one some row carries, with its kind', () => {
    const problems: string[] = [];
    for (const reader of all) {
      for (const test of reader.tests) {
        for (const kind of test.kinds ?? []) {
          if (![...values].some((v) => kindOf(v) === kind))
            problems.push(`${reader.command} (${reader.menu}) reads row kind "${kind}" in ${test.text}, but no row has that kind`);
        }
        const kinds = test.kinds ?? readerKinds(reader);
        for (const token of test.tokens) {
          const carriers = [...values].filter((v) => (!kinds || kinds.includes(kindOf(v))) && v.split(';').slice(1).includes(token));
          if (carriers.length === 0)
            problems.push(`${reader.command} (${reader.menu}) reads token "${token}" in ${test.text}, but no ${kinds ? `${kinds.join('/')} ` : ''}row carries it`);
        }
        if (![...values].some(test.matches)) problems.push(`${reader.command} (${reader.menu}): ${test.text} matches no row`);
      }
      // All the clause's tests at once: the entry shows on some row.
      if (![...values].some((v) => reader.tests.every((t) => t.matches(v)))) {
        problems.push(`${reader.command} (${reader.menu}): ${reader.tests.map((t) => t.text).join(' && ')} together match no row`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every flag a row carries is read by some menu of its kind', () => {
    const read = new Map<string, Set<string>>();
    for (const reader of all) {
      const kinds = readerKinds(reader) ?? ['*'];
      for (const kind of kinds) {
        const set = read.get(kind) ?? new Set<string>();
        reader.tests.forEach((t) => t.tokens.forEach((token) => set.add(token)));
        read.set(kind, set);
      }
    }
    const problems = new Map<string, string>();
    for (const value of values) {
      const kind = kindOf(value);
      // A row kind no menu reads has no menu, so nothing it carries is a forgotten entry.
      if (!read.has(kind)) continue;
      for (const flag of flagsOf(value)) {
        const key = `${kind} ${flag}`;
        if (!read.get(kind)?.has(flag) && !read.get('*')?.has(flag) && !problems.has(key))
          problems.set(key, `"${flag}" (on ${kind} rows, e.g. ${value}) is read by no menu`);
      }
    }
    assert.deepEqual([...problems.values()], []);
  });

  it('every image action is offered on some row, and has its flag', () => {
    for (const action of IMAGE_ACTIONS) {
      assert.ok(
        [...values].some((v) => kindOf(v) === 'image' && flagsOf(v).includes(`can:${action}`)),
        `no image row allows ${action}`,
      );
    }
  });

  it('menu entries name declared commands and views', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(
      Object.values(manifest.contributes.views)
        .flat()
        .map((v) => v.id),
    );
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(commands.has(entry.command), `${menu}: ${entry.command} is not a declared command`);
        for (const [, view] of (entry.when ?? '').matchAll(/\bview\s*==\s*([\w.-]+)/g))
          assert.ok(views.has(view), `${menu}: ${entry.command} names view ${view}, which is not declared`);
      }
    }
  });
});
