/**
 * The webviews' translations: the extension writes VS Code's bundle for the display language
 * (`vscode.l10n.bundle`, the same messages as l10n/bundle.l10n.<locale>.json) into the page's
 * `data-l10n` attribute (src/sharing/panelHtml.ts), and every text here goes through
 * @vscode/l10n's `t`, as in src/sharing. In English there is no attribute: each message is its
 * own text. Called before anything is built, so no text is made before the bundle is known.
 */
import * as l10n from '@vscode/l10n';

export function configureL10n(root: HTMLElement): void {
  const raw = root.dataset.l10n;
  if (!raw) return;
  try {
    const contents = JSON.parse(raw) as unknown;
    if (contents && typeof contents === 'object') l10n.config({ contents: contents as Record<string, string> });
  } catch {
    console.warn('webview: data-l10n is not a JSON object; the page stays in English');
  }
}
