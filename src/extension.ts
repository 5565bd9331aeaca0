import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Ctx } from './ui/ctx';

/** The running extension, for the extension-host tests (returned by activate()). */
export interface GlanceShareApi {
  readonly ctx: Ctx;
  /** Milliseconds activate() took, measured inside it. */
  readonly activationMs: number;
}

/** The running state, for deactivate(). */
let running: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): GlanceShareApi {
  const started = performance.now();
  // src/sharing and src/openstack build their sentences with @vscode/l10n (they never import vscode):
  // handing it VS Code's loaded bundle first lets l10n/bundle.l10n.<locale>.json serve both.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const ctx = new Ctx(context);
  running = ctx;
  // Signing in happens after activation returns: activation stays fast, the tree shows progress.
  void ctx.start();
  const activationMs = performance.now() - started;
  ctx.logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { ctx, activationMs };
}

export function deactivate(): void {
  // Closes every connection's sockets now; VS Code disposing context.subscriptions later finds it done.
  running?.dispose();
  running = undefined;
}
