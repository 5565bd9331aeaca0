import * as vscode from 'vscode';
import { redactingLogger, type Logger, type SecretRegistry } from '../openstack';

/**
 * The "Glance Image Sharing" log. Everything written to it passes through the redactor, so a
 * token, password or secret that some message carried by accident still never reaches it.
 */
export function createLog(knownSecrets: SecretRegistry): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('Glance Image Sharing', { log: true });
  const sink: Logger = {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  return { channel, logger: redactingLogger(sink, knownSecrets) };
}
