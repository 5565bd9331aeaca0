import * as vscode from 'vscode';

/** glance-share's settings, typed. Read each time: they can change while VS Code runs. */
export interface Settings {
  readonly requestTimeoutMs: number;
  /** An explicit clouds.yaml, overriding the openstack CLI's search order. */
  readonly cloudsFile: string | undefined;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('glanceShare');
  const seconds = config.get<number>('requestTimeoutSeconds', 30);
  const cloudsFile = config.get<string>('cloudsFile', '').trim();
  return {
    requestTimeoutMs: Math.min(600, Math.max(1, Number.isFinite(seconds) ? seconds : 30)) * 1000,
    cloudsFile: cloudsFile || undefined,
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('glanceShare');
}
