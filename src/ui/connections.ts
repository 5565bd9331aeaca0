import * as vscode from 'vscode';
import { DisposableBase, toDisposable } from '../common/lifecycle';
import {
  type CloudConfig,
  type ConfigError,
  type KeystoneProject,
  type Logger,
  type ScopeConnection,
  type SecretRegistry,
  asError,
  connect,
  loadCloudConfigs,
  withRemoteProfiles,
  fetchRemoteProfile,
  secretOf,
  withSecret,
} from '../openstack';
import type { Settings } from './settings';
import type { ProjectChoice, ScopeStore } from './scopeStore';
import type { RegionStore } from './regionStore';
import { displayText, knownRegions, regionShown, scopeId } from '../sharing';
import { type CredentialStore, userCloudConfig } from './userClouds';

export type ScopeState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly connection: ScopeConnection }
  | { readonly kind: 'needsSecret' }
  /** Signed in without a project and the user has several: one must be chosen. */
  | { readonly kind: 'needsProject'; readonly projects: readonly KeystoneProject[] }
  | { readonly kind: 'error'; readonly error: Error };

/** One row of the tree's root: a cloud signed in to one project in one region. */
export interface Scope {
  /** Stable across reloads: cloud origin + project, + region when the cloud has several. */
  readonly id: string;
  readonly cloudKey: string;
  readonly cloud: CloudConfig;
  /** The project chosen in the UI; undefined = the one the cloud's config names. */
  readonly project?: ProjectChoice;
  /** Added with "Add Project Scope…" (can be hidden again). */
  readonly extra: boolean;
  readonly state: ScopeState;
  /** A secret from VS Code's SecretStorage is in use (offer "Forget"). */
  readonly storedSecret: boolean;
  /** The region this scope's texts name: set only when its cloud has several regions known. */
  readonly region?: string;
}

export function cloudKey(cloud: CloudConfig): string {
  return cloud.source.kind === 'file' ? `file:${cloud.source.path}:${cloud.name}` : `${cloud.source.kind}:${cloud.name}`;
}

export interface ConnectionsDeps {
  readonly logger: Logger;
  readonly knownSecrets: SecretRegistry;
  readonly credentials: CredentialStore;
  readonly scopeStore: ScopeStore;
  readonly regionStore: RegionStore;
  readonly settings: () => Settings;
  /** The openstack CLI's "current folder": the first workspace folder. */
  readonly cwd: () => string | undefined;
}

/**
 * Every configured cloud and chosen project scope, and their connection states. The tree and
 * the status bar render it; commands change it. Connections sign in lazily per scope and in
 * parallel; one failing cloud never blocks the others.
 *
 * It owns every connection: one that leaves the list (its scope reloaded, switched, hidden or
 * reconnecting, or this object disposed) is disposed, which closes its sockets. Each sign-in is
 * an attempt with a token per scope, checked after every await: an older attempt that finishes
 * after a newer one started is dropped, and its connection closed, never shown.
 */
export class Connections extends DisposableBase {
  private scopeList: Scope[] = [];
  /** The sign-in attempt each scope ID waits for; any other attempt is outdated. */
  private readonly attempts = new Map<string, object>();
  /** Each reload counts: one that waited for remote profiles gives way to any that started after it. */
  private reloadGeneration = 0;
  private readonly changed = this._register(new vscode.EventEmitter<Scope | undefined>());
  private readonly projectLists = new WeakMap<ScopeConnection, Promise<readonly KeystoneProject[]>>();
  /** Names of projects seen in an identity's project list, by ID (for texts that show an ID). */
  private readonly listedNames = new Map<string, string>();
  /** Fires with the scope that changed, or undefined when the whole list changed. */
  readonly onDidChange = this.changed.event;
  configErrors: readonly ConfigError[] = [];
  cloudsFile: string | undefined;
  loaded = false;

  constructor(private readonly deps: ConnectionsDeps) {
    super();
    // Registered after the emitter, so disposed before it: no event fires about the closing.
    this._register(toDisposable(() => this.closeAll()));
  }

  get scopes(): readonly Scope[] {
    return this.scopeList;
  }

  /**
   * A project's name as VS Code may show it (displayText): some connected scope is signed in to
   * it, or an identity's project list (read for the picker or a check) named it.
   */
  projectName(projectId: string): string | undefined {
    const raw = this.projectRawName(projectId);
    return raw === undefined ? undefined : displayText(raw);
  }

  /** The same name as Keystone wrote it, for text that leaves the editor (plainText it there). */
  projectRawName(projectId: string): string | undefined {
    for (const scope of this.scopeList) {
      const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
      if (project?.id === projectId) return project.name;
    }
    return this.listedNames.get(projectId);
  }

  /**
   * Every project a signed-in identity is in: the connected scopes' projects and what each
   * identity may scope to (one GET /v3/auth/projects per connection, kept while it lives). A
   * project ID outside this set cannot be checked by anyone here (see uncheckedProjectsCaution).
   */
  async knownProjects(): Promise<ReadonlySet<string>> {
    const ids = new Set<string>();
    for (const { projects } of await this.identities(() => true)) projects.forEach((p) => ids.add(p.id));
    return ids;
  }

  /**
   * The connected scopes that `filter` keeps, each with the projects its identity may scope to
   * (its own project included, first). Listing failures are logged and count as no other project.
   */
  async identities(
    filter: (scope: Scope) => boolean,
  ): Promise<Array<{ readonly scope: Scope; readonly connection: ScopeConnection; readonly projects: readonly KeystoneProject[] }>> {
    const connected = this.scopeList.filter((s) => s.state.kind === 'connected' && filter(s));
    return Promise.all(
      connected.map(async (scope) => {
        const connection = (scope.state as Extract<ScopeState, { kind: 'connected' }>).connection;
        const own = connection.session.projectScope;
        let listed = this.projectLists.get(connection);
        if (!listed) {
          listed = connection.session.listProjects().catch((error: unknown) => {
            this.deps.logger.warn(`Projects of cloud "${scope.cloud.name}": ${asError(error).message}`);
            return [];
          });
          this.projectLists.set(connection, listed);
        }
        const projects = [...(await listed)];
        projects.forEach((p) => this.listedNames.set(p.id, p.name));
        if (own && !projects.some((p) => p.id === own.id)) projects.unshift({ id: own.id, name: own.name, domain_id: own.domain?.id ?? '', enabled: true });
        return { scope, connection, projects };
      }),
    );
  }

  find(id: string): Scope | undefined {
    return this.scopeList.find((s) => s.id === id);
  }

  /** Read the configuration again and reconnect every scope. */
  async reload(): Promise<void> {
    if (this.isDisposed) return;
    const settings = this.deps.settings();
    const env = settings.cloudsFile ? { ...process.env, OS_CLIENT_CONFIG_FILE: settings.cloudsFile } : process.env;
    const options = { env, cwd: this.deps.cwd() };
    const generation = ++this.reloadGeneration;
    let loaded = loadCloudConfigs(options);
    if (loaded.wantedProfiles.length > 0) {
      // Remote profiles (vexxhost's, `profile: https://…`) are fetched on each reload, as the CLI does on each run.
      loaded = await withRemoteProfiles(options, loaded, (url) => fetchRemoteProfile(url, { env, proxy: { settings: settings.proxy, env: process.env } }));
      if (this.isDisposed || generation !== this.reloadGeneration) return;
    }
    for (const error of loaded.errors) {
      this.deps.logger.error(error.message);
    }
    const clouds = [...loaded.clouds, ...this.deps.credentials.userClouds().map(userCloudConfig)];
    const regionsOf = new Map<string, CloudConfig[]>();
    for (const regional of loaded.cloudRegions) {
      regionsOf.set(cloudKey(regional), [...(regionsOf.get(cloudKey(regional)) ?? []), regional]);
    }
    this.configErrors = loaded.errors;
    this.cloudsFile = loaded.cloudsFile;
    this.deps.logger.info(
      `Configuration: ${clouds.length} cloud(s)` +
        (loaded.cloudsFile ? ` from ${loaded.cloudsFile}` : ', no clouds.yaml found') +
        (loaded.secureFile ? ` with ${loaded.secureFile}` : '') +
        (loaded.errors.length ? `; ${loaded.errors.length} problem(s)` : ''),
    );
    const scopes: Scope[] = [];
    for (const cloud of clouds) {
      const key = cloudKey(cloud);
      const chosen = this.deps.scopeStore.get(key);
      for (const regional of this.shownRegions(cloud, regionsOf.get(key) ?? [cloud])) {
        scopes.push(this.makeScope(regional, chosen.primary, false));
        for (const project of chosen.extra) {
          scopes.push(this.makeScope(regional, project, true));
        }
      }
    }
    const previous = this.scopeList;
    // Sign-ins still running belong to the old list: each scope below starts a new attempt.
    this.attempts.clear();
    this.scopeList = dedupe(scopes);
    this.loaded = true;
    previous.forEach(closeConnectionOf);
    this.changed.fire(undefined);
    await Promise.all(this.scopeList.map((scope) => this.connectScope(scope)));
  }

  /** Sign in (again) for one scope. */
  async connectScope(scope: Scope): Promise<void> {
    if (this.isDisposed || !this.find(scope.id)) return;
    const attempt = {};
    this.attempts.set(scope.id, attempt);
    const current = () => !this.isDisposed && this.attempts.get(scope.id) === attempt && this.find(scope.id) !== undefined;
    this.update(scope, { state: { kind: 'connecting' } });
    let cloud = scope.cloud;
    let storedSecret = false;
    if (!secretOf(cloud.auth)) {
      const stored = await this.deps.credentials.storedSecret(cloud);
      if (!current()) return;
      if (!stored) {
        this.update(scope, { state: { kind: 'needsSecret' } });
        return;
      }
      cloud = { ...cloud, auth: withSecret(cloud.auth, stored) };
      storedSecret = true;
    }
    /** Signed in but not yet handed to the scope: closed if this attempt ends any other way. */
    let unclaimed: ScopeConnection | undefined;
    try {
      const settings = this.deps.settings();
      unclaimed = await connect(cloud, {
        logger: this.deps.logger,
        knownSecrets: this.deps.knownSecrets,
        timeoutMs: settings.requestTimeoutMs,
        proxy: { settings: settings.proxy, env: process.env },
        project: scope.project ? { id: scope.project.id } : undefined,
      });
      if (!current()) return this.outdated(scope);
      if (!unclaimed.session.projectScope) {
        // Unscoped: good for listing projects only. A project's scope signs in on its own.
        const projects = await unclaimed.session.listProjects();
        if (!current()) return this.outdated(scope);
        if (projects.length === 1) {
          await this.deps.scopeStore.setPrimary(scope.cloudKey, { id: projects[0].id, name: projects[0].name });
          if (!current()) return this.outdated(scope);
          const rescoped = { ...scope, project: { id: projects[0].id, name: projects[0].name } };
          this.replace(scope, rescoped);
          return this.connectScope(rescoped);
        }
        this.update(scope, { state: { kind: 'needsProject', projects }, storedSecret });
        return;
      }
      const connection = unclaimed;
      unclaimed = undefined;
      this.update(scope, { state: { kind: 'connected', connection }, storedSecret });
    } catch (error) {
      if (!current()) return this.outdated(scope);
      const err = asError(error);
      this.deps.logger.error(
        `Cloud "${scope.cloud.name}"${scope.region ? ` in ${scope.region}` : ''}${scope.project ? ` (project ${scope.project.name})` : ''}: ${err.message}`,
      );
      this.update(scope, { state: { kind: 'error', error: err }, storedSecret });
    } finally {
      unclaimed?.dispose();
    }
  }

  /** A secret typed by the user; kept in SecretStorage only when asked to. */
  async provideSecret(scope: Scope, secret: string, remember: boolean): Promise<void> {
    if (remember) {
      await this.deps.credentials.storeSecret(scope.cloud, secret);
    }
    // Every scope of this cloud uses the same credential.
    const siblings = this.scopeList.filter((s) => s.cloudKey === scope.cloudKey);
    for (const sibling of siblings) {
      const withIt = { ...sibling, cloud: { ...sibling.cloud, auth: withSecret(sibling.cloud.auth, secret) }, storedSecret: remember };
      this.replace(sibling, withIt);
    }
    await Promise.all(this.scopeList.filter((s) => s.cloudKey === scope.cloudKey).map((s) => this.connectScope(s)));
  }

  async forgetSecret(scope: Scope): Promise<void> {
    await this.deps.credentials.forgetSecret(scope.cloud);
    await this.reload();
  }

  /** Projects the scope's user may scope to (GET /v3/auth/projects). */
  async projectsOf(scope: Scope): Promise<readonly KeystoneProject[]> {
    if (scope.state.kind === 'needsProject') {
      return scope.state.projects;
    }
    if (scope.state.kind !== 'connected') {
      throw new Error(vscode.l10n.t('Cloud "{0}" is not connected.', scope.cloud.name));
    }
    return scope.state.connection.session.listProjects();
  }

  /** Adds the project in every shown region of the scope's cloud; returns the scope in the scope's region. */
  async addScope(scope: Scope, project: ProjectChoice): Promise<Scope> {
    const existing = this.scopeList.find((s) => s.cloudKey === scope.cloudKey && s.cloud.regionName === scope.cloud.regionName && this.projectIdOf(s) === project.id);
    if (existing) {
      return existing;
    }
    await this.deps.scopeStore.addExtra(scope.cloudKey, project);
    const added = this.regionsOfCloud(scope).map((regional) => this.makeScope(regional.cloud, project, true, scope.storedSecret, regional.region !== undefined));
    const fresh = added.filter((a) => !this.find(a.id));
    this.scopeList = [...this.scopeList, ...fresh];
    this.changed.fire(undefined);
    await Promise.all(fresh.map((a) => this.connectScope(a)));
    const mine = added.find((a) => a.cloud.regionName === scope.cloud.regionName) ?? added[0];
    return this.find(mine.id) ?? mine;
  }

  /** The project choice is per cloud: every region of the cloud switches. */
  async switchProject(scope: Scope, project: ProjectChoice): Promise<void> {
    if (scope.extra && scope.project) {
      await this.deps.scopeStore.replaceExtra(scope.cloudKey, scope.project.id, project);
    } else {
      await this.deps.scopeStore.setPrimary(scope.cloudKey, project);
    }
    const switching = this.sameProjectInOtherRegions(scope);
    const switched = switching.map((s) => this.makeScope(s.cloud, project, s.extra, s.storedSecret, s.region !== undefined));
    switching.forEach((s, i) => {
      this.attempts.delete(s.id);
      this.replace(s, switched[i]);
    });
    this.scopeList = dedupe(this.scopeList);
    this.changed.fire(undefined);
    await Promise.all(switched.map((s) => this.connectScope(s)));
  }

  /** Hides a project scope (in every region of its cloud: the choice of projects is per cloud). */
  async removeScope(scope: Scope): Promise<void> {
    const removing = scope.extra && scope.project ? this.sameProjectInOtherRegions(scope) : [scope];
    if (scope.extra && scope.project) {
      await this.deps.scopeStore.removeExtra(scope.cloudKey, scope.project.id);
    }
    for (const each of removing) {
      const removed = this.find(each.id);
      this.attempts.delete(each.id);
      this.scopeList = this.scopeList.filter((s) => s.id !== each.id);
      if (removed) closeConnectionOf(removed);
    }
    this.changed.fire(undefined);
  }

  /**
   * The regions "Show or Hide Regions…" offers for a scope's cloud: the config's, those already
   * chosen, and the catalog's image regions (read from any signed-in scope of the cloud).
   */
  regionChoices(scope: Scope): { readonly all: readonly string[]; readonly shown: readonly string[]; readonly catalogOnly: readonly string[] } {
    const siblings = this.scopeList.filter((s) => s.cloudKey === scope.cloudKey);
    const shown = knownRegions(siblings.map((s) => s.cloud.regionName ?? ''));
    const catalog = new Set<string>();
    for (const sibling of siblings) {
      if (sibling.state.kind !== 'connected') continue;
      try {
        sibling.state.connection.session.imageRegions().forEach((r) => catalog.add(r));
      } catch {
        // an unscoped token has no catalog: nothing to offer from it
      }
    }
    const configured = knownRegions(scope.cloud.regions, this.deps.regionStore.shown(scope.cloudKey) ?? []);
    const all = knownRegions(configured, [...shown, ...catalog]);
    return { all, shown, catalogOnly: all.filter((r) => !configured.includes(r)) };
  }

  /** Remember which regions of a cloud to show (in this workspace) and rebuild the list. */
  async showRegions(scope: Scope, regions: readonly string[]): Promise<void> {
    await this.deps.regionStore.setShown(scope.cloudKey, regions);
    await this.reload();
  }

  async removeUserCloud(scope: Scope): Promise<void> {
    await this.deps.credentials.removeUserCloud(scope.cloud.name);
    await this.deps.scopeStore.forget(scope.cloudKey);
    await this.reload();
  }

  /** The project a scope is (or will be) signed in to, if known. */
  projectIdOf(scope: Scope): string | undefined {
    if (scope.state.kind === 'connected') {
      return scope.state.connection.session.projectScope?.id;
    }
    return scope.project?.id ?? (scope.cloud.auth.type !== 'applicationCredential' ? scope.cloud.auth.project?.id : undefined);
  }

  /**
   * The (cloud, region) configs to show: the workspace's choice, else the config's regions. A
   * region chosen from the catalog but not configured is the cloud's default config in that region.
   */
  private shownRegions(cloud: CloudConfig, configured: readonly CloudConfig[]): CloudConfig[] {
    const chosen = this.deps.regionStore.shown(cloudKey(cloud));
    const known = knownRegions(
      configured.map((c) => c.regionName ?? ''),
      chosen ?? [],
    );
    const inRegion = (region: string): CloudConfig => configured.find((c) => c.regionName === region) ?? { ...cloud, regionName: region, regions: known };
    const picked = chosen && chosen.length > 0 ? chosen.map(inRegion) : [...configured];
    // Every scope of the cloud knows every region, so that each names its region when there are several.
    return picked.map((c) => ({ ...c, regions: knownRegions(c.regions, known) }));
  }

  /** One scope per shown region of a scope's cloud (from the current list), with whether regions are named. */
  private regionsOfCloud(scope: Scope): Array<{ cloud: CloudConfig; region?: string }> {
    const seen = new Map<string, { cloud: CloudConfig; region?: string }>();
    for (const s of this.scopeList) {
      if (s.cloudKey === scope.cloudKey && !seen.has(s.cloud.regionName ?? '')) seen.set(s.cloud.regionName ?? '', { cloud: s.cloud, region: s.region });
    }
    return seen.size > 0 ? [...seen.values()] : [{ cloud: scope.cloud, region: scope.region }];
  }

  /** This scope and the scopes of the same cloud and project choice in the cloud's other regions. */
  private sameProjectInOtherRegions(scope: Scope): Scope[] {
    return this.scopeList.filter((s) => s.cloudKey === scope.cloudKey && s.extra === scope.extra && s.project?.id === scope.project?.id);
  }

  private makeScope(cloud: CloudConfig, project: ProjectChoice | undefined, extra: boolean, storedSecret = false, named?: boolean): Scope {
    const key = cloudKey(cloud);
    const region = named === false ? undefined : regionShown(cloud.regionName, knownRegions(cloud.regions, cloud.regionName ? [cloud.regionName] : []));
    return { id: scopeId(key, project?.id, region), cloudKey: key, cloud, project, extra, state: { kind: 'connecting' }, storedSecret, region };
  }

  /** A sign-in that a newer one (or a reload, a switch, a removal) overtook: its result is not shown. */
  private outdated(scope: Scope): void {
    this.deps.logger.info(
      `Cloud "${scope.cloud.name}"${scope.region ? ` in ${scope.region}` : ''}${scope.project ? ` (project ${scope.project.name})` : ''}: an outdated sign-in finished; its result is dropped`,
    );
  }

  private update(scope: Scope, patch: Partial<Pick<Scope, 'state' | 'storedSecret'>>): void {
    const index = this.scopeList.findIndex((s) => s.id === scope.id);
    if (index < 0) {
      return; // removed or reloaded meanwhile
    }
    const next = this.put(index, { ...this.scopeList[index], ...patch });
    this.changed.fire(next);
  }

  private replace(old: Scope, next: Scope): void {
    const index = this.scopeList.findIndex((s) => s.id === old.id);
    if (index >= 0) this.put(index, next);
  }

  /** The one place a listed scope changes: a connection it no longer holds is closed. */
  private put(index: number, next: Scope): Scope {
    const previous = this.scopeList[index];
    this.scopeList = [...this.scopeList.slice(0, index), next, ...this.scopeList.slice(index + 1)];
    if (connectionOf(previous) !== connectionOf(next)) closeConnectionOf(previous);
    return next;
  }

  private closeAll(): void {
    const scopes = this.scopeList;
    this.scopeList = [];
    this.attempts.clear();
    scopes.forEach(closeConnectionOf);
  }
}

function connectionOf(scope: Scope): ScopeConnection | undefined {
  return scope.state.kind === 'connected' ? scope.state.connection : undefined;
}

function closeConnectionOf(scope: Scope): void {
  connectionOf(scope)?.dispose();
}

/** One row per cloud and project, even if the user chose the configured project again. */
function dedupe(scopes: Scope[]): Scope[] {
  const seen = new Set<string>();
  return scopes.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
