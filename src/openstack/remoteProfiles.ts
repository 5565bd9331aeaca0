import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { isRecord } from './cloudConfig';
import { wellKnownProfileUrl, type RemoteProfile } from './cloudResolve';
import { chooseProxy, type ProxyConfig } from './proxyChoice';
import { TunnelAgent } from './proxyAgent';

export interface RemoteProfileOptions {
  /** The environment the CLI would run in: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE, proxies. */
  readonly env: NodeJS.ProcessEnv;
  /** Proxies, as every other request of the extension goes (VS Code's settings and the environment). */
  readonly proxy?: ProxyConfig;
  readonly timeoutMs?: number;
}

/** A profile document is a few hundred bytes; anything far larger is not one. */
const MAX_BYTES = 256 * 1024;

/**
 * `vendors.get_profile` for a remote profile: GET `{scheme}://{netloc}/.well-known/openstack/api`
 * as python-requests would (TLS verified against the system's CAs, or REQUESTS_CA_BUNDLE /
 * CURL_CA_BUNDLE when set; through the proxy that applies), and read its `name` and `profile`.
 * Never throws: a failure is a reason for the clouds that use the profile.
 */
export async function fetchRemoteProfile(profile: string, options: RemoteProfileOptions): Promise<RemoteProfile> {
  const url = wellKnownProfileUrl(profile);
  if (!url) return { kind: 'failed', reason: l10n.t('it is not a URL') };
  let ca: string | undefined;
  const bundle = options.env.REQUESTS_CA_BUNDLE || options.env.CURL_CA_BUNDLE;
  if (bundle) {
    try {
      ca = fs.readFileSync(bundle, 'utf8');
    } catch (error) {
      return { kind: 'failed', reason: `the CA bundle ${bundle} (REQUESTS_CA_BUNDLE) cannot be read: ${(error as Error).message}` };
    }
  }
  try {
    const { status, statusText, body } = await get(url, ca, options);
    if (status < 200 || status > 299) return { kind: 'failed', reason: `${status} ${statusText}` };
    const document: unknown = JSON.parse(body);
    if (!isRecord(document) || typeof document.name !== 'string' || !isRecord(document.profile)) {
      return { kind: 'failed', reason: l10n.t('the answer is not a profile document (a JSON object with "name" and "profile")') };
    }
    return { kind: 'fetched', name: document.name, profile: document.profile };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof SyntaxError ? l10n.t('the answer is not JSON') : (error as Error).message };
  }
}

function get(url: string, ca: string | undefined, options: RemoteProfileOptions): Promise<{ status: number; statusText: string; body: string }> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const secure = url.startsWith('https:');
  const route = secure ? chooseProxy(url, options.proxy) : undefined;
  const agent = route ? new TunnelAgent(route, timeoutMs, { ca }) : undefined;
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).get(url, { ca, agent, timeout: timeoutMs, headers: { Accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) request.destroy(new Error(l10n.t('the answer is larger than {0} KB', MAX_BYTES / 1024)));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(l10n.t('no answer within {0} s', timeoutMs / 1000))));
    request.on('error', reject);
  }).finally(() => agent?.destroy()) as Promise<{ status: number; statusText: string; body: string }>;
}
