import * as assert from 'node:assert/strict';
import { displayText, hasInvisibleCharacters, imageLabel, plainText, withoutIconSyntax } from '../../../src/sharing';
import { image } from '../../support/fixtures';

describe('names shown as text', () => {
  it('writes out a right-to-left override instead of letting it reverse what follows', () => {
    assert.equal(plainText('exe\u202Egnp.exe'), 'exe[U+202E]gnp.exe');
    assert.equal(displayText('invoice\u202Efdp.exe'), 'invoice[U+202E]fdp.exe');
  });

  it('writes out every bidi control, zero-width space, control character and tag character', () => {
    const hostile = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
      '\u200B',
      '\u2060',
      '\uFEFF',
      '\u0000',
      '\u0007',
      '\n',
      '\t',
      '\u0085',
      '\u00AD',
      '\u2028',
      '\u2029',
      '\u{E0041}',
    ];
    for (const ch of hostile) {
      const shown = plainText(`a${ch}b`);
      assert.ok(!shown.includes(ch), `U+${ch.codePointAt(0)?.toString(16)} stays raw`);
      assert.match(shown, /^a\[U\+[0-9A-F]{4,5}\]b$/);
      assert.ok(hasInvisibleCharacters(`a${ch}b`));
    }
  });

  it('keeps ordinary text, emoji sequences and the joiners words need as they are', () => {
    for (const text of ['ubuntu-24.04 (golden)', 'café', '👨\u200D👩\u200D👧', 'می\u200Cخواهم', '日本語イメージ']) {
      assert.equal(plainText(text), text);
      assert.ok(!hasInvisibleCharacters(text));
    }
  });

  it('isolates right-to-left names so they cannot reorder the text around them', () => {
    const shown = displayText('תמונה');
    assert.equal(shown, '\u2068תמונה\u2069');
    assert.equal(displayText('ubuntu'), 'ubuntu');
  });

  it('never lets $(icon) render as an icon', () => {
    assert.doesNotMatch(withoutIconSyntax('$(warning) urgent'), /\$\(/);
    assert.doesNotMatch(displayText('a $(alert) b $(x)'), /\$\([A-Za-z0-9-]+\)/);
    assert.equal(plainText(withoutIconSyntax('$(x)')), withoutIconSyntax('$(x)'), 'the icon break is not written out again');
  });

  it('labels images by display text, IDs for unnamed ones', () => {
    assert.equal(imageLabel(image('id-1', { name: 'exe\u202Egnp.png' })), 'exe[U+202E]gnp.png');
    assert.equal(imageLabel(image('id-2', { name: '  ' })), 'id-2');
  });
});
