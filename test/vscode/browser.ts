// Debian's Chromium driven by playwright-core (playwright cannot download its own browsers here),
// and the workbench URL that opens a folder and passes development/test paths to VS Code.
import { chromium, type Browser } from 'playwright-core';
import type { CodeServer } from './codeServer';

export const chromiumPath = process.env.GS_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // No --user-data-dir: playwright refuses it, and launch() already uses a fresh profile.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WorkbenchUrlOptions {
  /** Folder opened in the workbench; defaults to the server's empty workspace folder. */
  readonly folder?: string;
  /** Loads this folder's extension in development mode (code-server's CLI rejects the flag). */
  readonly extensionDevelopmentPath?: string;
  /** A module exporting run(): Promise<void>, run by the extension host like @vscode/test-electron does. */
  readonly extensionTestsPath?: string;
}

export function workbenchUrl(server: CodeServer, options: WorkbenchUrlOptions = {}): string {
  const params = new URLSearchParams({ folder: options.folder ?? server.workspaceDir });
  // The workbench resolves these paths on the server, through the remote authority.
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: Array<[string, string]> = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${params.toString()}`;
}
