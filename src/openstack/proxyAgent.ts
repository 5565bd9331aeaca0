// An https.Agent that reaches the cloud through an HTTP proxy's CONNECT tunnel. The TLS session
// inside the tunnel is the cloud's, with the cloud's own ca / cert / key / rejectUnauthorized
// (from clouds.yaml), never the proxy's; the pool, keep-alive and maxSockets are https.Agent's.
// The proxy sees only "CONNECT host:port" (plus Proxy-Authorization when configured).
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ProxyRoute } from './proxyChoice';

/** Why the tunnel was not opened; `code` says what kind, `status` is the proxy's answer to CONNECT. */
export class ProxyTunnelError extends Error {
  constructor(
    readonly code: string,
    readonly route: ProxyRoute,
    readonly status?: number,
  ) {
    super(`proxy ${route.display}: ${code}${status ? ` (HTTP ${status})` : ''}`);
  }
}

/** The proxy answered CONNECT with 407 or 401 (authentication required, or these credentials refused). */
export const PROXY_AUTH_REQUIRED = 'ERR_PROXY_AUTH_REQUIRED';
/** The proxy answered CONNECT with another refusal (403, 5xx …). */
export const PROXY_TUNNEL_REFUSED = 'ERR_PROXY_TUNNEL_REFUSED';
/** The proxy closed or garbled the connection before answering CONNECT. */
export const PROXY_BAD_ANSWER = 'ERR_PROXY_BAD_ANSWER';

/** The largest CONNECT answer head we read; a proxy talking on beyond it is not answering CONNECT. */
const MAX_HEAD = 16 * 1024;

type Callback = (error: Error | null, socket?: Duplex) => void;

export class TunnelAgent extends https.Agent {
  /** Sockets to the proxy whose CONNECT has not been answered yet: destroy() closes them too. */
  private readonly opening = new Set<net.Socket>();

  constructor(
    readonly route: ProxyRoute,
    /** How long the proxy may take to connect and answer CONNECT (the request's timeout starts only after). */
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override destroy(): void {
    for (const socket of this.opening) socket.destroy();
    this.opening.clear();
    super.destroy();
  }

  // Node's Agent accepts an asynchronous createConnection: return nothing, call back later.
  override createConnection(options: tls.ConnectionOptions & { host?: string; port?: number; servername?: string }, callback: Callback): undefined {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    this.openTunnel(host, port).then(
      (socket) => {
        const servername = options.servername ?? (net.isIP(host) ? undefined : host);
        const secure = tls.connect({ ...options, socket, host, port, servername });
        callback(null, secure);
      },
      (error: Error) => callback(error),
    );
    return undefined;
  }

  /** A socket to the proxy on which CONNECT host:port succeeded. */
  private openTunnel(host: string, port: number): Promise<Duplex> {
    const route = this.route;
    return new Promise((resolve, reject) => {
      const socket: net.Socket | tls.TLSSocket =
        route.protocol === 'https:'
          ? tls.connect({
              host: route.host,
              port: route.port,
              servername: net.isIP(route.host) ? undefined : route.host,
              rejectUnauthorized: route.strictSSL,
              ALPNProtocols: ['http/1.1'],
            })
          : net.connect({ host: route.host, port: route.port });
      this.opening.add(socket);
      const onTimeout = () => fail(new ProxyTunnelError('ETIMEDOUT', route));
      socket.setTimeout(this.connectTimeoutMs);
      socket.on('timeout', onTimeout);
      const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
      let head = Buffer.alloc(0);
      const fail = (error: Error) => {
        this.opening.delete(socket);
        socket.removeListener('data', onData);
        socket.removeListener('timeout', onTimeout);
        socket.destroy();
        reject(error);
      };
      const onError = (error: NodeJS.ErrnoException) => fail(Object.assign(new ProxyTunnelError(error.code ?? 'ERR_NETWORK', route), { cause: error }));
      const onEnd = () => fail(new ProxyTunnelError(PROXY_BAD_ANSWER, route));
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > MAX_HEAD) fail(new ProxyTunnelError(PROXY_BAD_ANSWER, route));
          return;
        }
        this.opening.delete(socket);
        socket.setTimeout(0);
        socket.removeListener('timeout', onTimeout);
        socket.removeListener('data', onData);
        socket.removeListener('error', onError);
        socket.removeListener('end', onEnd);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? NaN);
        if (status >= 200 && status < 300 && head.length === end + 4) {
          resolve(socket);
        } else if (status === 407 || status === 401) {
          // 407, or 401 as tinyproxy answers wrong credentials: no tunnel yet, so it is the proxy's refusal.
          socket.destroy();
          reject(new ProxyTunnelError(PROXY_AUTH_REQUIRED, route, status));
        } else {
          socket.destroy();
          reject(new ProxyTunnelError(Number.isNaN(status) || status < 300 ? PROXY_BAD_ANSWER : PROXY_TUNNEL_REFUSED, route, Number.isNaN(status) ? undefined : status));
        }
      };
      socket.on('error', onError);
      socket.on('end', onEnd);
      socket.on('data', onData);
      const auth = route.authorization ? `Proxy-Authorization: ${route.authorization}\r\n` : '';
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
    });
  }
}
