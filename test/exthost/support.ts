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

/** What a webview panel posted to its page while `task` ran (the page itself is not driven here). */
export async function postedDuring(panel: vscode.WebviewPanel, task: () => Promise<void>): Promise<unknown[]> {
  const posted: unknown[] = [];
  const webview = panel.webview;
  const original = webview.postMessage.bind(webview);
  webview.postMessage = (message: unknown) => {
    posted.push(message);
    return original(message);
  };
  try {
    await task();
  } finally {
    webview.postMessage = original;
  }
  return posted;
}

/**
 * Runs a command that waits on a quick pick, running `quickInputCommand` (close it, accept its
 * highlighted row) again and again until the command returns; returns what it returned.
 */
export async function settleCommand<T>(run: () => Thenable<T>, quickInputCommand: string, what: string, timeoutMs = 60_000): Promise<T> {
  const running = Promise.resolve(run());
  let settled = false;
  void running.then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor(
    async () => {
      await vscode.commands.executeCommand(quickInputCommand);
      return settled;
    },
    what,
    timeoutMs,
  );
  return running;
}
