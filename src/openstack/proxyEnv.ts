// The proxy environment variables read exactly as the `openstack` CLI reads them: python-requests
// 2.28 (`get_environ_proxies`, `should_bypass_proxies`, `select_proxy`) on top of urllib's
// `getproxies_environment` and `proxy_bypass_environment`. A port, quirks included, because a user
// whose CLI works behind a proxy expects the same variables to work here; the unit tests compare it
// with /usr/bin/python3 on the same inputs. See docs/proxies.md.

export type Environment = Readonly<Record<string, string | undefined>>;

/** A proxy URL as configured, and the variable it came from (for messages). */
export interface EnvProxy {
  readonly value: string;
  readonly variable: string;
}

/**
 * urllib's getproxies_environment: `<scheme>_proxy` in any case, where a lower-case name (its last
 * six characters `_proxy`) wins over other spellings, and an empty lower-case one removes the
 * scheme. REQUEST_METHOD (a CGI environment) drops the upper-case HTTP_PROXY (CVE-2016-1000110).
 */
export function environmentProxies(env: Environment): Map<string, EnvProxy> {
  const proxies = new Map<string, EnvProxy>();
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith('_proxy')) {
      proxies.set(lower.slice(0, -6), { value, variable: name });
    }
  }
  if ('REQUEST_METHOD' in env) {
    proxies.delete('http');
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.endsWith('_proxy')) {
      const scheme = name.toLowerCase().slice(0, -6);
      if (value) {
        proxies.set(scheme, { value, variable: name });
      } else {
        proxies.delete(scheme);
      }
    }
  }
  return proxies;
}

/** The parts of a URL that requests' rules look at, as Python's urlparse gives them. */
interface UrlParts {
  readonly scheme: string;
  /** Lower-case, IPv6 without brackets. */
  readonly hostname: string;
  /** As written in the URL (a default port written out stays), or undefined. */
  readonly port: number | undefined;
}

function urlParts(url: string): UrlParts | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.hostname) return undefined;
  // Node's URL drops a default port (https://h:443 → port ''); urlparse keeps it, and requests
  // matches "h:443" against NO_PROXY, so the port is read from the text.
  const written = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(url);
  return {
    scheme: parsed.protocol.slice(0, -1),
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase(),
    port: written && Number(written[1]) > 0 ? Number(written[1]) : undefined,
  };
}

/** socket.inet_aton's idea of an IPv4 address, for the dotted-quad form Node's URL produces. */
function ipv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  if (bytes.some((b) => b > 255)) return undefined;
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

/** requests' is_valid_cidr + address_in_network: `a.b.c.d/n` with 1 ≤ n ≤ 32. */
function inCidr(address: number, entry: string): boolean | undefined {
  const parts = entry.split('/');
  if (parts.length !== 2 || !/^[+-]?\d+$/.test(parts[1].trim())) return undefined;
  const bits = Number(parts[1]);
  const network = ipv4(parts[0]);
  if (bits < 1 || bits > 32 || network === undefined) return undefined;
  const mask = bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
  return (address & mask) >>> 0 === (network & mask) >>> 0;
}

/** requests' first check: NO_PROXY entries as plain suffixes of the host (with or without port), CIDR for IPv4. */
function requestsBypass(parts: UrlParts, noProxy: string): boolean {
  const entries = noProxy
    .replace(/ /g, '')
    .split(',')
    .filter((e) => e);
  const address = ipv4(parts.hostname);
  if (address !== undefined) {
    return entries.some((entry) => inCidr(address, entry) ?? parts.hostname === entry);
  }
  const withPort = parts.port ? `${parts.hostname}:${parts.port}` : parts.hostname;
  return entries.some((entry) => parts.hostname.endsWith(entry) || withPort.endsWith(entry));
}

/** urllib's proxy_bypass_environment(hostname): `*` alone, or DNS suffixes on a dot boundary. */
function urllibBypass(hostname: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const host = hostname.toLowerCase();
  // urllib's _splitport on a host that has no port: "::1" splits at its last colon.
  const split = /^(.*):([0-9]*)$/s.exec(host);
  const hostOnly = split ? split[1] : host;
  for (const raw of noProxy.split(',')) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const name = trimmed.replace(/^\.+/, '').toLowerCase();
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** requests' should_bypass_proxies(url, no_proxy=None) for this environment. */
export function bypassesProxy(url: string, env: Environment): boolean {
  const parts = urlParts(url);
  if (!parts) return true;
  const noProxy = env.no_proxy || env.NO_PROXY;
  if (noProxy && requestsBypass(parts, noProxy)) return true;
  return urllibBypass(parts.hostname, environmentProxies(env).get('no')?.value);
}

/** The proxy the openstack CLI would use for this URL, or undefined for a direct connection. */
export function environmentProxyFor(url: string, env: Environment): EnvProxy | undefined {
  if (bypassesProxy(url, env)) return undefined;
  const parts = urlParts(url);
  if (!parts) return undefined;
  const proxies = environmentProxies(env);
  // select_proxy's keys: "scheme://host" and "all://host" cannot be environment variable names.
  return proxies.get(parts.scheme) ?? proxies.get('all');
}
