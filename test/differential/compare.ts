/**
 * The differential comparison: what glance-share's loader resolves for a fixture, written in the
 * same shape as reference.py writes what the openstack CLI resolves, and the field-by-field
 * differences between the two.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CloudConfig, type DomainRef, identityBase, loadCloudConfigs } from '../../src/openstack';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const REFERENCE_FILE = path.join(__dirname, 'reference.json');

type Domain = { id: string } | { name: string } | null;

/** One (cloud, region) as reference.py prints it. */
export interface Resolved {
  readonly cloud: string;
  readonly region: string | null;
  readonly error?: string;
  readonly authType?: string;
  readonly tokenUrl?: string | null;
  readonly user?: { id: string } | { name: string; domain: Domain } | null;
  readonly credential?: { id: string } | { name: string } | null;
  readonly secret?: string | null;
  readonly scope?: { project: { id: string } | { name: string; domain: Domain } } | { system: string } | { domain: Domain } | null;
  readonly interface?: string | null;
  readonly verify?: boolean;
  readonly cacert?: string | null;
  readonly cert?: string | null;
  readonly key?: string | null;
  readonly imageEndpointOverride?: string | null;
  readonly imageInterface?: string | null;
  readonly imageRegion?: string | null;
}

export interface FixtureResult {
  readonly error?: string;
  readonly defaultCloud?: string | null;
  readonly defaultRegion?: string | null | { error: string };
  readonly clouds: readonly Resolved[];
}

export const FIELDS = [
  'authType',
  'tokenUrl',
  'user',
  'credential',
  'secret',
  'scope',
  'interface',
  'verify',
  'cacert',
  'cert',
  'key',
  'imageEndpointOverride',
  'imageInterface',
  'imageRegion',
] as const;

/** A field on which the two sides differ, for one pair (`cloud@region`) or for the fixture's default (`(default)`). */
export interface Difference {
  readonly fixture: string;
  readonly pair: string;
  readonly field: string;
  readonly reference: unknown;
  readonly glanceShare: unknown;
}

export function pairKey(cloud: string, region: string | null | undefined): string {
  return `${cloud}@${region ?? ''}`;
}

export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory())
    .sort();
}

/** The fixture's variables with $FIXTURE filled in, and HOME inside it, as reference.py sets them. */
export function fixtureEnv(fixture: string): NodeJS.ProcessEnv {
  const dir = path.join(FIXTURES, fixture);
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'env.json'), 'utf8')) as Record<string, string>;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(raw)) {
    env[key] = value.split('$FIXTURE').join(dir);
  }
  env.HOME = path.join(dir, 'home');
  return env;
}

function domain(ref: DomainRef | undefined): Domain {
  if (ref?.id) return { id: ref.id };
  if (ref?.name) return { name: ref.name };
  return null;
}

/** A path inside the fixture written as reference.py writes it. */
function relative(fixture: string, file: string | undefined): string | null {
  if (!file) return null;
  const dir = path.join(FIXTURES, fixture) + '/';
  return file.startsWith(dir) ? `$FIXTURE/${file.slice(dir.length)}` : file;
}

/** What glance-share would send for one CloudConfig, in reference.py's shape. */
export function describe(fixture: string, cloud: CloudConfig): Resolved {
  const a = cloud.auth;
  let user: Resolved['user'] = null;
  let credential: Resolved['credential'] = null;
  let secret: string | null = null;
  let scope: Resolved['scope'] = null;
  const userOf = (userId: string | undefined, username: string | undefined, userDomain: DomainRef | undefined): Resolved['user'] =>
    userId ? { id: userId } : username ? { name: username, domain: domain(userDomain) } : null;
  switch (a.type) {
    case 'password':
      user = userOf(a.userId, a.username, a.userDomain);
      secret = a.password ?? null;
      break;
    case 'applicationCredential':
      user = a.id ? null : userOf(a.userId, a.username, a.userDomain);
      credential = a.id ? { id: a.id } : { name: a.name ?? '' };
      secret = a.secret ?? null;
      break;
    case 'token':
      secret = a.token ?? null;
      break;
  }
  if (a.type !== 'applicationCredential' && a.project) {
    scope = { project: a.project.id ? { id: a.project.id } : { name: a.project.name ?? '', domain: domain(a.project.domain) } };
  }
  return {
    cloud: cloud.name,
    region: cloud.regionName ?? null,
    authType: a.type,
    tokenUrl: `${identityBase(a.authUrl)}/auth/tokens`,
    user,
    credential,
    secret,
    scope,
    interface: cloud.interface,
    verify: cloud.verify,
    cacert: relative(fixture, cloud.cacert),
    cert: relative(fixture, cloud.cert),
    key: relative(fixture, cloud.key),
    imageEndpointOverride: cloud.imageEndpointOverride ?? null,
    imageInterface: cloud.imageInterface ?? null,
    imageRegion: cloud.imageRegionName ?? null,
  };
}

/** JSON with sorted keys, so that key order never counts as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** glance-share's loader on one fixture, against the reference's result for it. */
export function compareFixture(fixture: string, reference: FixtureResult): { differences: Difference[]; pairs: number; agreeing: number } {
  const dir = path.join(FIXTURES, fixture);
  const loaded = loadCloudConfigs({ env: fixtureEnv(fixture), cwd: dir, home: path.join(dir, 'home'), etcDir: path.join(dir, 'etc') });
  const ours = new Map(loaded.cloudRegions.map((c) => [pairKey(c.name, c.regionName), c]));
  const differences: Difference[] = [];
  const differ = (pair: string, field: string, ref: unknown, gs: unknown) => differences.push({ fixture, pair, field, reference: ref ?? null, glanceShare: gs ?? null });
  let agreeing = 0;
  const seen = new Set<string>();
  for (const theirs of reference.clouds) {
    const key = pairKey(theirs.cloud, theirs.region);
    seen.add(key);
    const mine = ours.get(key);
    const before = differences.length;
    if (theirs.error || !mine) {
      const myError = loaded.errors.find((e) => e.cloud === theirs.cloud)?.message;
      if (!theirs.error || mine) {
        differ(key, 'outcome', theirs.error ?? 'resolves', mine ? 'resolves' : (myError ?? 'not offered'));
      }
    } else {
      const described = describe(fixture, mine);
      for (const field of FIELDS) {
        if (!same(theirs[field], described[field])) {
          differ(key, field, theirs[field], described[field]);
        }
      }
    }
    if (differences.length === before) {
      agreeing++;
    }
  }
  for (const key of ours.keys()) {
    if (!seen.has(key)) {
      differ(key, 'outcome', 'not offered', 'resolves');
    }
  }
  // The cloud and region the CLI uses with no --os-cloud: the one the UI shows first.
  const refDefault =
    reference.defaultRegion !== undefined && typeof reference.defaultRegion === 'object' && reference.defaultRegion !== null ? null : reference.defaultCloud;
  const myDefault = loaded.defaultCloud ?? null;
  if (!same(refDefault, myDefault)) {
    differ('(default)', 'cloud', refDefault, myDefault);
  } else if (myDefault) {
    const primary = loaded.clouds.find((c) => c.name === myDefault);
    if (!same(reference.defaultRegion, primary?.regionName)) {
      differ('(default)', 'region', reference.defaultRegion, primary?.regionName);
    }
  }
  return { differences, pairs: reference.clouds.length, agreeing };
}
