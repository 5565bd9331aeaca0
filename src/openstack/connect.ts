import type { Disposable } from '../common/lifecycle';
import type { CloudConfig, ProjectRef } from './cloudConfig';
import { GlanceClient } from './glance';
import { KeystoneSession } from './keystone';
import type { Logger } from './log';
import { proxySecrets, type ProxyConfig } from './proxyChoice';
import { SecretRegistry, redactingLogger } from './redact';
import { Transport } from './transport';

export interface ConnectOptions {
  readonly logger: Logger;
  /** Shared across clouds so that one cloud's secrets are redacted from every log line. */
  readonly knownSecrets?: SecretRegistry;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  /** VS Code's proxy settings and the environment; undefined = every request direct. */
  readonly proxy?: ProxyConfig;
  /** Another project than the configured one. */
  readonly project?: ProjectRef;
}

/**
 * A signed-in project scope of a cloud, with its Glance client. It owns its transport (keep-alive
 * sockets): whoever holds it disposes it when it is replaced, and its requests then fail cleanly.
 */
export class ScopeConnection implements Disposable {
  constructor(
    readonly cloud: CloudConfig,
    readonly session: KeystoneSession,
    readonly glance: GlanceClient,
    /** Redacting: what its session logs through. */
    readonly logger: Logger,
  ) {}

  get isDisposed(): boolean {
    return this.session.transport.isDisposed;
  }

  /** Closes its sockets; requests still in flight fail with a NetworkError. Idempotent. */
  dispose(): void {
    const transport = this.session.transport;
    if (transport.isDisposed) return;
    const sockets = transport.openSockets().length;
    transport.dispose();
    this.logger.info(`Closed the connection to cloud "${this.cloud.name}"${this.describeProject()} (${sockets} open socket${sockets === 1 ? '' : 's'})`);
  }

  private describeProject(): string {
    try {
      const project = this.session.projectScope;
      return project ? ` in project ${project.name}` : ' without a project';
    } catch {
      return '';
    }
  }
}

/** Transport + session + Glance client for one cloud, TLS exactly as its config says. */
export async function connect(cloud: CloudConfig, options: ConnectOptions): Promise<ScopeConnection> {
  const knownSecrets = options.knownSecrets ?? new SecretRegistry();
  for (const secret of proxySecrets(options.proxy)) knownSecrets.add(secret);
  const logger = redactingLogger(options.logger, knownSecrets);
  if (!cloud.verify) {
    logger.warn(`TLS certificate verification is OFF for cloud "${cloud.name}" because its configuration says so (verify: false / insecure).`);
  }
  const transport = new Transport({
    verify: cloud.verify,
    cacert: cloud.cacert,
    cert: cloud.cert,
    key: cloud.key,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryBaseDelayMs: options.retryBaseDelayMs,
    proxy: options.proxy,
    logger,
  });
  return owningTransport(transport, logger, () => KeystoneSession.open(cloud, { transport, logger, knownSecrets }, options.project));
}

/**
 * The same credential in another project, on a transport of its own (same settings): either
 * connection may be disposed without cutting off the other.
 */
export async function rescopeConnection(connection: ScopeConnection, projectId: string, options: { readonly imageEndpoint?: string } = {}): Promise<ScopeConnection> {
  const transport = connection.session.transport.fork();
  return owningTransport(transport, connection.logger, () => connection.session.rescope(projectId, transport), options.imageEndpoint);
}

/**
 * The connection signed in on `transport` owns it; a failed sign-in closes it at once.
 * `imageEndpoint`: another scope's Glance of the same Keystone (a member answers in the region the
 * image was shared in, which need not be this credential's configured region).
 */
async function owningTransport(transport: Transport, logger: Logger, signIn: () => Promise<KeystoneSession>, imageEndpoint?: string): Promise<ScopeConnection> {
  try {
    const session = await signIn();
    return new ScopeConnection(session.cloud, session, new GlanceClient(session, imageEndpoint ?? session.imageEndpoint(), logger), logger);
  } catch (error) {
    transport.dispose();
    throw error;
  }
}
