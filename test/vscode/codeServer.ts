// Starts and stops code-server (VS Code 1.100.3's server + web workbench, installed by
// test/vscode/install.sh) for the exthost and e2e layers. Every start gets a fresh profile, so
// no state leaks between runs or from a developer's own VS Code.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const codeServerBin = path.join(repoRoot, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

/** The VS Code version inside the installed code-server (its lib/vscode/package.json). */
export function codeServerVscodeVersion(): string {
  const manifest = path.join(repoRoot, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export interface CodeServerOptions {
  /** Extra environment for code-server and so for the extension host (e.g. OS_CLIENT_CONFIG_FILE). */
  readonly env?: Readonly<Record<string, string>>;
  /** A .vsix to install into the fresh extensions dir before starting. */
  readonly vsix?: string;
  /** A fixed port (the demo prints a stable URL); default: a free one. */
  readonly port?: number;
  /** User settings over the quiet defaults below (the demo shows the Welcome page). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly pid: number;
  /** The temp folder holding the profile, extensions, workspace and log. */
  readonly tempDir: string;
  /** An empty folder to open, so no clouds.yaml from the repo is picked up as a workspace file. */
  readonly workspaceDir: string;
  readonly logFile: string;
  /** Kills the whole process group and waits until every process of it is gone. */
  stop(): Promise<void>;
}

// Telemetry, the welcome page and update checks would add network calls and editors to every run.
const quietSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`${codeServerBin} is missing: run "bash test/vscode/install.sh" (npm run test:exthost does it for you).`);
  }
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glance-share-code-server-'));
  const dirs = {
    userData: path.join(tempDir, 'user-data'),
    extensions: path.join(tempDir, 'extensions'),
    workspace: path.join(tempDir, 'workspace'),
    xdgConfig: path.join(tempDir, 'xdg-config'),
    xdgData: path.join(tempDir, 'xdg-data'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));

  // EXTENSIONS_GALLERY={} keeps the workbench from calling open-vsx.org; XDG_* keep
  // code-server's config.yaml out of the developer's home.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    ...options.env,
  };
  const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (options.vsix) {
    installVsix(options.vsix, profileArgs, env);
  }

  const port = options.port ?? (await freePort());
  const logFile = path.join(tempDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    codeServerBin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      ...profileArgs,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    // Its own process group: the extension host outlives the browser, and only killing the
    // group takes every child (extension host, pty host, file watcher) with it.
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`code-server did not start: see ${logFile}`);
  }
  child.unref();
  liveGroups.set(pid, tempDir);
  installCleanup();

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const server: CodeServer = {
    port,
    origin,
    pid,
    tempDir,
    workspaceDir: dirs.workspace,
    logFile,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopGroup(pid);
      liveGroups.delete(pid);
      if (!process.env.GS_KEEP_CODE_SERVER) {
        fs.rmSync(tempDir, { recursive: true, force: true });
      }
    },
  };
  try {
    await waitForHealthz(origin, () => child.exitCode, 30_000);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  return server;
}

function installVsix(vsix: string, profileArgs: readonly string[], env: NodeJS.ProcessEnv): void {
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} does not exist: build it with "npm run package".`);
  }
  const result = spawnSync(codeServerBin, [...profileArgs, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // A refused extension (e.g. engines.vscode newer than 1.100.3) exits 1 with the reason on stderr.
  if (result.status !== 0 || !/was successfully installed/.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status}):\n${output}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(origin: string, exitCode: () => number | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = exitCode();
    if (code !== null) {
      throw new Error(`code-server exited with ${code} before answering /healthz`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs / 1000} s`);
}

/** Processes whose process group is `pgid`, read from /proc (Linux only, like the rest of the harness). */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

// Detached groups do not get the terminal's Ctrl-C, and Node skips 'exit' handlers on a fatal
// signal: without this, an interrupted test run leaves code-server and its extension host behind.
const liveGroups = new Map<number, string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = (): void => {
    for (const [pgid, tempDir] of liveGroups) {
      killGroup(pgid, 'SIGKILL');
      if (!process.env.GS_KEEP_CODE_SERVER) fs.rmSync(tempDir, { recursive: true, force: true });
    }
  };
  process.on('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function stopGroup(pgid: number): Promise<void> {
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await delay(100);
  if (groupMembers(pgid).length > 0) {
    killGroup(pgid, 'SIGKILL');
    const killDeadline = Date.now() + 5_000;
    while (groupMembers(pgid).length > 0 && Date.now() < killDeadline) await delay(100);
  }
  const left = groupMembers(pgid);
  if (left.length > 0) {
    throw new Error(`code-server process group ${pgid} still has processes ${left.join(', ')} after SIGKILL`);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
