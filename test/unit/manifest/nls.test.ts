// The manifest is localisation-ready: each text VS Code shows from package.json is a `%key%`
// reference into package.nls.json (the English, and the file translators copy to
// package.nls.<locale>.json), and every key there is used. A bare English string in one of these
// fields would stay English in every language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const raw = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The fields of a manifest that VS Code shows to people, wherever they are nested. */
const SHOWN = new Set([
  'displayName',
  'description',
  'title',
  'category',
  'name',
  'contextualTitle',
  'contents',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'altText',
]);

/** Every string under a shown field, with where it is. */
function shownStrings(value: unknown, at: string, shown: boolean, out: Array<{ at: string; text: string }> = []): typeof out {
  if (typeof value === 'string') {
    if (shown) out.push({ at, text: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => shownStrings(v, `${at}[${i}]`, shown, out));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) shownStrings(v, `${at}.${key}`, SHOWN.has(key), out);
  }
  return out;
}

describe('package.json localisation (package.nls.json)', () => {
  const shown = [...shownStrings({ displayName: raw.displayName, description: raw.description }, '', false), ...shownStrings(raw.contributes, 'contributes', false)];

  it('finds the texts it checks (commands, views, settings, walkthrough)', () => {
    for (const part of ['.commands[', '.views.', '.viewsWelcome[', '.configuration.', '.walkthroughs[']) {
      assert.ok(
        shown.some((s) => s.at.includes(part)),
        `no shown text under ${part}`,
      );
    }
  });

  it('has no bare English in a field VS Code shows: each is a %key% of package.nls.json', () => {
    const bare = shown.filter((s) => !/^%[^%\s]+%$/.test(s.text)).map((s) => `${s.at}: ${s.text}`);
    assert.deepEqual(bare, []);
    const missing = shown.filter((s) => !(s.text.slice(1, -1) in nls)).map((s) => `${s.at}: ${s.text}`);
    assert.deepEqual(missing, []);
  });

  it('has no key in package.nls.json that package.json does not use, nor an empty text', () => {
    const used = new Set(shown.map((s) => s.text.slice(1, -1)));
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
    );
    assert.deepEqual(
      Object.entries(nls)
        .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
        .map(([k]) => k),
      [],
    );
  });

  it('names its l10n/ folder, the bundles of the extension’s own strings (vscode.l10n.t)', () => {
    assert.equal(raw.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(root, 'l10n', 'bundle.l10n.json')), 'l10n/bundle.l10n.json');
  });
});
