// What to tell the user when the proxy, not the cloud, stood in the way. Each message names the
// proxy by protocol://host:port (never its credentials) and where it was configured, and says
// what to change.
import { serviceTitle, type ServiceName } from './errors';
import { PROXY_AUTH_REQUIRED, PROXY_BAD_ANSWER, PROXY_TUNNEL_REFUSED } from './proxyAgent';
import type { ProxyRoute } from './proxyChoice';

export function explainProxyError(service: ServiceName, code: string, route: ProxyRoute, host: string, status?: number): string {
  const proxy = `The proxy ${route.display} (from ${route.source})`;
  const direct = `or, if ${host} should be reached without a proxy, add it to ${route.noProxyName}`;
  const name = serviceTitle(service);
  switch (code) {
    case PROXY_AUTH_REQUIRED:
      return route.authorization
        ? `${proxy} refused its credentials (HTTP 407) for ${name} at ${host}: check the user and password in ${route.credentialsInUrl ? route.source : 'the VS Code setting "http.proxyAuthorization"'}.`
        : `${proxy} requires authentication (HTTP 407) for ${name} at ${host}: put the user and password in the proxy URL (http://user:password@host:port), ${direct}.`;
    case PROXY_TUNNEL_REFUSED:
      return `${proxy} refused to connect to ${name} at ${host}${status ? ` (HTTP ${status})` : ''}: ask whoever runs the proxy to allow ${host}, ${direct}.`;
    case PROXY_BAD_ANSWER:
      return `${proxy} closed the connection or did not answer as a proxy when asked for ${name} at ${host}: check that ${route.source} names an HTTP proxy, ${direct}.`;
    case 'ECONNREFUSED':
      return `${proxy} refused the connection, so ${name} at ${host} could not be reached: check the proxy's host and port in ${route.source}, ${direct}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host of the proxy ${route.display} (from ${route.source}) could not be resolved: check ${route.source}, ${direct}.`;
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return `${proxy} did not answer in time when asked for ${name} at ${host}: check ${route.source}, ${direct}.`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The TLS certificate of the proxy ${route.display} (from ${route.source}) is not accepted (${code}): add its CA to NODE_EXTRA_CA_CERTS, or set the VS Code setting "http.proxyStrictSSL" to false.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${proxy} closed the connection when asked for ${name} at ${host}. Try again; if it keeps happening, check ${route.source}.`;
    default:
      return `Could not reach ${name} at ${host} through ${proxy.charAt(0).toLowerCase()}${proxy.slice(1)} (${code}).`;
  }
}
