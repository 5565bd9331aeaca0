import { setMaxListeners } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as l10n from '@vscode/l10n';
import axios, { type AxiosInstance, type AxiosRequestConfig, isAxiosError } from 'axios';
import {
  ConfigError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  TRANSPORT_CLOSED,
  explainHttpError,
  explainNetworkError,
  extractServerMessage,
  type Operation,
  type ServiceName,
} from './errors';
import type { Logger } from './log';
import { PROXY_AUTH_REQUIRED, ProxyTunnelError, TunnelAgent } from './proxyAgent';
import { chooseProxy, type ProxyConfig, type ProxyRoute } from './proxyChoice';
import { explainProxyError } from './proxyErrors';

export interface TransportOptions {
  /** Verify TLS certificates (default true). */
  readonly verify?: boolean;
  /** PEM CA bundle path that replaces the system trust store. */
  readonly cacert?: string;
  /** Client certificate (PEM) for mutual TLS, and its private key when not inside cert. */
  readonly cert?: string;
  readonly key?: string;
  /** Per-request timeout; a stalled server becomes a NetworkError ETIMEDOUT. */
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent requests that failed on the network or with 502/503/504. */
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  /** VS Code's proxy settings and the environment (HTTPS_PROXY …); undefined = always direct. */
  readonly proxy?: ProxyConfig;
  readonly logger: Logger;
}

export interface TransportRequest {
  readonly service: ServiceName;
  readonly operation: Operation;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly contentType?: string;
  /** For error explanations that depend on what was asked (setVisibility to public). */
  readonly targetVisibility?: string;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body; undefined for an empty body (204). */
  readonly data: unknown;
}

/** A PEM file named in the cloud's TLS settings, or a ConfigError naming the setting. */
function readPem(file: string | undefined, setting: 'cacert' | 'cert' | 'key', fix: string): Buffer | undefined {
  if (!file) {
    return undefined;
  }
  try {
    return fs.readFileSync(file);
  } catch (error) {
    // `fix` is a whole clause of its own ("point it at …"), the same in every case.
    throw new ConfigError(
      l10n.t('{0} "{1}" cannot be read ({2}): {3}.', setting, file, (error as NodeJS.ErrnoException).code ?? 'error', fix),
      undefined,
      undefined,
      setting,
    );
  }
}

export interface SocketPorts {
  readonly localPort: number;
  readonly remotePort: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

/**
 * One cloud's HTTP connection: TLS settings, keep-alive, timeouts, JSON in and out, typed errors,
 * bounded retries of idempotent requests, and a request count. It never logs headers or bodies,
 * so credentials cannot leak through it. It owns its keep-alive sockets: `dispose()` closes them,
 * fails the requests still in flight and refuses new ones.
 */
export class Transport {
  private readonly client: AxiosInstance;
  private readonly options: TransportOptions;
  /** Aborted by dispose(): every request listens to it, also one still queued for a socket. */
  private readonly closing = new AbortController();
  private readonly logger: Logger;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** The cloud's TLS settings, for the agents of tunnels through a proxy. */
  private readonly tlsOptions: https.AgentOptions;
  /** One agent per proxy (and credentials) that HTTPS requests went through: its own keep-alive pool. */
  private readonly tunnels = new Map<string, TunnelAgent>();
  /**
   * For plain-HTTP requests forwarded by a proxy: no keep-alive, because proxies such as tinyproxy
   * close the connection after each forwarded answer without saying so, and a POST sent on such a
   * socket would fail (and is never retried).
   */
  private readonly forwardAgent = new http.Agent({ keepAlive: false, maxSockets: 8 });
  /** The proxies already named in the log, so that each is named once. */
  private readonly proxiesLogged = new Set<string>();
  /** Requests sent (each retry counts), by service. */
  readonly requestCount: Record<ServiceName, number> = { keystone: 0, glance: 0 };

  constructor(options: TransportOptions) {
    this.options = options;
    // One listener per request in flight: a burst of dozens is normal, not a leak.
    setMaxListeners(0, this.closing.signal);
    this.logger = options.logger;
    this.retries = options.retries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
    const ca = readPem(options.cacert, 'cacert', l10n.t("point it at your cloud's PEM CA bundle"));
    const cert = readPem(options.cert, 'cert', l10n.t('point it at your PEM client certificate'));
    // Without key, the private key is expected inside the cert file, as requests takes it.
    const key = readPem(options.key, 'key', l10n.t("point it at the client certificate's PEM private key")) ?? (cert?.includes('PRIVATE KEY') ? cert : undefined);
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    this.tlsOptions = { keepAlive: true, maxSockets: 8, ca, cert, key, rejectUnauthorized: options.verify !== false };
    this.httpsAgent = new https.Agent(this.tlsOptions);
    this.client = axios.create({
      timeout: options.timeoutMs ?? 30_000,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // Raw text in, so that truncated JSON and HTML error pages are diagnosed here, not by axios.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      // Requests go out through ClientRequest itself, not http(s).request: VS Code's proxy support
      // ("http.proxySupport": "override") patches those two and swaps the agent for its own, which
      // drops rejectUnauthorized, cert, key and keep-alive. The proxy is chosen here instead.
      transport: {
        request: (requestOptions: http.RequestOptions, callback: (response: http.IncomingMessage) => void) => new http.ClientRequest(requestOptions, callback),
      },
    });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const idempotent = request.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      if (this.isDisposed) throw this.closedError(request);
      try {
        const response = await this.sendOnce(request);
        if (idempotent && RETRYABLE_STATUS.has(response.status) && attempt < this.retries) {
          await this.backoff(request, attempt, `HTTP ${response.status}`);
          continue;
        }
        return this.interpret(request, response);
      } catch (error) {
        if (idempotent && error instanceof NetworkError && RETRYABLE_CODES.has(error.code) && attempt < this.retries) {
          await this.backoff(request, attempt, error.code);
          continue;
        }
        throw error;
      }
    }
  }

  get isDisposed(): boolean {
    return this.closing.signal.aborted;
  }

  /** A new transport with the same settings and sockets of its own (for a connection that outlives this one). */
  fork(): Transport {
    return new Transport(this.options);
  }

  /** The TCP sockets it holds open (in use or kept alive), by their ports: for the log and the tests. */
  openSockets(): SocketPorts[] {
    const open: SocketPorts[] = [];
    for (const agent of [this.httpAgent, this.httpsAgent, this.forwardAgent, ...this.tunnels.values()]) {
      for (const pool of [agent.sockets, agent.freeSockets]) {
        for (const sockets of Object.values(pool)) {
          for (const socket of sockets ?? []) {
            if (!socket.destroyed && socket.localPort !== undefined && socket.remotePort !== undefined) {
              open.push({ localPort: socket.localPort, remotePort: socket.remotePort });
            }
          }
        }
      }
    }
    return open;
  }

  /** Idempotent. Requests in flight fail with a NetworkError TRANSPORT_CLOSED, never hang. */
  dispose(): void {
    if (this.isDisposed) return;
    this.closing.abort();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.forwardAgent.destroy();
    for (const tunnel of this.tunnels.values()) tunnel.destroy();
  }

  private closedError(request: TransportRequest): NetworkError {
    return new NetworkError(
      request.service,
      request.method,
      originAndPath(request.url),
      TRANSPORT_CLOSED,
      explainNetworkError(request.service, TRANSPORT_CLOSED, hostOf(request.url)),
    );
  }

  private async backoff(request: TransportRequest, attempt: number, why: string): Promise<void> {
    const delay = this.retryBaseDelayMs * 2 ** attempt;
    this.logger.warn(`${request.method} ${pathOf(request.url)} failed (${why}); retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  private async sendOnce(request: TransportRequest): Promise<{ status: number; headers: Record<string, string | undefined>; text: string }> {
    const started = Date.now();
    const route = chooseProxy(request.url, this.options.proxy);
    const forwarded = route !== undefined && !request.url.startsWith('https:');
    this.requestCount[request.service]++;
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let data: string | undefined;
    if (request.body !== undefined) {
      data = JSON.stringify(request.body);
      headers['Content-Type'] = request.contentType ?? 'application/json';
    }
    const via = route ? ` via proxy ${route.display}` : '';
    try {
      const response = await this.client.request<string>({
        method: request.method,
        url: request.url,
        headers,
        data,
        signal: this.closing.signal,
        ...this.routeConfig(request, route, headers),
      });
      this.logger.debug(`${request.method} ${pathOf(request.url)}${via} → ${response.status} (${Date.now() - started} ms)`);
      if (forwarded && route && response.status === 407) {
        throw new ProxyTunnelError(PROXY_AUTH_REQUIRED, route, 407);
      }
      const flatHeaders: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(response.headers)) {
        flatHeaders[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? undefined : String(value);
      }
      return { status: response.status, headers: flatHeaders, text: typeof response.data === 'string' ? response.data : '' };
    } catch (error) {
      if (this.isDisposed) {
        this.logger.debug(`${request.method} ${pathOf(request.url)} → cancelled: its connection was closed (${Date.now() - started} ms)`);
        throw this.closedError(request);
      }
      const tunnel = tunnelErrorOf(error);
      const code = tunnel?.code ?? networkCode(error);
      const host = hostOf(request.url);
      this.logger.warn(`${request.method} ${pathOf(request.url)}${via} → ${code} (${Date.now() - started} ms)`);
      // Through a tunnel, a TLS or HTTP failure after CONNECT is the cloud's; when forwarding, any network error is the proxy's.
      const atProxy = route !== undefined && (tunnel !== undefined || forwarded);
      const explanation = atProxy ? explainProxyError(request.service, code, route, host, tunnel?.status) : explainNetworkError(request.service, code, host);
      throw new NetworkError(request.service, request.method, originAndPath(request.url), code, explanation);
    }
  }

  /** The axios options that send a request through its proxy: a CONNECT tunnel for HTTPS, the absolute URL for HTTP. */
  private routeConfig(request: TransportRequest, route: ProxyRoute | undefined, headers: Record<string, string>): AxiosRequestConfig {
    if (!route) return {};
    if (!this.proxiesLogged.has(`${route.key}|${hostOf(request.url)}`)) {
      this.proxiesLogged.add(`${route.key}|${hostOf(request.url)}`);
      this.logger.info(`Requests to ${hostOf(request.url)} go through the proxy ${route.display} (from ${route.source})`);
    }
    if (request.url.startsWith('https:')) {
      let tunnel = this.tunnels.get(route.key);
      if (!tunnel) {
        tunnel = new TunnelAgent(route, this.options.timeoutMs ?? 30_000, this.tlsOptions);
        this.tunnels.set(route.key, tunnel);
      }
      return { httpsAgent: tunnel };
    }
    if (route.protocol !== 'http:') {
      throw new ConfigError(
        l10n.t(
          'The proxy {0} (from {1}) is an https:// proxy; glance-share sends plain http:// cloud requests only through http:// proxies.',
          route.display,
          route.source,
        ),
        undefined,
        undefined,
        undefined,
      );
    }
    if (route.authorization) headers['Proxy-Authorization'] = route.authorization;
    return { proxy: { protocol: 'http', host: route.host, port: route.port }, httpAgent: this.forwardAgent };
  }

  private interpret(request: TransportRequest, response: { status: number; headers: Record<string, string | undefined>; text: string }): TransportResponse {
    const path = pathOf(request.url);
    if (response.status >= 400) {
      const serverMessage = extractServerMessage(response.text);
      throw new HttpError(
        request.service,
        request.operation,
        request.method,
        path,
        response.status,
        serverMessage,
        explainHttpError({
          service: request.service,
          operation: request.operation,
          status: response.status,
          serverMessage,
          targetVisibility: request.targetVisibility,
        }),
      );
    }
    if (response.status >= 300) {
      throw new ResponseFormatError(request.service, request.method, path, `unexpected redirect (HTTP ${response.status}); check the URL`);
    }
    const text = response.text.trim();
    if (!text) {
      return { status: response.status, headers: response.headers, data: undefined };
    }
    try {
      return { status: response.status, headers: response.headers, data: JSON.parse(text) };
    } catch {
      const kind = /^\s*</.test(text) ? 'an HTML page instead of JSON (a proxy or login page in the way?)' : 'incomplete or invalid JSON';
      throw new ResponseFormatError(request.service, request.method, path, `${kind}, ${text.length} bytes`);
    }
  }
}

/** The tunnel's refusal behind an axios error, if that is what it was. */
function tunnelErrorOf(error: unknown): ProxyTunnelError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ProxyTunnelError) return e;
  }
  return undefined;
}

function networkCode(error: unknown): string {
  if (isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || /timeout/i.test(error.message)) {
      return 'ETIMEDOUT';
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    return error.code && error.code !== 'ERR_BAD_RESPONSE' ? error.code : (cause?.code ?? 'ERR_NETWORK');
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? 'ERR_NETWORK';
}

/** Path and query of a URL: what logs and errors show. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A URL without user info, for error messages. */
function originAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}
