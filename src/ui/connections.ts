import * as vscode from 'vscode';
import {
  type CloudConfig,
  type ConfigError,
  type KeystoneProject,
  type Logger,
  type ScopeConnection,
  type SecretRegistry,
  connect,
  loadCloudConfigs,
} from '../openstack';
import type { Settings } from './settings';
import type { ProjectChoice, ScopeStore } from './scopeStore';
import { type CredentialStore, hasSecret, userCloudConfig, withSecret } from './userClouds';

export type ScopeState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly connection: ScopeConnection }
  | { readonly kind: 'needsSecret' }
  /** Signed in without a project and the user has several: one must be chosen. */
  | { readonly kind: 'needsProject'; readonly projects: readonly KeystoneProject[] }
  | { readonly kind: 'error'; readonly error: Error };

/** One row of the tree's root: a cloud signed in to one project. */
export interface Scope {
  /** Stable across reloads: cloud origin + project. */
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
}

export function cloudKey(cloud: CloudConfig): string {
  return cloud.source.kind === 'file' ? `file:${cloud.source.path}:${cloud.name}` : `${cloud.source.kind}:${cloud.name}`;
}

export interface ConnectionsDeps {
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly credentials: CredentialStore;
  readonly scopeStore: ScopeStore;
  readonly settings: () => Settings;
  /** The openstack CLI's "current folder": the first workspace folder. */
  readonly cwd: () => string | undefined;
}

/**
 * Every configured cloud and chosen project scope, and their connection states. The tree and
 * the status bar render it; commands change it. Connections sign in lazily per scope and in
 * parallel; one failing cloud never blocks the others.
 */
export class Connections implements vscode.Disposable {
  private scopeList: Scope[] = [];
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<Scope | undefined>();
  /** Fires with the scope that changed, or undefined when the whole list changed. */
  readonly onDidChange = this.changed.event;
  configErrors: readonly ConfigError[] = [];
  cloudsFile: string | undefined;
  loaded = false;

  constructor(private readonly deps: ConnectionsDeps) {}

  get scopes(): readonly Scope[] {
    return this.scopeList;
  }

  /** A project's name, when some connected scope is signed in to it. */
  projectName(projectId: string): string | undefined {
    for (const scope of this.scopeList) {
      const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
      if (project?.id === projectId) return project.name;
    }
    return undefined;
  }

  find(id: string): Scope | undefined {
    return this.scopeList.find((s) => s.id === id);
  }

  /** Read the configuration again and reconnect every scope. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const settings = this.deps.settings();
    const env = settings.cloudsFile ? { ...process.env, OS_CLIENT_CONFIG_FILE: settings.cloudsFile } : process.env;
    const loaded = loadCloudConfigs({ env, cwd: this.deps.cwd() });
    for (const error of loaded.errors) {
      this.deps.logger.error(error.message);
    }
    const clouds = [...loaded.clouds, ...this.deps.credentials.userClouds().map(userCloudConfig)];
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
      scopes.push(this.makeScope(cloud, chosen.primary, false));
      for (const project of chosen.extra) {
        scopes.push(this.makeScope(cloud, project, true));
      }
    }
    this.scopeList = dedupe(scopes);
    this.loaded = true;
    this.changed.fire(undefined);
    await Promise.all(this.scopeList.map((scope) => (generation === this.generation ? this.connectScope(scope) : undefined)));
  }

  /** Sign in (again) for one scope. */
  async connectScope(scope: Scope): Promise<void> {
    this.update(scope, { state: { kind: 'connecting' } });
    let cloud = scope.cloud;
    let storedSecret = false;
    if (!hasSecret(cloud)) {
      const stored = await this.deps.credentials.storedSecret(cloud);
      if (!stored) {
        this.update(scope, { state: { kind: 'needsSecret' } });
        return;
      }
      cloud = withSecret(cloud, stored);
      storedSecret = true;
    }
    try {
      const settings = this.deps.settings();
      const connection = await connect(cloud, {
        logger: this.deps.logger,
        secrets: this.deps.secrets,
        timeoutMs: settings.requestTimeoutMs,
        project: scope.project ? { id: scope.project.id } : undefined,
      });
      if (!connection.session.projectScope) {
        const projects = await connection.session.listProjects();
        if (projects.length === 1) {
          await this.deps.scopeStore.setPrimary(scope.cloudKey, { id: projects[0].id, name: projects[0].name });
          const rescoped = { ...scope, project: { id: projects[0].id, name: projects[0].name } };
          this.replace(scope, rescoped);
          return this.connectScope(rescoped);
        }
        this.update(scope, { state: { kind: 'needsProject', projects }, storedSecret });
        return;
      }
      this.update(scope, { state: { kind: 'connected', connection }, storedSecret });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      this.deps.logger.error(`Cloud "${scope.cloud.name}"${scope.project ? ` (project ${scope.project.name})` : ''}: ${err.message}`);
      this.update(scope, { state: { kind: 'error', error: err }, storedSecret });
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
      const withIt = { ...sibling, cloud: withSecret(sibling.cloud, secret), storedSecret: remember };
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
      throw new Error(`Cloud "${scope.cloud.name}" is not connected.`);
    }
    return scope.state.connection.session.listProjects();
  }

  async addScope(scope: Scope, project: ProjectChoice): Promise<Scope> {
    const existing = this.scopeList.find((s) => s.cloudKey === scope.cloudKey && this.projectIdOf(s) === project.id);
    if (existing) {
      return existing;
    }
    await this.deps.scopeStore.addExtra(scope.cloudKey, project);
    const added = this.makeScope(scope.cloud, project, true, scope.storedSecret);
    this.scopeList = [...this.scopeList, added];
    this.changed.fire(undefined);
    await this.connectScope(added);
    return this.find(added.id) ?? added;
  }

  async switchProject(scope: Scope, project: ProjectChoice): Promise<void> {
    if (scope.extra && scope.project) {
      await this.deps.scopeStore.replaceExtra(scope.cloudKey, scope.project.id, project);
    } else {
      await this.deps.scopeStore.setPrimary(scope.cloudKey, project);
    }
    const switched = this.makeScope(scope.cloud, project, scope.extra, scope.storedSecret);
    this.replace(scope, switched);
    this.changed.fire(undefined);
    await this.connectScope(switched);
  }

  async removeScope(scope: Scope): Promise<void> {
    if (scope.extra && scope.project) {
      await this.deps.scopeStore.removeExtra(scope.cloudKey, scope.project.id);
    }
    this.scopeList = this.scopeList.filter((s) => s.id !== scope.id);
    this.changed.fire(undefined);
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

  dispose(): void {
    this.changed.dispose();
  }

  private makeScope(cloud: CloudConfig, project: ProjectChoice | undefined, extra: boolean, storedSecret = false): Scope {
    const key = cloudKey(cloud);
    return { id: `${key}|${project?.id ?? '*'}`, cloudKey: key, cloud, project, extra, state: { kind: 'connecting' }, storedSecret };
  }

  private update(scope: Scope, patch: Partial<Pick<Scope, 'state' | 'storedSecret'>>): void {
    const index = this.scopeList.findIndex((s) => s.id === scope.id);
    if (index < 0) {
      return; // removed or reloaded meanwhile
    }
    const next = { ...this.scopeList[index], ...patch };
    this.scopeList = [...this.scopeList.slice(0, index), next, ...this.scopeList.slice(index + 1)];
    this.changed.fire(next);
  }

  private replace(old: Scope, next: Scope): void {
    this.scopeList = this.scopeList.map((s) => (s.id === old.id ? next : s));
  }
}

/** One row per cloud and project, even if the user chose the configured project again. */
function dedupe(scopes: Scope[]): Scope[] {
  const seen = new Set<string>();
  return scopes.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
