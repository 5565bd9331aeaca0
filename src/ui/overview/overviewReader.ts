// No `vscode` here: the benchmarks run this reader in plain Node (bench/lib/overview.ts), so its
// messages go through @vscode/l10n, which activate() gives VS Code's bundle.
import * as l10n from '@vscode/l10n';
import { mapBounded } from '../../common/bounded';
import { HttpError, asError, type GlanceImage, type Logger } from '../../openstack';
import { failedRow, loadedRow, loadingRow, type OverviewModel, type OverviewRow, type OverviewScope } from '../../sharing';
import type { Connections, Scope } from '../connections';
import { explanationOf } from '../errors';
import type { ProjectDirectory } from '../projectDirectory';

/** Member lists read at once: as many as offboarding's lookup and the exports read. */
export const OVERVIEW_CONCURRENCY = 4;

export interface OverviewReaderDeps {
  readonly connections: Connections;
  readonly directory: ProjectDirectory;
  readonly log: Logger;
}

/**
 * Reads the access overview of some scopes from Glance: each scope's owned shared images (one
 * listing, `owner` + `visibility=shared`; in admin mode `visibility=shared` alone, which an admin
 * token answers with every project's, docs/glance-behaviour.md#admin-member-status), then the
 * members of each image, a few at a time. The
 * model grows as answers arrive (`onChange` after each one): rows appear while they are still
 * loading, and an image whose members cannot be read (deleted meanwhile, refused, timed out) says
 * why in its row without holding up the others.
 */
export class OverviewReader {
  private scopes: OverviewScope[] = [];
  private rows: OverviewRow[] = [];
  private readonly names: Record<string, string> = Object.create(null) as Record<string, string>;
  private done = false;
  /** Requests sent to Glance by the last read (listings and member lists), for the tests and the bench. */
  requests = 0;

  constructor(
    private readonly deps: OverviewReaderDeps,
    private readonly mode?: 'admin',
  ) {}

  /** Every listing answered and every member list read or failed. */
  get complete(): boolean {
    return this.done;
  }

  /** Rows whose member lists are read (loaded or failed). */
  get rowsRead(): number {
    return this.rows.filter((r) => r.state !== 'loading').length;
  }

  model(): OverviewModel {
    return {
      scopes: [...this.scopes],
      rows: [...this.rows],
      names: { ...this.names },
      done: this.done,
      now: new Date().toISOString(),
      ...(this.mode ? { mode: this.mode } : {}),
    };
  }

  /** Reads everything again; `stale()` says a newer read started (then this one stops changing the model). */
  async read(scopes: readonly Scope[], onChange: () => void, stale: () => boolean): Promise<void> {
    this.scopes = scopes.map(overviewScope);
    this.rows = [];
    this.done = false;
    this.requests = 0;
    // The names the project picker knows: every signed-in identity's projects, then the address book.
    await this.deps.connections.knownProjects();
    onChange();
    const listed = await Promise.all(scopes.map((scope, i) => this.listImages(scope, i)));
    if (stale()) return;
    const work: Array<{ scope: Scope; image: GlanceImage }> = listed.flat();
    this.rows = work.map(({ scope, image }) => loadingRow(scope.id, image, this.mode === 'admin'));
    onChange();
    if (this.mode === 'admin') {
      await this.nameOwners(scopes);
      if (stale()) return;
      onChange();
    }
    await mapBounded(
      work,
      OVERVIEW_CONCURRENCY,
      async ({ scope }, index) => {
        const row = await this.readRow(scope, this.rows[index]);
        if (stale()) return;
        this.rows[index] = row;
        await this.learnNames(scope, row);
        onChange();
      },
      stale,
    );
    if (stale()) return;
    this.done = true;
    onChange();
  }

  /** Reads one image's members again (after a change from the members panel or the tree). */
  async reread(scopes: readonly Scope[], imageId: string, onChange: () => void): Promise<void> {
    const index = this.rows.findIndex((r) => r.imageId === imageId);
    const scope = index >= 0 ? scopes.find((s) => s.id === this.rows[index].scopeId) : undefined;
    if (!scope) return;
    const row = await this.readRow(scope, this.rows[index]);
    const now = this.rows.findIndex((r) => r.imageId === imageId && r.scopeId === scope.id);
    if (now < 0) return;
    this.rows[now] = row;
    await this.learnNames(scope, row);
    onChange();
  }

  private async listImages(scope: Scope, index: number): Promise<Array<{ scope: Scope; image: GlanceImage }>> {
    try {
      if (scope.state.kind !== 'connected') throw new Error(l10n.t('{0} is not connected: reconnect it in the Images view, then refresh.', scope.cloud.name));
      const connection = scope.state.connection;
      const owner = connection.session.projectScope?.id;
      if (!owner) throw new Error(l10n.t('This scope has no project.'));
      this.requests++;
      if (this.mode === 'admin') return (await connection.glance.listAllImages({ visibility: 'shared' })).map((image) => ({ scope, image }));
      const images = await connection.glance.listAllImages({ owner, visibility: 'shared' });
      // Glance filters by owner already; an image of another owner would not be this project's to show.
      return images.filter((image) => image.owner === owner).map((image) => ({ scope, image }));
    } catch (error) {
      const reason = explanationOf(asError(error));
      this.deps.log.warn(`Access overview: the shared images of ${scope.cloud.name} could not be listed: ${reason}`);
      this.scopes[index] = { ...this.scopes[index], error: reason };
      return [];
    }
  }

  private async readRow(scope: Scope, row: OverviewRow): Promise<OverviewRow> {
    try {
      if (scope.state.kind !== 'connected') throw new Error(`${scope.cloud.name} is not connected.`);
      this.requests++;
      return loadedRow(row, await scope.state.connection.glance.listMembers(row.imageId));
    } catch (error) {
      const reason = explanationOf(asError(error));
      this.deps.log.warn(`Access overview: members of ${row.imageId} could not be read: ${reason}`);
      return failedRow(row, reason);
    }
  }

  /**
   * Admin mode: each owner project by name, as the picker names it, else as Keystone does (an
   * admin token may read any project); after one refusal (a Glance admin who is no Keystone admin)
   * Keystone is asked no more: the rest show as IDs.
   */
  private async nameOwners(scopes: readonly Scope[]): Promise<void> {
    const scope = scopes[0];
    const session = scope?.state.kind === 'connected' ? scope.state.connection.session : undefined;
    const owners = [...new Set(this.rows.map((r) => r.ownerId ?? ''))].filter((id) => id && !Object.prototype.hasOwnProperty.call(this.names, id));
    let refused = false;
    await mapBounded(owners, OVERVIEW_CONCURRENCY, async (id) => {
      const known = await this.deps.directory.rawNameOf(scope, id);
      if (known) {
        this.names[id] = known;
        return;
      }
      if (!session || refused) return;
      try {
        this.requests++;
        const project = await session.getProject(id);
        if (project.name && project.name !== id) this.names[id] = project.name;
      } catch (error) {
        if (error instanceof HttpError && (error.status === 403 || error.status === 401)) refused = true;
        this.deps.log.info(`Access overview: Keystone did not name the owner ${id}: ${explanationOf(asError(error))}`);
      }
    });
  }

  private async learnNames(scope: Scope, row: OverviewRow): Promise<void> {
    for (const cell of row.cells) {
      if (Object.prototype.hasOwnProperty.call(this.names, cell.projectId)) continue;
      const name = await this.deps.directory.rawNameOf(scope, cell.projectId);
      if (name) this.names[cell.projectId] = name;
    }
  }
}

function overviewScope(scope: Scope): OverviewScope {
  const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
  return {
    scopeId: scope.id,
    cloud: scope.cloud.name,
    ...(scope.region ? { region: scope.region } : {}),
    ...((scope.cloud.regionName ?? scope.region) ? { regionName: scope.cloud.regionName ?? scope.region } : {}),
    projectId: project?.id ?? '',
    projectName: project?.name ?? '',
  };
}
