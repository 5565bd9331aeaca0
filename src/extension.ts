import * as vscode from 'vscode';

/**
 * Wires the extension together. The OpenStack client layer (src/openstack) and the sharing
 * logic (src/sharing) are complete; the views and commands arrive with the extension shell.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Glance Image Sharing', { log: true });
  context.subscriptions.push(log);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
