/**
 * The access overview's page, under the same Content-Security-Policy as the members panel
 * (membersPageCsp): only the nonce'd bundle runs. The extension (src/ui/overview/overviewPanel.ts)
 * serves it and the webview tests (test/webview) load the very same page. Every value from Glance
 * arrives later as a message, never in this HTML.
 */
import * as l10n from '@vscode/l10n';
import { webviewPageHtml, type PageLanguage } from './panelHtml';

export interface OverviewPageInput extends PageLanguage {
  readonly nonce: string;
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function overviewPageHtml(input: OverviewPageInput): string {
  return webviewPageHtml({ ...input, title: l10n.t('Access Overview'), appAttributes: '' });
}
