// The bench's view of the local stack: ids, the N images (through test/support/stack.ts's loader
// wrappers), a bare token for the "limit" loop, and the real openstack CLI with a long timeout.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cloudsFile, deleteTaggedImages, loadImages, repoRoot, stackDir, stackIds, stackInfo } from '../../test/support/stack';
import { distribution, tagTime, TAG_PREFIX, type BatchName } from './distribution';

export { stackIds, stackInfo };

export interface Dataset {
  readonly n: number;
  readonly tag: string;
  readonly counts: Record<BatchName, number>;
  /** Shared images with no member: the workflow shares these. */
  readonly unsharedIds: readonly string[];
  readonly loadMs: number;
}

/** dave's project `other` owns the images; bob's project `consumer` is the member. */
export function loadDataset(n: number, tag: string): Dataset {
  const ids = stackIds();
  const started = Date.now();
  const counts = {} as Record<BatchName, number>;
  let unsharedIds: string[] = [];
  for (const batch of distribution(n)) {
    counts[batch.name] = batch.count;
    if (batch.count === 0) continue;
    const made = loadImages({
      owner: ids.projects.other,
      count: batch.count,
      tag,
      visibility: batch.visibility,
      members: batch.consumerStatus ? [[ids.projects.consumer, batch.consumerStatus]] : [],
      namePrefix: `${tag}-${batch.name}`,
    });
    if (batch.name === 'unshared') unsharedIds = made;
  }
  return { n, tag, counts, unsharedIds, loadMs: Date.now() - started };
}

export function deleteDataset(tag: string): void {
  deleteTaggedImages(tag);
}

/** Bench tags left by a killed run (older than an hour; a younger one may be a parallel run's). */
export function deleteStaleBenchTags(): string[] {
  const db = stackInfo().glanceDb;
  const out = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sqlite3,sys; print("\\n".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT DISTINCT value FROM image_tags WHERE value LIKE ?", (sys.argv[2] + "%",))))',
      db,
      TAG_PREFIX,
    ],
    {
      encoding: 'utf8',
    },
  );
  const stale = out.split('\n').filter((t) => t && Date.now() - tagTime(t) > 3_600_000);
  stale.forEach((t) => deleteTaggedImages(t));
  return stale;
}

interface CloudEntry {
  auth: { auth_url: string; username: string; password: string; project_name: string; user_domain_name?: string; project_domain_name?: string };
}

/** A token for `cloud` with a plain POST to Keystone: what the "limit" loop uses, no client code. */
export async function bareToken(cloud: string): Promise<string> {
  const clouds = (parse(fs.readFileSync(cloudsFile, 'utf8')) as { clouds: Record<string, CloudEntry> }).clouds;
  const auth = clouds[cloud]?.auth;
  if (!auth) throw new Error(`no cloud ${cloud} in ${cloudsFile}`);
  const body = {
    auth: {
      identity: { methods: ['password'], password: { user: { name: auth.username, domain: { name: auth.user_domain_name ?? 'Default' }, password: auth.password } } },
      scope: { project: { name: auth.project_name, domain: { name: auth.project_domain_name ?? 'Default' } } },
    },
  };
  const response = await fetch(`${auth.auth_url.replace(/\/$/, '')}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const token = response.headers.get('x-subject-token');
  await response.arrayBuffer();
  if (!response.ok || !token) throw new Error(`keystone token for ${cloud}: HTTP ${response.status}`);
  return token;
}

export interface CliRun {
  readonly ms: number;
  readonly stdout: string;
  /** Image rows of a table (lines starting with "| <uuid>"). */
  readonly rows: number;
}

/**
 * The real openstack CLI as a user runs it (default table output), with the same clean
 * environment as test/support/stack.ts's openstackCli(), but asynchronous and with a timeout that
 * fits a 10,000-image listing (openstackCli's 60 s does not).
 */
export function runCli(cloud: string, args: readonly string[], timeoutMs = 20 * 60_000): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: stackDir, OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: cloud, LANG: 'C.UTF-8' };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/openstack', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        reject(new Error(`openstack ${args.join(' ')} (cloud ${cloud}) exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-2000)}`));
        return;
      }
      resolve({ ms, stdout, rows: stdout.split('\n').filter((l) => /^\| [0-9a-f]{8}-[0-9a-f]{4}-/.test(l)).length });
    });
  });
}

/** Package versions of the services and the CLI, from dpkg. */
export function packageVersions(): Record<string, string> {
  const names = ['glance-api', 'python3-glance', 'python3-keystone', 'python3-openstackclient', 'python3-openstacksdk', 'python3-glanceclient', 'uwsgi-core'];
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', ...names], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
  } catch (error) {
    // dpkg-query exits 1 when one name is unknown but still prints the others.
    const out = (error as { stdout?: string }).stdout ?? '';
    return Object.fromEntries(
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ') as [string, string]),
    );
  }
}

export const benchRoot = path.join(repoRoot, 'bench');
