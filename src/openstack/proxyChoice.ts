// Which proxy, if any, a request to a cloud goes through: VS Code's http.proxy settings (passed
// in as plain data by src/ui/settings.ts) over the environment, which is read as the openstack
// CLI reads it (proxyEnv.ts). The precedence and each rule are in docs/proxies.md.
import * as l10n from '@vscode/l10n';
import { ConfigError } from './errors';
import { environmentProxyFor, type Environment } from './proxyEnv';

/** VS Code's proxy settings, as plain data (src/openstack never reads VS Code itself). */
export interface ProxySettings {
  /** `http.proxy`; empty or undefined = not set. */
  readonly proxy?: string;
  /** `http.noProxy`. */
  readonly noProxy?: readonly string[];
  /** `http.proxyStrictSSL` (default true): verify an https:// proxy's own certificate. */
  readonly strictSSL?: boolean;
  /** `http.proxySupport` (default "override"); "off" = VS Code's http.proxy settings are not used. */
  readonly support?: 'off' | 'on' | 'fallback' | 'override';
  /** `http.proxyAuthorization`: sent as Proxy-Authorization when set (a secret: never logged). */
  readonly authorization?: string;
}

/** Where to find the proxy configuration. Undefined fields: none of that kind. */
export interface ProxyConfig {
  readonly settings?: ProxySettings;
  readonly env?: Environment;
}

/** A proxy a request goes through. */
export interface ProxyRoute {
  readonly protocol: 'http:' | 'https:';
  readonly host: string;
  readonly port: number;
  /** The Proxy-Authorization header (basic, from the URL's user info, or http.proxyAuthorization); a secret. */
  readonly authorization: string | undefined;
  /** Whether that header came from the user info of the proxy URL. */
  readonly credentialsInUrl: boolean;
  /** Verify an https:// proxy's certificate. */
  readonly strictSSL: boolean;
  /** protocol://host:port, without credentials: what messages and logs show. */
  readonly display: string;
  /** Where it was configured, e.g. `the VS Code setting "http.proxy"` or `HTTPS_PROXY`. */
  readonly source: string;
  /** The setting or variable that lists hosts reached directly, for "add it to …" advice. */
  readonly noProxyName: string;
  /** Same key = same proxy and credentials: requests may share its sockets. */
  readonly key: string;
}

/** Hosts VS Code always reaches directly (its proxy resolver does, whatever the settings say). */
const VSCODE_LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** VS Code's noProxy matching (@vscode/proxy-agent): `*`, or domain suffixes with an optional `:port`. */
export function vscodeBypasses(entries: readonly string[], hostname: string, port: string): boolean {
  const filters = entries.map((e) => e.trim().toLowerCase());
  if (filters.some((f) => f.includes('*'))) return true;
  return filters
    .map((f) => f.split(':', 2))
    .filter(([name]) => name)
    .some(([name, filterPort]) => `.${hostname.toLowerCase()}`.endsWith(name.startsWith('.') ? name : `.${name}`) && (!filterPort || filterPort === port));
}

/** The proxy for this URL, or undefined to connect directly. A proxy URL that cannot be used is a ConfigError. */
export function chooseProxy(url: string, config: ProxyConfig | undefined): ProxyRoute | undefined {
  const settings = config?.settings;
  const env = config?.env ?? {};
  const setting = settings?.support !== 'off' ? settings?.proxy?.trim() : undefined;
  if (setting) {
    const target = new URL(url);
    const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (VSCODE_LOCAL_HOSTS.has(hostname)) return undefined;
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    // As VS Code: http.noProxy when it lists anything, else NO_PROXY from the environment.
    const configured = settings?.noProxy?.filter((e) => e.trim()) ?? [];
    const noProxy = configured.length ? configured : (env.no_proxy || env.NO_PROXY || '').split(',');
    if (vscodeBypasses(noProxy, hostname, port)) return undefined;
    return parseProxyUrl(setting, 'the VS Code setting "http.proxy"', configured.length ? '"http.noProxy"' : 'NO_PROXY', settings);
  }
  const fromEnv = environmentProxyFor(url, env);
  return fromEnv ? parseProxyUrl(fromEnv.value, fromEnv.variable, 'NO_PROXY', settings) : undefined;
}

function parseProxyUrl(value: string, source: string, noProxyName: string, settings: ProxySettings | undefined): ProxyRoute {
  // requests (prepend_scheme_if_needed) and VS Code both read "host:port" as http://host:port.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new ConfigError(l10n.t('The proxy in {0} is not a URL: write it as http://host:port.', source), undefined, undefined, undefined);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(
      l10n.t('The proxy in {0} is a {1} proxy; glance-share supports http:// and https:// proxies.', source, parsed.protocol.slice(0, -1)),
      undefined,
      undefined,
      undefined,
    );
  }
  if (!parsed.hostname) {
    throw new ConfigError(l10n.t('The proxy in {0} has no host: write it as http://host:port.', source), undefined, undefined, undefined);
  }
  const protocol = parsed.protocol;
  const port = Number(parsed.port || (protocol === 'https:' ? 443 : 80));
  const display = `${protocol}//${parsed.host}`;
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const fromUrl = user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  const authorization = fromUrl ?? (settings?.authorization?.trim() || undefined);
  return {
    protocol,
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    authorization,
    credentialsInUrl: fromUrl !== undefined,
    strictSSL: settings?.strictSSL !== false,
    display,
    source,
    noProxyName,
    key: `${display}#${authorization ?? ''}#${settings?.strictSSL !== false}`,
  };
}

/** The secrets a proxy configuration holds (passwords in proxy URLs, http.proxyAuthorization), for redaction. */
export function proxySecrets(config: ProxyConfig | undefined): string[] {
  const secrets: string[] = [];
  const values = [
    config?.settings?.proxy,
    ...Object.entries(config?.env ?? {})
      .filter(([name]) => /_proxy$/i.test(name))
      .map(([, v]) => v),
  ];
  for (const value of values) {
    if (!value) continue;
    try {
      const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
      if (parsed.password) secrets.push(parsed.password, decodeURIComponent(parsed.password));
    } catch {
      // Not a URL: chooseProxy says so when it is used.
    }
  }
  if (config?.settings?.authorization) secrets.push(config.settings.authorization);
  return secrets;
}
