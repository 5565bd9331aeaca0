import * as vscode from 'vscode';
import { asError } from '../openstack';
import { connectionCommands, type CommandDeps } from './connectionCommands';
import { showErrorWithLog } from './errorNotice';
import { explanationOf } from './errors';
import { findCommands, type FindCommandDeps } from './findCommands';
import { exportCommands } from './exportCommands';
import { addressBookCommands } from './addressBookCommands';
import { imageCommands } from './imageCommands';
import { rotationCommands, type RotationCommandDeps } from './rotationCommands';
import { inboxCommands, type InboxCommandDeps } from './inboxCommands';
import { offboardingCommands, type OffboardingCommandDeps } from './offboardingCommands';
import { overviewCommands, type OverviewCommandDeps } from './overviewCommands';
import { permissionCommands } from './permissionCommands';
import { walkthroughCommands } from './walkthroughProgress';

/** The one place where commands are registered. */
export function registerCommands(
  deps: CommandDeps & FindCommandDeps & OffboardingCommandDeps & OverviewCommandDeps & RotationCommandDeps & InboxCommandDeps,
): vscode.Disposable[] {
  const handlers = {
    ...connectionCommands(deps),
    ...imageCommands(deps),
    ...rotationCommands(deps),
    ...findCommands(deps),
    ...permissionCommands(deps),
    ...exportCommands(deps),
    ...offboardingCommands(deps),
    ...overviewCommands(deps),
    ...inboxCommands(deps),
    ...walkthroughCommands(deps.walkthrough),
    ...addressBookCommands(deps),
  };
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
  const err = asError(error);
  log.error(`${commandId}: ${err.message}`);
  showErrorWithLog(log, explanationOf(err));
}
