// Debian's tinyproxy (package tinyproxy-bin, installed by test/stack/install.sh) on 127.0.0.1 for
// the proxy suites: its own config, log and PID file in a scratch folder, started in the
// foreground by the test and stopped by its PID. Its log (LogLevel Connect) records each request
// line it receives: "CONNECT host:port HTTP/1.1" for a tunnel, "GET http://…" when forwarding.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const TINYPROXY = '/usr/bin/tinyproxy';

export interface TinyproxyOptions {
  /** BasicAuth user and password the proxy demands (407 without them). */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Only these ports may be CONNECTed to (others get 403), as many corporate proxies allow only 443. */
  readonly connectPorts?: readonly number[];
}

export interface Tinyproxy {
  readonly url: string;
  readonly port: number;
  /** The request lines it has logged so far ("CONNECT 127.0.0.2:1234 HTTP/1.1", "GET http://…"). */
  requests(): string[];
  stop(): Promise<void>;
}

/** A port nothing listens on right now (for the proxy, and for "a proxy that refuses"). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listening(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited (${child.exitCode}): ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`tinyproxy did not listen on 127.0.0.1:${port}`);
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-tinyproxy-'));
  const port = await freePort();
  const log = path.join(dir, 'tinyproxy.log');
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 60',
    `LogFile "${log}"`,
    'LogLevel Connect',
    `PidFile "${path.join(dir, 'tinyproxy.pid')}"`,
    'MaxClients 50',
    'Allow 127.0.0.1',
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
    ...(options.connectPorts ?? []).map((p) => `ConnectPort ${p}`),
  ];
  const config = path.join(dir, 'tinyproxy.conf');
  fs.writeFileSync(config, lines.join('\n') + '\n');
  // -d: stay in the foreground, so that the PID we hold is tinyproxy's.
  const child = spawn(TINYPROXY, ['-d', '-c', config], { stdio: 'ignore' });
  await listening(port, child, log);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () =>
      (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '')
        .split('\n')
        .map((l) => /Request \(file descriptor \d+\): (.*)$/.exec(l)?.[1])
        .filter((l): l is string => l !== undefined),
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
