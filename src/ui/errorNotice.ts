import * as vscode from 'vscode';

/**
 * Every error notification of the extension: a plain sentence, and "Show Log" for the details
 * (what failed, Glance's own words), which the caller has already written to the log.
 */
export function showErrorWithLog(log: vscode.LogOutputChannel, text: string): void {
  void vscode.window.showErrorMessage(text, vscode.l10n.t('Show Log')).then((choice) => {
    if (choice) log.show(true);
  });
}

/** The same, with actions of the caller's before "Show Log": resolves to the one chosen, if any. */
export async function showErrorWithActions<T extends string>(log: vscode.LogOutputChannel, text: string, ...actions: T[]): Promise<T | undefined> {
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage<string>(text, ...actions, showLog);
  if (choice === showLog) log.show(true);
  return actions.find((a) => a === choice);
}
