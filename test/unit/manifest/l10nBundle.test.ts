// l10n/bundle.l10n.json holds every message of vscode.l10n.t in src/, as `@vscode/l10n-dev
// export` would write it: the file a translator copies to bundle.l10n.<locale>.json. A message
// added in the code without `npx tsx scripts/l10nBundle.ts` fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { bundleFile, bundleText, extract } from '../../../scripts/l10nBundle';

describe('the l10n bundle (l10n/bundle.l10n.json)', () => {
  const extracted = extract();

  it('finds the messages of src/ (it reads vscode.l10n.t calls)', () => {
    assert.ok(extracted.messages.length > 100, `only ${extracted.messages.length} messages`);
    assert.ok(extracted.messages.includes('Show Log'));
  });

  it('has only literal messages: a computed one cannot be in a bundle, so no language could translate it', () => {
    assert.deepEqual(extracted.dynamic, []);
  });

  it('is current: npx tsx scripts/l10nBundle.ts writes it', () => {
    assert.equal(fs.readFileSync(bundleFile, 'utf8'), bundleText(extracted));
  });
});
