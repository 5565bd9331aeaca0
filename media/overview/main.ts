/**
 * Entry point of the access overview's webview (bundled by esbuild into dist/webview/overview.js):
 * restores the filter a previous life of the page kept, asks the extension for the model, and
 * hands every message that passes parseOverviewUpdate to the view.
 */
import { NO_FILTER, type OverviewFilter } from '../../src/sharing/accessOverview';
import { parseOverviewFilter, parseOverviewUpdate, type OverviewRequest } from '../../src/sharing/overviewProtocol';
import { configureL10n } from '../common/l10n';
import { OverviewApp } from './app';

interface VsCodeApi {
  postMessage(message: OverviewRequest): void;
  getState(): unknown;
  setState(state: { filter: OverviewFilter }): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const root = document.getElementById('app');
  if (!root) {
    console.error('access overview: no #app element');
    return;
  }
  configureL10n(root);
  const vscode = acquireVsCodeApi();
  const saved = vscode.getState();
  const filter = saved && typeof saved === 'object' && 'filter' in saved ? parseOverviewFilter((saved as { filter: unknown }).filter) : NO_FILTER;
  const app = new OverviewApp(root, {
    filter,
    post: (request) => vscode.postMessage(request),
    persist: (f) => vscode.setState({ filter: f }),
  });
  window.addEventListener('message', (event: MessageEvent) => {
    const update = parseOverviewUpdate(event.data);
    if (!update) {
      console.warn('access overview: ignored a malformed or unknown message', event.data);
      return;
    }
    app.update(update);
  });
  app.start();
}

start();
