import type { Logger } from './log';

/** What replaces a secret in any text this extension emits. */
export const REDACTED = '***';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Headers as printed by Node, axios or curl: "X-Auth-Token: <token>"
  [/\b(x-auth-token|x-subject-token|x-service-token|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1$2${REDACTED}`],
  // JSON or YAML keys whose values are credentials
  [/(["']?\b(?:password|secret|application_credential_secret|token_id|auth_token|access_token)\b["']?\s*[:=]\s*)(["'])(?:\\.|(?!\2).)*\2/gi, `$1$2${REDACTED}$2`],
  // The token method of Keystone: {"token": {"id": "<token>"}}
  [/("token"\s*:\s*\{\s*"id"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
  // Fernet tokens (and receipts) are URL-safe base64 beginning with gAAAAA.
  [/\bgAAAAA[A-Za-z0-9_-]{20,}={0,2}/g, REDACTED],
  // Credentials in URLs: scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi, `$1${REDACTED}@`],
];

/**
 * Remove credentials from text: known secret values verbatim, and anything that has
 * the shape of one (token headers, password fields, fernet tokens, URL passwords).
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values (a one-letter password) would shred ordinary words; they are
    // still caught by the key patterns above.
    if (secret.length >= 4) {
      out = out.split(secret).join(REDACTED);
    }
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** Values that must never be shown: passwords, application-credential secrets, tokens. */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value) {
      this.values.add(value);
    }
  }

  delete(value: string | undefined): void {
    if (value) {
      this.values.delete(value);
    }
  }

  redact(text: string): string {
    return redact(text, this.values);
  }
}

/** A logger that redacts every message before it reaches the real one. */
export function redactingLogger(inner: Logger, knownSecrets: SecretRegistry): Logger {
  return {
    trace: (m) => inner.trace(knownSecrets.redact(m)),
    debug: (m) => inner.debug(knownSecrets.redact(m)),
    info: (m) => inner.info(knownSecrets.redact(m)),
    warn: (m) => inner.warn(knownSecrets.redact(m)),
    error: (m) => inner.error(knownSecrets.redact(m)),
  };
}
