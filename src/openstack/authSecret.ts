import * as l10n from '@vscode/l10n';
import type { AuthSettings } from './cloudConfig';

/**
 * The one secret of each kind of credential: where AuthSettings holds it, what clouds.yaml /
 * secure.yaml call it, and how a person is asked for it. Everything that reads, fills in, names or
 * registers a cloud's secret goes through this table, so a new auth type is added here only.
 */
interface SecretSlot {
  readonly value: string | undefined;
  /** The key under `auth:` in clouds.yaml or secure.yaml. */
  readonly configKey: string;
  /** In a prompt: "Enter the … for prod". */
  readonly words: string;
  readonly fill: (secret: string) => AuthSettings;
}

function slotOf(auth: AuthSettings): SecretSlot {
  switch (auth.type) {
    case 'password':
      return { value: auth.password, configKey: 'password', words: l10n.t('password'), fill: (password) => ({ ...auth, password }) };
    case 'applicationCredential':
      return { value: auth.secret, configKey: 'application_credential_secret', words: l10n.t('application credential secret'), fill: (secret) => ({ ...auth, secret }) };
    case 'token':
      return { value: auth.token, configKey: 'token', words: l10n.t('token'), fill: (token) => ({ ...auth, token }) };
  }
}

/** The credential's secret, when the configuration (or the user) gave it. */
export function secretOf(auth: AuthSettings): string | undefined {
  return slotOf(auth).value || undefined;
}

/** The same credential with its secret filled in. */
export function withSecret(auth: AuthSettings, secret: string): AuthSettings {
  return slotOf(auth).fill(secret);
}

/** The secret's key in clouds.yaml / secure.yaml, e.g. `application_credential_secret`. */
export function secretKeyName(auth: AuthSettings): string {
  return slotOf(auth).configKey;
}

/** The secret in words, for prompts: "password", "application credential secret", "token". */
export function secretWords(auth: AuthSettings): string {
  return slotOf(auth).words;
}
