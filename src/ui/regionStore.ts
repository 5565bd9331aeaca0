import type * as vscode from 'vscode';

const STATE_KEY = 'glanceShare.shownRegions';

/**
 * Which regions of each cloud the tree shows ("Show or Hide Regions…"), remembered in
 * workspaceState: one workspace may care about one region, another about all. A cloud with no
 * entry shows its config's regions.
 */
export class RegionStore {
  constructor(private readonly state: vscode.Memento) {}

  shown(cloudKey: string): readonly string[] | undefined {
    return this.all()[cloudKey];
  }

  async setShown(cloudKey: string, regions: readonly string[]): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.all(), [cloudKey]: [...regions] });
  }

  private all(): Record<string, readonly string[]> {
    return this.state.get<Record<string, readonly string[]>>(STATE_KEY, {});
  }
}
