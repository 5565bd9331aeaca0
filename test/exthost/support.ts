// Helpers for extension-host suites. Suites are bundled separately from dist/extension.js, so
// importing src/ here gives a second copy of a module, not the running extension: reach the
// running extension through vscode.extensions (and the API its activate() returns).
import * as vscode from 'vscode';

export const extensionId = 'glance-share.glance-share';

export function ourExtension<T = unknown>(): vscode.Extension<T> {
  const extension = vscode.extensions.getExtension<T>(extensionId);
  if (!extension) {
    throw new Error(`${extensionId} is not loaded in this extension host`);
  }
  return extension;
}

/** Activates the extension (if needed) and returns what its activate() returned. */
export async function activated<T>(): Promise<T> {
  return ourExtension<T>().activate();
}

/**
 * Polls until `condition` holds. View, tab and context state reach the extension host
 * asynchronously, so asserting right after executeCommand is racy.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
