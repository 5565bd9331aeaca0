// What to tell the user when the proxy, not the cloud, stood in the way. Each message names the
// proxy by protocol://host:port (never its credentials) and where it was configured, and says
// what to change.
import * as l10n from '@vscode/l10n';
import { serviceTitle, type ServiceName } from './errors';
import { PROXY_AUTH_REQUIRED, PROXY_BAD_ANSWER, PROXY_TUNNEL_REFUSED } from './proxyAgent';
import type { ProxyRoute } from './proxyChoice';

export function explainProxyError(service: ServiceName, code: string, route: ProxyRoute, host: string, status?: number): string {
  // Whole sentences with named parts: the proxy as protocol://host:port, where it was configured,
  // the service and host asked for, and the no-proxy variable that would bypass it.
  const w = { proxy: route.display, source: route.source, name: serviceTitle(service), host, noProxy: route.noProxyName, code, status: status ?? '' };
  switch (code) {
    case PROXY_AUTH_REQUIRED:
      if (!route.authorization)
        return l10n.t(
          'The proxy {proxy} (from {source}) requires authentication (HTTP 407) for {name} at {host}: put the user and password in the proxy URL (http://user:password@host:port), or, if {host} should be reached without a proxy, add it to {noProxy}.',
          w,
        );
      return route.credentialsInUrl
        ? l10n.t('The proxy {proxy} (from {source}) refused its credentials (HTTP 407) for {name} at {host}: check the user and password in {source}.', w)
        : l10n.t(
            'The proxy {proxy} (from {source}) refused its credentials (HTTP 407) for {name} at {host}: check the user and password in the VS Code setting "http.proxyAuthorization".',
            w,
          );
    case PROXY_TUNNEL_REFUSED:
      return status
        ? l10n.t(
            'The proxy {proxy} (from {source}) refused to connect to {name} at {host} (HTTP {status}): ask whoever runs the proxy to allow {host}, or, if {host} should be reached without a proxy, add it to {noProxy}.',
            w,
          )
        : l10n.t(
            'The proxy {proxy} (from {source}) refused to connect to {name} at {host}: ask whoever runs the proxy to allow {host}, or, if {host} should be reached without a proxy, add it to {noProxy}.',
            w,
          );
    case PROXY_BAD_ANSWER:
      return l10n.t(
        'The proxy {proxy} (from {source}) closed the connection or did not answer as a proxy when asked for {name} at {host}: check that {source} names an HTTP proxy, or, if {host} should be reached without a proxy, add it to {noProxy}.',
        w,
      );
    case 'ECONNREFUSED':
      return l10n.t(
        "The proxy {proxy} (from {source}) refused the connection, so {name} at {host} could not be reached: check the proxy's host and port in {source}, or, if {host} should be reached without a proxy, add it to {noProxy}.",
        w,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t(
        'The host of the proxy {proxy} (from {source}) could not be resolved: check {source}, or, if {host} should be reached without a proxy, add it to {noProxy}.',
        w,
      );
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return l10n.t(
        'The proxy {proxy} (from {source}) did not answer in time when asked for {name} at {host}: check {source}, or, if {host} should be reached without a proxy, add it to {noProxy}.',
        w,
      );
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t(
        'The TLS certificate of the proxy {proxy} (from {source}) is not accepted ({code}): add its CA to NODE_EXTRA_CA_CERTS, or set the VS Code setting "http.proxyStrictSSL" to false.',
        w,
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return l10n.t('The proxy {proxy} (from {source}) closed the connection when asked for {name} at {host}. Try again; if it keeps happening, check {source}.', w);
    default:
      return l10n.t('Could not reach {name} at {host} through the proxy {proxy} (from {source}) ({code}).', w);
  }
}
