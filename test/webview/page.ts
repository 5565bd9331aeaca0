// The members webview in a plain Chromium page, no VS Code: a 127.0.0.1 server serves the page
// the extension builds (src/sharing/panelHtml.ts, with its real CSP) and the built bundle
// (dist/webview), and a stand-in for acquireVsCodeApi, installed before the bundle runs, records
// what the webview posts and keeps. The tests then speak the panel's protocol (PanelUpdate in,
// PanelRequest out) as the extension would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { membersPageHtml, overviewPageHtml, type PageLanguage, type PanelKey, type PanelRequest, type PanelUpdate } from '../../src/sharing';
import { LocalServer } from '../support/localServer';
import { chromiumPath, launchChromium } from '../vscode/browser';

const repoRoot = path.resolve(__dirname, '..', '..');
const bundleDir = path.join(repoRoot, 'dist', 'webview');
export const NONCE = 'dGVzdC1ub25jZS13ZWJ2aWV3';
export const KEY: PanelKey = { scopeId: 'scope-1', imageId: 'image-1' };

/** An inline script the CSP must refuse: it would set this flag if it ran. */
export const INLINE_SCRIPT = '<script>window.__inlineRan = true;</script>';

/** What the stand-in records in the page. */
interface Recorded {
  __posted: PanelRequest[];
  __state: unknown;
  __violations: string[];
  __warnings: string[];
  __inlineRan?: boolean;
}

// Runs in the page before any of its scripts. Plain ES5-ish text: it is not compiled.
const STAND_IN = `
window.__posted = [];
window.__state = undefined;
window.__violations = [];
window.__warnings = [];
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
});
const warn = console.warn.bind(console);
console.warn = (...args) => { window.__warnings.push(args.map(String).join(' ')); warn(...args); };
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
`;

export interface WebviewPage {
  readonly page: Page;
  readonly origin: string;
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[];
  /** Opens the panel's page again, from scratch (`extra` is put into the body, for the CSP test). */
  load(extra?: string): Promise<void>;
  /** Posts a message as the extension does, and returns once the webview has handled it. */
  send(message: PanelUpdate | unknown): Promise<void>;
  posted(): Promise<PanelRequest[]>;
  state(): Promise<Record<string, unknown>>;
  violations(): Promise<string[]>;
  warnings(): Promise<string[]>;
  inlineRan(): Promise<boolean>;
  close(): Promise<void>;
}

/** The two webviews: the members panel's page, and the access overview's. */
const PAGES = {
  members: {
    files: ['members.js', 'members.css'],
    ready: '#image-name',
    html: (origin: string, language: PageLanguage) =>
      membersPageHtml({ nonce: NONCE, cspSource: origin, scriptUri: `${origin}/members.js`, styleUri: `${origin}/members.css`, key: KEY, ...language }),
  },
  overview: {
    files: ['overview.js', 'overview.css'],
    ready: '#overview-title',
    html: (origin: string, language: PageLanguage) =>
      overviewPageHtml({ nonce: NONCE, cspSource: origin, scriptUri: `${origin}/overview.js`, styleUri: `${origin}/overview.css`, ...language }),
  },
} as const;

/** `language`: the display language and bundle the extension would hand the page (VS Code's `vscode.l10n.bundle`). */
export async function openWebview(which: keyof typeof PAGES = 'members', language: PageLanguage = {}): Promise<WebviewPage> {
  const served = PAGES[which];
  assert.ok(fs.existsSync(chromiumPath), `no Chromium at ${chromiumPath}: install Debian's (apt-get install chromium) or set GS_CHROMIUM to one`);
  for (const file of served.files) {
    assert.ok(fs.existsSync(path.join(bundleDir, file)), `dist/webview/${file} is missing: run "npm run build"`);
  }
  let extra = '';
  let origin = '';
  const server = new LocalServer((req, res) => {
    const { pathname } = new URL(req.url, origin);
    if (pathname === '/') {
      const html = served.html(origin, language);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(extra ? html.replace('</body>', `${extra}\n</body>`) : html);
      return;
    }
    if (pathname === '/favicon.ico') {
      // Chromium asks every origin for one; an answer keeps a 404 off the console.
      res.writeHead(204).end();
      return;
    }
    const file = path.join(bundleDir, path.basename(pathname));
    if (!served.files.some((f) => pathname === `/${f}`) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
    res.end(fs.readFileSync(file));
  });
  origin = await server.start();
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: STAND_IN });
  const read = <K extends keyof Recorded>(name: K) => page.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name) as Promise<Recorded[K]>;

  const webview: WebviewPage = {
    page,
    origin,
    errors,
    async load(withExtra = '') {
      extra = withExtra;
      await page.goto(`${origin}/`);
      await page.locator(served.ready).waitFor();
    },
    async send(message) {
      await page.evaluate(
        (m) =>
          new Promise<void>((resolve) => {
            // No named functions in here: tsx would wrap them in a helper the page does not have.
            const marker = `handled-${Math.random()}`;
            const stop = new AbortController();
            window.addEventListener(
              'message',
              (event) => {
                if (event.data !== marker) return;
                stop.abort();
                resolve();
              },
              { signal: stop.signal },
            );
            window.postMessage(m, '*');
            window.postMessage(marker, '*');
          }),
        message,
      );
    },
    posted: () => read('__posted'),
    state: async () => (await read('__state')) as Record<string, unknown>,
    violations: () => read('__violations'),
    // The markers send() posts are refused as unknown messages too: not counted.
    warnings: async () => (await read('__warnings')).filter((w) => !/handled-/.test(w)),
    inlineRan: async () => (await read('__inlineRan')) === true,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
  await webview.load();
  return webview;
}
