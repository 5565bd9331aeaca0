import * as vscode from 'vscode';
import { Ctx } from './ui/ctx';

/** The running extension, for the extension-host tests (returned by activate()). */
export interface GlanceShareApi {
  readonly ctx: Ctx;
  /** Milliseconds activate() took, measured inside it. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): GlanceShareApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  // Signing in happens after activation returns: activation stays fast, the tree shows progress.
  void ctx.start();
  const activationMs = performance.now() - started;
  ctx.logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { ctx, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
