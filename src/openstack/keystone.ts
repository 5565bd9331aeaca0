import * as l10n from '@vscode/l10n';
import { secretKeyName, secretOf } from './authSecret';
import type { AuthSettings, CloudConfig, DomainRef, ProjectRef } from './cloudConfig';
import { ConfigError, ResponseFormatError, UnsupportedError, HttpError } from './errors';
import type { Logger } from './log';
import type { CatalogService, KeystoneProject, KeystoneRef } from './models';
import type { SecretRegistry } from './redact';
import type { Transport, TransportRequest, TransportResponse } from './transport';

export interface TokenScope {
  readonly user: KeystoneRef & { readonly domain?: KeystoneRef };
  /** Absent for an unscoped token: then only GET /v3/auth/projects and rescoping are possible. */
  readonly project?: KeystoneRef & { readonly domain?: KeystoneRef };
  readonly roles: readonly string[];
  readonly catalog: readonly CatalogService[];
  /** As Keystone wrote it (server clock). */
  readonly expiresAt: string;
  readonly applicationCredential?: KeystoneRef;
}

export interface SessionDeps {
  readonly transport: Transport;
  readonly logger: Logger;
  readonly knownSecrets: SecretRegistry;
  /** Injected clock, for tests of expiry. */
  readonly now?: () => number;
}

/** A Keystone v3 URL ends in /v3 whatever the user wrote (with or without it, with a trailing slash). */
export function identityBase(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

function domainJson(domain: DomainRef | undefined): Record<string, string> {
  if (domain?.id) {
    return { id: domain.id };
  }
  if (domain?.name) {
    return { name: domain.name };
  }
  return { id: 'default' };
}

function scopeJson(project: ProjectRef | undefined): Record<string, unknown> | undefined {
  if (!project) {
    return undefined;
  }
  if (project.id) {
    return { project: { id: project.id } };
  }
  return { project: { name: project.name, domain: domainJson(project.domain) } };
}

/** The body of POST /v3/auth/tokens for a credential and a scope. Exported for unit tests. */
export function buildAuthRequest(auth: AuthSettings, project: ProjectRef | undefined): Record<string, unknown> {
  let identity: Record<string, unknown>;
  let scope = scopeJson(project);
  switch (auth.type) {
    case 'password': {
      const user: Record<string, unknown> = auth.userId
        ? { id: auth.userId, password: auth.password }
        : { name: auth.username, domain: domainJson(auth.userDomain), password: auth.password };
      identity = { methods: ['password'], password: { user } };
      break;
    }
    case 'applicationCredential': {
      const credential: Record<string, unknown> = auth.id
        ? { id: auth.id, secret: auth.secret }
        : {
            name: auth.name,
            secret: auth.secret,
            user: auth.userId ? { id: auth.userId } : { name: auth.username, domain: domainJson(auth.userDomain) },
          };
      identity = { methods: ['application_credential'], application_credential: credential };
      // Keystone answers 401 to an application credential that asks for a scope.
      scope = undefined;
      break;
    }
    case 'token':
      identity = { methods: ['token'], token: { id: auth.token } };
      break;
  }
  return { auth: scope ? { identity, scope } : { identity } };
}

function parseRef(value: unknown): (KeystoneRef & { domain?: KeystoneRef }) | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string') {
    return undefined;
  }
  const domain = parseRef(record.domain);
  return { id: record.id, name: typeof record.name === 'string' ? record.name : record.id, domain };
}

/** The `projects` list of a Keystone answer, each with the fields relied on. */
function parseProjectList(data: unknown, path: string): KeystoneProject[] {
  const projects = (data as { projects?: unknown } | undefined)?.projects;
  if (!Array.isArray(projects)) {
    throw new ResponseFormatError('keystone', 'GET', path, 'no "projects" list');
  }
  return projects
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && typeof (p as Record<string, unknown>).id === 'string')
    .map((p) => ({
      id: p.id as string,
      name: typeof p.name === 'string' ? p.name : (p.id as string),
      domain_id: typeof p.domain_id === 'string' ? p.domain_id : '',
      enabled: p.enabled !== false,
      description: typeof p.description === 'string' ? p.description : undefined,
    }));
}

/** Read what the token body tells: user, project, roles, catalog, expiry. */
export function parseTokenBody(data: unknown, path: string): TokenScope {
  const token = data && typeof data === 'object' ? (data as { token?: Record<string, unknown> }).token : undefined;
  const user = parseRef(token?.user);
  if (!token || !user || typeof token.expires_at !== 'string') {
    throw new ResponseFormatError('keystone', 'POST', path, 'the token body lacks user or expires_at');
  }
  const roles = Array.isArray(token.roles) ? token.roles.map((r) => parseRef(r)?.name).filter((n): n is string => !!n) : [];
  const catalog = Array.isArray(token.catalog) ? (token.catalog as CatalogService[]) : [];
  return {
    user,
    project: parseRef(token.project),
    roles,
    catalog,
    expiresAt: token.expires_at,
    applicationCredential: parseRef(token.application_credential),
  };
}

/**
 * A Keystone v3 session: one credential, one project scope, one token in memory.
 * Every request to Glance goes through `request`, which renews the token shortly before it
 * expires and, on a 401, signs in once more and retries once.
 */
export class KeystoneSession {
  private token: string | undefined;
  private scope: TokenScope | undefined;
  /** Local clock time (ms) after which the token is treated as expired. */
  private renewAfter = 0;
  private signingIn: Promise<void> | undefined;
  private readonly now: () => number;

  private constructor(
    readonly cloud: CloudConfig,
    private readonly project: ProjectRef | undefined,
    private readonly deps: SessionDeps,
  ) {
    this.now = deps.now ?? Date.now;
    deps.knownSecrets.add(secretOf(cloud.auth));
  }

  /** Sign in with a cloud's credential and its configured project (or a given one). */
  static async open(cloud: CloudConfig, deps: SessionDeps, project?: ProjectRef): Promise<KeystoneSession> {
    if (!secretOf(cloud.auth)) {
      const missing = secretKeyName(cloud.auth);
      throw new ConfigError(
        `Cloud "${cloud.name}" has no ${missing}: add it to secure.yaml, or enter it when glance-share asks.`,
        cloud.source.kind === 'file' ? cloud.source.path : undefined,
        cloud.name,
        `auth.${missing}`,
      );
    }
    const session = new KeystoneSession(cloud, project ?? (cloud.auth.type === 'applicationCredential' ? undefined : cloud.auth.project), deps);
    await session.signIn();
    return session;
  }

  get identityUrl(): string {
    return identityBase(this.cloud.auth.authUrl);
  }

  get user(): KeystoneRef & { domain?: KeystoneRef } {
    return this.current().user;
  }

  get projectScope(): (KeystoneRef & { domain?: KeystoneRef }) | undefined {
    return this.current().project;
  }

  get roles(): readonly string[] {
    return this.current().roles;
  }

  /** Admin by the legacy policy's rule (role "admin"): may make images public and act on any member. */
  get isAdmin(): boolean {
    return this.roles.includes('admin');
  }

  get expiresAt(): string {
    return this.current().expiresAt;
  }

  get transport(): Transport {
    return this.deps.transport;
  }

  private current(): TokenScope {
    if (!this.scope) {
      throw new Error('KeystoneSession used before sign-in');
    }
    return this.scope;
  }

  /** The Glance URL (no version suffix): the override, or the catalog's by interface and region. */
  imageEndpoint(): string {
    if (this.cloud.imageEndpointOverride) {
      return this.cloud.imageEndpointOverride;
    }
    const scope = this.current();
    if (!scope.project) {
      throw new UnsupportedError(`Cloud "${this.cloud.name}" signed in without a project: choose a project to see its images.`);
    }
    const services = scope.catalog.filter((s) => s.type === 'image');
    const wanted = this.cloud.imageInterface ?? this.cloud.interface;
    const region = this.cloud.imageRegionName ?? this.cloud.regionName;
    const candidates = services.flatMap((s) => s.endpoints).filter((e) => e.interface === wanted);
    const inRegion = region ? candidates.filter((e) => e.region_id === region || e.region === region) : candidates;
    const chosen = inRegion[0];
    if (!chosen && region) {
      const regions = this.imageRegions({ anyInterface: true });
      if (!regions.includes(region)) {
        throw new ConfigError(
          `Region "${region}" of cloud "${this.cloud.name}" has no image service in the catalog` +
            ` (its image regions: ${regions.join(', ') || 'none'}). Fix region_name or regions: in clouds.yaml, or hide the region (Show or Hide Regions…).`,
          this.cloud.source.kind === 'file' ? this.cloud.source.path : undefined,
          this.cloud.name,
          'region_name',
        );
      }
    }
    if (!chosen) {
      const available = services
        .flatMap((s) => s.endpoints)
        .map((e) => `${e.interface}@${e.region_id ?? e.region ?? '-'}`)
        .join(', ');
      throw new ConfigError(
        region
          ? l10n.t(
              'The catalog of cloud "{cloud}" has no image endpoint for interface "{wanted}" in region "{region}" (it has: {available}). Set region_name or interface (or image_region_name, image_interface) in clouds.yaml, or image_endpoint_override.',
              { cloud: this.cloud.name, wanted, region, available: available || l10n.t('no image service at all') },
            )
          : l10n.t(
              'The catalog of cloud "{cloud}" has no image endpoint for interface "{wanted}" (it has: {available}). Set region_name or interface (or image_region_name, image_interface) in clouds.yaml, or image_endpoint_override.',
              { cloud: this.cloud.name, wanted, available: available || l10n.t('no image service at all') },
            ),
        this.cloud.source.kind === 'file' ? this.cloud.source.path : undefined,
        this.cloud.name,
        region ? 'region_name' : 'interface',
      );
    }
    if (!region && new Set(candidates.map((e) => e.region_id ?? e.region)).size > 1) {
      this.deps.logger.warn(`Cloud "${this.cloud.name}" has image endpoints in several regions and no region_name; using ${chosen.region_id ?? chosen.region}.`);
    }
    return chosen.url.replace(/\/+$/, '').replace(/\/v2(\.\d+)?$/, '');
  }

  /** The regions the catalog has an image endpoint in, for this cloud's (image) interface or any, in catalog order. */
  imageRegions(options: { readonly anyInterface?: boolean } = {}): string[] {
    const wanted = this.cloud.imageInterface ?? this.cloud.interface;
    const endpoints = this.current()
      .catalog.filter((s) => s.type === 'image')
      .flatMap((s) => s.endpoints)
      .filter((e) => options.anyInterface === true || e.interface === wanted);
    return [...new Set(endpoints.map((e) => e.region_id ?? e.region).filter((r): r is string => !!r))];
  }

  /** Projects this user may scope to (GET /v3/auth/projects). */
  async listProjects(): Promise<KeystoneProject[]> {
    const response = await this.request({ service: 'keystone', operation: 'listProjects', method: 'GET', url: `${this.identityUrl}/auth/projects` });
    return parseProjectList(response.data, '/v3/auth/projects');
  }

  /**
   * Projects of this name, in any domain (GET /v3/projects?name=…). Keystone's default policy
   * lets only a reader of the system or of the project's domain list projects: a normal user's
   * token gets 403 (docs/glance-behaviour.md#project-lookup), which the caller turns into advice.
   */
  async findProjectsByName(name: string): Promise<KeystoneProject[]> {
    const response = await this.request({
      service: 'keystone',
      operation: 'findProjects',
      method: 'GET',
      url: `${this.identityUrl}/projects?name=${encodeURIComponent(name)}`,
    });
    return parseProjectList(response.data, '/v3/projects');
  }

  /**
   * A project by ID (GET /v3/projects/{id}): Keystone's default policy lets an admin (or a reader
   * of the project's domain) read any project, a normal user only their own; others get 403.
   */
  async getProject(projectId: string): Promise<KeystoneProject> {
    const path = `/v3/projects/${projectId}`;
    const response = await this.request({ service: 'keystone', operation: 'other', method: 'GET', url: `${this.identityUrl}/projects/${encodeURIComponent(projectId)}` });
    const project = (response.data as { project?: unknown } | undefined)?.project;
    const [parsed] = parseProjectList({ projects: project ? [project] : [] }, path);
    if (!parsed) throw new ResponseFormatError('keystone', 'GET', path, 'no "project" object');
    return parsed;
  }

  /** A domain's name, when this token may read it (GET /v3/domains/{id}); undefined otherwise. */
  async domainName(domainId: string): Promise<string | undefined> {
    try {
      const response = await this.request({ service: 'keystone', operation: 'other', method: 'GET', url: `${this.identityUrl}/domains/${encodeURIComponent(domainId)}` });
      const name = (response.data as { domain?: { name?: unknown } } | undefined)?.domain?.name;
      return typeof name === 'string' ? name : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A new session of the same credential scoped to another project; this one stays as it is.
   * With another transport, the new session sends its requests there (its own sockets).
   */
  async rescope(projectId: string, transport: Transport = this.deps.transport): Promise<KeystoneSession> {
    const deps = { ...this.deps, transport };
    if (this.cloud.auth.type === 'applicationCredential') {
      if (this.projectScope?.id !== projectId) {
        throw new UnsupportedError(l10n.t('An application credential is bound to one project and cannot switch to another.'));
      }
      // Bound to this project already: the same session, unless it must live on another transport.
      return transport === this.deps.transport ? this : KeystoneSession.open(this.cloud, deps);
    }
    return KeystoneSession.open(this.cloud, deps, { id: projectId });
  }

  /**
   * An authenticated request. The token is renewed ahead of expiry; a 401 (token revoked,
   * or expired by a clock we misjudged) leads to one new sign-in and one retry.
   */
  async request(request: TransportRequest): Promise<TransportResponse> {
    if (this.now() >= this.renewAfter) {
      await this.signIn();
    }
    const attempt = () => this.deps.transport.send({ ...request, headers: { ...request.headers, 'X-Auth-Token': this.token ?? '' } });
    const usedToken = this.token;
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401) {
        throw error;
      }
      this.deps.logger.info(`${error.method} ${error.path} → 401; signing in again to cloud "${this.cloud.name}"`);
      // Several requests may hit the same expired token at once: only the first signs in.
      if (this.token === usedToken) {
        await this.signIn();
      }
      return attempt();
    }
  }

  private signIn(): Promise<void> {
    this.signingIn ??= this.doSignIn().finally(() => {
      this.signingIn = undefined;
    });
    return this.signingIn;
  }

  private async doSignIn(): Promise<void> {
    const url = `${this.identityUrl}/auth/tokens`;
    const started = this.now();
    const response = await this.deps.transport.send({
      service: 'keystone',
      operation: 'authenticate',
      method: 'POST',
      url,
      body: buildAuthRequest(this.cloud.auth, this.project),
    });
    const token = response.headers['x-subject-token'];
    if (!token) {
      throw new ResponseFormatError('keystone', 'POST', '/v3/auth/tokens', 'no X-Subject-Token header');
    }
    const scope = parseTokenBody(response.data, '/v3/auth/tokens');
    const issuedAt = (response.data as { token?: { issued_at?: string } }).token?.issued_at;
    // Lifetime by the server's own clock (issued_at → expires_at), applied to ours: immune to clock skew.
    const lifetimeMs = issuedAt ? Date.parse(scope.expiresAt) - Date.parse(issuedAt) : Date.parse(scope.expiresAt) - Date.now();
    const margin = Math.min(60_000, Math.max(0, lifetimeMs) * 0.1);
    this.deps.knownSecrets.delete(this.token);
    this.deps.knownSecrets.add(token);
    this.token = token;
    this.scope = scope;
    this.renewAfter = started + lifetimeMs - margin;
    this.deps.logger.info(
      `Signed in to cloud "${this.cloud.name}" as ${scope.user.name}` +
        (scope.project ? ` in project ${scope.project.name} (${scope.project.id})` : ' without a project') +
        `; token valid until ${scope.expiresAt}`,
    );
  }
}
