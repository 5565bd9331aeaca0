import type { CloudConfig, ProjectRef } from './cloudConfig';
import { GlanceClient } from './glance';
import { KeystoneSession } from './keystone';
import type { Logger } from './log';
import { SecretRegistry, redactingLogger } from './redact';
import { Transport } from './transport';

export interface ConnectOptions {
  readonly logger: Logger;
  /** Shared across clouds so that one cloud's secrets are redacted from every log line. */
  readonly secrets?: SecretRegistry;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  /** Another project than the configured one. */
  readonly project?: ProjectRef;
}

/** A signed-in project scope of a cloud, with its Glance client. */
export interface ScopeConnection {
  readonly cloud: CloudConfig;
  readonly session: KeystoneSession;
  readonly glance: GlanceClient;
}

/** Transport + session + Glance client for one cloud, TLS exactly as its config says. */
export async function connect(cloud: CloudConfig, options: ConnectOptions): Promise<ScopeConnection> {
  const secrets = options.secrets ?? new SecretRegistry();
  const logger = redactingLogger(options.logger, secrets);
  if (!cloud.verify) {
    logger.warn(`TLS certificate verification is OFF for cloud "${cloud.name}" because its configuration says so (verify: false / insecure).`);
  }
  const transport = new Transport({
    verify: cloud.verify,
    cacert: cloud.cacert,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryBaseDelayMs: options.retryBaseDelayMs,
    logger,
  });
  try {
    const session = await KeystoneSession.open(cloud, { transport, logger, secrets }, options.project);
    return { cloud, session, glance: new GlanceClient(session, session.imageEndpoint()) };
  } catch (error) {
    transport.dispose();
    throw error;
  }
}

/** The same credential in another project, sharing the transport. */
export async function rescopeConnection(connection: ScopeConnection, projectId: string): Promise<ScopeConnection> {
  const session = await connection.session.rescope(projectId);
  return { cloud: connection.cloud, session, glance: new GlanceClient(session, session.imageEndpoint()) };
}
