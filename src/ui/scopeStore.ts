import type * as vscode from 'vscode';

/** The project scopes a user chose for a cloud, beyond (or instead of) its configured project. */
export interface CloudScopes {
  /** Replaces the configured project ("Switch Project…"). */
  readonly primary?: ProjectChoice;
  /** Shown side by side ("Add Project Scope…"). */
  readonly extra: readonly ProjectChoice[];
}

export interface ProjectChoice {
  readonly id: string;
  readonly name: string;
}

const STATE_KEY = 'glanceShare.scopes';

/** Remembered in globalState: IDs and names only, nothing secret. */
export class ScopeStore {
  constructor(private readonly state: vscode.Memento) {}

  get(cloudKey: string): CloudScopes {
    return this.all()[cloudKey] ?? { extra: [] };
  }

  async setPrimary(cloudKey: string, project: ProjectChoice | undefined): Promise<void> {
    await this.put(cloudKey, { ...this.get(cloudKey), primary: project });
  }

  async addExtra(cloudKey: string, project: ProjectChoice): Promise<void> {
    const current = this.get(cloudKey);
    if (!current.extra.some((p) => p.id === project.id)) {
      await this.put(cloudKey, { ...current, extra: [...current.extra, project] });
    }
  }

  async replaceExtra(cloudKey: string, oldId: string, project: ProjectChoice): Promise<void> {
    const current = this.get(cloudKey);
    await this.put(cloudKey, { ...current, extra: current.extra.map((p) => (p.id === oldId ? project : p)) });
  }

  async removeExtra(cloudKey: string, projectId: string): Promise<void> {
    const current = this.get(cloudKey);
    await this.put(cloudKey, { ...current, extra: current.extra.filter((p) => p.id !== projectId) });
  }

  async forget(cloudKey: string): Promise<void> {
    const all = { ...this.all() };
    delete all[cloudKey];
    await this.state.update(STATE_KEY, all);
  }

  private all(): Record<string, CloudScopes> {
    return this.state.get<Record<string, CloudScopes>>(STATE_KEY, {});
  }

  private async put(cloudKey: string, scopes: CloudScopes): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.all(), [cloudKey]: scopes });
  }
}
