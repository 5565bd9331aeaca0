/**
 * The members panel's page and its Content-Security-Policy, built in one place: the extension
 * (src/ui/panel/membersPanel.ts) serves it to the webview, and the webview tests (test/webview)
 * load the very same page, so the policy they check is the one users get. No vscode here: the
 * caller turns its URIs into strings.
 */
import * as l10n from '@vscode/l10n';

/**
 * The page's language and, when VS Code runs in another language than English, its bundle of
 * translations (`vscode.l10n.bundle`): the webview's own texts go through it (media/common/l10n.ts).
 */
export interface PageLanguage {
  /** VS Code's display language (`vscode.env.language`), for `<html lang>`; English when absent. */
  readonly language?: string;
  readonly messages?: Readonly<Record<string, string>>;
}

/** What a panel needs to find its image again, also after a window reload. */
export interface PanelKey {
  readonly scopeId: string;
  readonly imageId: string;
}

export interface MembersPageInput extends PageLanguage {
  /** A fresh random value per page (base64): the only scripts and styles that may run carry it. */
  readonly nonce: string;
  /** Where the page may load styles, fonts and images from (VS Code's `webview.cspSource`). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly key: PanelKey;
}

/** Nothing runs but the nonce'd bundle; nothing loads but from the webview's own resources. */
export function membersPageCsp(nonce: string, cspSource: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'nonce-${nonce}'`, `font-src ${cspSource}`, `img-src ${cspSource}`].join('; ');
}

/** A value inside a double-quoted HTML attribute. */
export const htmlAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A webview page: the CSP, the nonce'd stylesheet and bundle, and one `<main id="app">` with these
 * attributes (already escaped) and the translations, if any, in `data-l10n`.
 */
export function webviewPageHtml(
  input: PageLanguage & {
    readonly nonce: string;
    readonly cspSource: string;
    readonly scriptUri: string;
    readonly styleUri: string;
    readonly title: string;
    readonly appAttributes: string;
  },
): string {
  const nonce = htmlAttribute(input.nonce);
  const messages = input.messages && Object.keys(input.messages).length > 0 ? ` data-l10n="${htmlAttribute(JSON.stringify(input.messages))}"` : '';
  return `<!DOCTYPE html>
<html lang="${htmlAttribute(input.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${htmlAttribute(membersPageCsp(input.nonce, input.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${htmlAttribute(input.styleUri)}" nonce="${nonce}">
<title>${htmlAttribute(input.title)}</title>
</head>
<body>
<main id="app"${input.appAttributes}${messages} aria-busy="true"></main>
<script nonce="${nonce}" src="${htmlAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}

export function membersPageHtml(input: MembersPageInput): string {
  // The key travels in a data attribute so the webview can hand it to setState for the
  // serializer; everything from Glance arrives later as messages, never in this HTML.
  const key = htmlAttribute(JSON.stringify({ scopeId: input.key.scopeId, imageId: input.key.imageId }));
  return webviewPageHtml({ ...input, title: l10n.t('Members'), appAttributes: ` data-key="${key}"` });
}
