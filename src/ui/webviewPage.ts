import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What a page of ours needs from its webview: a fresh nonce, the CSP source, its bundle's script and style. */
export interface WebviewPageParts {
  readonly nonce: string;
  /** VS Code's display language and its translations, for the page's own texts (media/common/l10n.ts). */
  readonly language: string;
  readonly messages?: Readonly<Record<string, string>>;
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The parts of a webview page served from `dist/webview/<bundle>.js` and `.css` (esbuild's browser
 * bundles, the panel's only local resource root); a new nonce each time the page is written.
 */
export function webviewPageParts(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string): WebviewPageParts {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return {
    nonce: randomBytes(16).toString('base64'),
    language: vscode.env.language,
    ...(vscode.l10n.bundle ? { messages: vscode.l10n.bundle } : {}),
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`)).toString(),
  };
}
