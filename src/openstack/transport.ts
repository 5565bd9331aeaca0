import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import {
  ConfigError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  explainHttpError,
  explainNetworkError,
  extractServerMessage,
  type Operation,
  type ServiceName,
} from './errors';
import type { Logger } from './log';

export interface TransportOptions {
  /** Verify TLS certificates (default true). */
  readonly verify?: boolean;
  /** PEM CA bundle path that replaces the system trust store. */
  readonly cacert?: string;
  /** Per-request timeout; a stalled server becomes a NetworkError ETIMEDOUT. */
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent requests that failed on the network or with 502/503/504. */
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
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

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

/**
 * One cloud's HTTP connection: TLS settings, keep-alive, timeouts, JSON in and out, typed errors,
 * bounded retries of idempotent requests, and a request count. It never logs headers or bodies,
 * so credentials cannot leak through it.
 */
export class Transport {
  private readonly client: AxiosInstance;
  private readonly logger: Logger;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** Requests sent (each retry counts), by service. */
  readonly requestCount: Record<ServiceName, number> = { keystone: 0, glance: 0 };

  constructor(options: TransportOptions) {
    this.logger = options.logger;
    this.retries = options.retries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
    let ca: Buffer | undefined;
    if (options.cacert) {
      try {
        ca = fs.readFileSync(options.cacert);
      } catch (error) {
        throw new ConfigError(
          `cacert "${options.cacert}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): point it at your cloud's PEM CA bundle.`,
          undefined,
          undefined,
          'cacert',
        );
      }
    }
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ca, rejectUnauthorized: options.verify !== false });
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
    });
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const idempotent = request.method === 'GET';
    for (let attempt = 0; ; attempt++) {
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

  dispose(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async backoff(request: TransportRequest, attempt: number, why: string): Promise<void> {
    const delay = this.retryBaseDelayMs * 2 ** attempt;
    this.logger.warn(`${request.method} ${pathOf(request.url)} failed (${why}); retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  private async sendOnce(request: TransportRequest): Promise<{ status: number; headers: Record<string, string | undefined>; text: string }> {
    const started = Date.now();
    this.requestCount[request.service]++;
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let data: string | undefined;
    if (request.body !== undefined) {
      data = JSON.stringify(request.body);
      headers['Content-Type'] = request.contentType ?? 'application/json';
    }
    try {
      const response = await this.client.request<string>({ method: request.method, url: request.url, headers, data });
      this.logger.debug(`${request.method} ${pathOf(request.url)} → ${response.status} (${Date.now() - started} ms)`);
      const flatHeaders: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(response.headers)) {
        flatHeaders[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? undefined : String(value);
      }
      return { status: response.status, headers: flatHeaders, text: typeof response.data === 'string' ? response.data : '' };
    } catch (error) {
      const code = networkCode(error);
      const host = hostOf(request.url);
      this.logger.warn(`${request.method} ${pathOf(request.url)} → ${code} (${Date.now() - started} ms)`);
      throw new NetworkError(request.service, request.method, originAndPath(request.url), code, explainNetworkError(request.service, code, host));
    }
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
