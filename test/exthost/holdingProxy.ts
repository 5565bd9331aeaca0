// A small HTTP proxy on 127.0.0.1 in front of the real Keystone (/v3…) and Glance (the rest),
// for faults the real ones will not produce on demand: a request that answers only when the test
// says so, and a view of which client socket carried it and whether the client closed it.
// Everything passes through unchanged, except hop-by-hop headers.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Headers that describe one hop, not the message: the proxy sets its own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection']);

export interface Hold {
  /** Settles when the first matching request has arrived (and is being held). */
  readonly arrived: Promise<void>;
  /** How many held requests' client sockets are still open. */
  openSockets(): number;
  /** Tokens Keystone issued in answers to held sign-ins (test memory only, never printed). */
  readonly issuedTokens: string[];
  /** Requests arriving from now on pass; those already held stay held. */
  stopHolding(): void;
  /** Lets every held request through. */
  release(): void;
}

interface ActiveHold {
  readonly match: (method: string, path: string) => boolean;
  holding: boolean;
  readonly sockets: Set<Socket>;
  readonly issuedTokens: string[];
  readonly arrivedOnce: () => void;
  readonly released: Promise<void>;
}

export class HoldingProxy {
  private server: http.Server | undefined;
  private holds: ActiveHold[] = [];
  /** X-Auth-Token values that reached Glance through this proxy. */
  readonly glanceTokens = new Set<string>();

  constructor(
    private readonly keystone: string,
    private readonly glance: string,
  ) {}

  /** Starts it; returns its origin (http://127.0.0.1:port). */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.forward(req, res));
    // No idle timeout: a kept-alive socket closes only when the client closes it.
    this.server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Holds every request that matches until released (or until stopHolding, for new ones). */
  hold(match: (method: string, path: string) => boolean): Hold {
    let arrivedOnce: () => void = () => undefined;
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (arrivedOnce = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const active: ActiveHold = { match, holding: true, sockets: new Set(), issuedTokens: [], arrivedOnce, released };
    this.holds.push(active);
    return {
      arrived,
      openSockets: () => [...active.sockets].filter((s) => !s.destroyed).length,
      issuedTokens: active.issuedTokens,
      stopHolding: () => (active.holding = false),
      release: () => {
        active.holding = false;
        release();
      },
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.holds.forEach((h) => (h.holding = false));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const toKeystone = path.startsWith('/v3');
    const hold = this.holds.find((h) => h.holding && h.match(method, path));
    if (hold) {
      hold.sockets.add(req.socket);
      hold.arrivedOnce();
      await hold.released;
      if (req.socket.destroyed) return; // the client gave up meanwhile
    }
    const token = req.headers['x-auth-token'];
    if (!toKeystone && typeof token === 'string') this.glanceTokens.add(token);
    const target = new URL(path, toKeystone ? this.keystone : this.glance);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_HEADERS.has(name) && name !== 'host'));
    const upstream = http.request(target, { method, headers: { ...headers, 'content-length': String(body.length) } }, (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (c: Buffer) => parts.push(c));
      answer.on('end', () => {
        const issued = answer.headers['x-subject-token'];
        if (hold && typeof issued === 'string') hold.issuedTokens.push(issued);
        const text = Buffer.concat(parts);
        const copied = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_HEADERS.has(name)));
        res.writeHead(answer.statusCode ?? 502, { ...copied, 'content-length': String(text.length) });
        res.end(text);
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  }
}
