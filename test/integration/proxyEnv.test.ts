// The proxy environment variables, read as the openstack CLI reads them: every case is asked of
// python-requests itself (/usr/bin/python3, the library the CLI's keystoneauth sends with) and
// of environmentProxyFor, and the answers must be the same. No stack needed; it is here, with the
// other cross-checks against the CLI's own code, because it needs Debian's python3-requests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { environmentProxyFor } from '../../src/openstack';

const URLS = [
  'https://glance.example.com/v2/images',
  'https://glance.example.com:9292/v2/images',
  'https://glance.example.com:443/v2/images',
  'http://keystone.example.com:5000/v3',
  'https://notexample.com/v3',
  'https://EXAMPLE.COM/v3',
  'https://10.1.2.3:9292/v2',
  'https://127.0.0.1:5000/v3',
  'https://[::1]:5000/v3',
  'http://192.168.7.20/v3',
];

const NO_PROXY = [
  undefined,
  '',
  'example.com',
  '.example.com',
  'xample.com',
  'glance.example.com:9292',
  'example.com:443',
  '*',
  '*.example.com',
  ' example.com , other.org',
  'EXAMPLE.com',
  '10.0.0.0/8',
  '10.1.2.3',
  '10.1.2.3:9292',
  '10.0.0.0/33',
  '192.168.0.0/16,localhost',
  '127.0.0.0/8',
  '.0.0.1',
  '::1',
  'localhost,127.0.0.1',
  'glance',
];

type Env = Record<string, string>;

/** Proxy variable shapes; NO_PROXY is added to each under the name given. */
const SHAPES: ReadonlyArray<{ env: Env; noProxyName: string }> = [
  { env: { HTTPS_PROXY: 'http://upper:3128', HTTP_PROXY: 'http://plain:3128' }, noProxyName: 'NO_PROXY' },
  { env: { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128' }, noProxyName: 'no_proxy' },
  { env: { HTTPS_PROXY: 'http://upper:3128', https_proxy: '', ALL_PROXY: 'http://all:3128' }, noProxyName: 'NO_PROXY' },
  { env: { ALL_PROXY: 'proxy.corp:8080' }, noProxyName: 'no_proxy' },
  { env: { HTTP_PROXY: 'http://plain:3128', REQUEST_METHOD: 'GET' }, noProxyName: 'NO_PROXY' },
  { env: { HTTP_PROXY: 'http://plain:3128', http_proxy: '', ALL_PROXY: 'http://all:1' }, noProxyName: 'NO_PROXY' },
];

interface Case {
  readonly url: string;
  /** Ordered: which spelling comes first matters to urllib. */
  readonly env: ReadonlyArray<readonly [string, string]>;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const shape of SHAPES) {
    for (const noProxy of NO_PROXY) {
      for (const url of URLS) {
        const env: Array<readonly [string, string]> = Object.entries(shape.env);
        if (noProxy !== undefined) env.push([shape.noProxyName, noProxy]);
        all.push({ url, env });
      }
    }
  }
  // Both spellings of NO_PROXY, an empty lower-case one over a set upper-case one.
  for (const url of URLS) {
    all.push({
      url,
      env: [
        ['HTTPS_PROXY', 'http://p:1'],
        ['NO_PROXY', 'example.com'],
        ['no_proxy', ''],
      ],
    });
    all.push({
      url,
      env: [
        ['HTTPS_PROXY', 'http://p:1'],
        ['NO_PROXY', '*'],
        ['no_proxy', 'other.org'],
      ],
    });
    all.push({
      url,
      env: [
        ['HTTPS_PROXY', 'http://p:1'],
        ['no_proxy', 'example.com'],
        ['NO_PROXY', '10.0.0.0/8'],
      ],
    });
  }
  return all;
}

const PYTHON = `
import json, os, sys
from requests.utils import get_environ_proxies, select_proxy
out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    for name, value in case["env"]:
        os.environ[name] = value
    out.append(select_proxy(case["url"], get_environ_proxies(case["url"])))
print(json.dumps(out))
`;

describe('proxy environment variables, compared with python-requests', () => {
  it('chooses the same proxy (or none) as requests for every URL × NO_PROXY × variable shape', () => {
    const all = cases();
    const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYTHON], { input: JSON.stringify(all), encoding: 'utf8' })) as Array<string | null>;
    assert.equal(expected.length, all.length);
    const differences: string[] = [];
    all.forEach((c, i) => {
      const ours = environmentProxyFor(c.url, Object.fromEntries(c.env))?.value ?? null;
      if (ours !== expected[i]) {
        differences.push(`${c.url} with ${JSON.stringify(c.env)}: requests ${expected[i]}, ours ${ours}`);
      }
    });
    assert.deepEqual(differences, [], `${differences.length} of ${all.length} differ`);
    // The table is not trivial: both outcomes occur, and NO_PROXY decided some.
    assert.ok(expected.some((e) => e === null) && expected.some((e) => e !== null));
  });
});
