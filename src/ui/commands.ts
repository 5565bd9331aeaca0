import * as vscode from 'vscode';
import { connectionCommands, type CommandDeps } from './connectionCommands';
import { explanationOf } from './errors';
import { imageCommands } from './imageCommands';

/** The one place where commands are registered. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers = { ...connectionCommands(deps), ...imageCommands(deps) };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        reportError(deps.log, id, error);
        return undefined;
      }
    }),
  );
}

/** Every failure reaches the user as a plain sentence with a way to the details. */
export function reportError(log: vscode.LogOutputChannel, commandId: string, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const explanation = explanationOf(err);
  log.error(`${commandId}: ${err.message}`);
  void vscode.window.showErrorMessage(explanation, 'Show Log').then((choice) => {
    if (choice) log.show(true);
  });
}
