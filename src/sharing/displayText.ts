/**
 * Names come from Glance and Keystone, chosen by anyone who can create an image or a project.
 * Before one is shown, it must not be able to rearrange or hide the text around it, nor turn
 * into an icon. Two forms:
 * - `plainText`: for text that leaves the editor (share notices, copied lines, logs): every
 *   invisible or reordering character is written out as `[U+202E]`, nothing is added.
 * - `displayText`: for what VS Code draws (tree rows, picks, notifications, titles, hovers):
 *   the plain form, isolated when it holds right-to-left letters, and with `$(` broken so that
 *   VS Code's codicon syntax cannot render it as an icon.
 */

/**
 * Characters that reorder or hide text: C0/C1 controls (tab and newline included: a name has
 * no business breaking a row), the soft hyphen, Arabic letter mark, bidi marks, embeddings,
 * overrides and isolates, zero-width space and word joiner, line/paragraph separators, invisible
 * operators, the BOM, interlinear annotations, and Unicode tag characters (invisible ASCII).
 * Kept: ZWNJ and ZWJ (U+200C/D), which Persian words and emoji sequences need and which cannot
 * hide neighbouring text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's purpose
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, … and their presentation forms). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

function codePointText(character: string): string {
  return `[U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Every invisible or reordering character written out; nothing added. */
export function plainText(text: string): string {
  return text.replace(INVISIBLE, codePointText);
}

/** Whether a text holds characters that `plainText` writes out. */
export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/**
 * `$(name)` is VS Code's icon syntax in picks, notifications, hovers and the status bar. A zero-width
 * non-joiner between `$` and `(` breaks it; it is not one of the characters `plainText` writes out
 * (Persian needs it), so the two compose in either order.
 */
export function withoutIconSyntax(text: string): string {
  return text.replace(/\$\(/g, () => '$\u200C(');
}

/** What VS Code may draw: written-out controls, isolated when right-to-left, never an icon. */
export function displayText(text: string): string {
  const plain = withoutIconSyntax(plainText(text));
  return RTL_LETTER.test(plain) ? `${FIRST_STRONG_ISOLATE}${plain}${POP_DIRECTIONAL_ISOLATE}` : plain;
}
