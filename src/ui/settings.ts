import * as vscode from 'vscode';

/** glance-share's settings, typed. Read each time: they can change while VS Code runs. */
export interface Settings {
  readonly requestTimeoutMs: number;
  /** An explicit clouds.yaml, overriding the openstack CLI's search order. */
  readonly cloudsFile: string | undefined;
  /** Minutes between checks for newly shared images; 0 = never. */
  readonly pendingCheckMinutes: number;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('glanceShare');
  const seconds = config.get<number>('requestTimeoutSeconds', 30);
  const cloudsFile = config.get<string>('cloudsFile', '').trim();
  const minutes = config.get<number>('pendingCheckMinutes', 0);
  return {
    pendingCheckMinutes: Number.isFinite(minutes) && minutes > 0 ? Math.max(1, minutes) : 0,
    requestTimeoutMs: Math.min(600, Math.max(1, Number.isFinite(seconds) ? seconds : 30)) * 1000,
    cloudsFile: cloudsFile || undefined,
  };
}
