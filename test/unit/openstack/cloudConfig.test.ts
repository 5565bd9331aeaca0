import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, configCandidates, loadCloudConfigs, loadCloudRegions, resolveRegion, withRemoteProfiles, type ConfigSearchOptions } from '../../../src/openstack';

/** A fake file system: path → content. */
function files(map: Record<string, string>, extra: Partial<ConfigSearchOptions> = {}): ConfigSearchOptions {
  return { env: {}, cwd: '/work', home: '/home/u', etcDir: '/etc', readFile: (f) => map[f], ...extra };
}

const ALICE = `
clouds:
  alice:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: alice
      password: alicepass
      project_name: producer
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
`;

describe('cloud config: search order', () => {
  it('looks where the openstack CLI looks: OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack', () => {
    const c = configCandidates('clouds', { env: { OS_CLIENT_CONFIG_FILE: '/x/my.yaml' }, cwd: '/work', home: '/home/u', etcDir: '/etc' });
    assert.deepEqual(c.slice(0, 4), ['/x/my.yaml', '/work/clouds.yaml', '/work/clouds.yml', '/work/clouds.json']);
    assert.equal(c[4], '/home/u/.config/openstack/clouds.yaml');
    assert.equal(c[7], '/etc/xdg/openstack/clouds.yaml');
    assert.equal(c[10], '/etc/openstack/clouds.yaml');
  });

  it('searches $XDG_CONFIG_HOME/openstack and then ~/.config/openstack, as openstacksdk does', () => {
    const c = configCandidates('secure', { env: { XDG_CONFIG_HOME: '/cfg' }, cwd: '/w', home: '/h', etcDir: '/e' });
    assert.ok(c.indexOf('/cfg/openstack/secure.yaml') < c.indexOf('/h/.config/openstack/secure.yaml'));
    assert.ok(c.indexOf('/h/.config/openstack/secure.yaml') < c.indexOf('/e/xdg/openstack/secure.yaml'));
  });

  it('uses the first file that exists and ignores later ones', () => {
    const loaded = loadCloudConfigs(
      files({
        '/home/u/.config/openstack/clouds.yaml': ALICE,
        '/etc/openstack/clouds.yaml': 'clouds: {site: {auth: {auth_url: http://x/v3, username: s, password: p}}}',
      }),
    );
    assert.equal(loaded.cloudsFile, '/home/u/.config/openstack/clouds.yaml');
    assert.deepEqual(
      loaded.clouds.map((c) => c.name),
      ['alice'],
    );
  });

  it('prefers OS_CLIENT_CONFIG_FILE over the current folder', () => {
    const loaded = loadCloudConfigs(
      files(
        { '/work/clouds.yaml': ALICE, '/x/other.yml': 'clouds: {other: {auth: {auth_url: http://o/v3, username: o, password: p}}}' },
        { env: { OS_CLIENT_CONFIG_FILE: '/x/other.yml' } },
      ),
    );
    assert.deepEqual(
      loaded.clouds.map((c) => c.name),
      ['other'],
    );
  });

  it('reads real files from disk (clouds.yml in the current folder)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cfg-'));
    fs.writeFileSync(path.join(dir, 'clouds.yml'), ALICE);
    const loaded = loadCloudConfigs({ env: {}, cwd: dir, home: path.join(dir, 'nohome'), etcDir: path.join(dir, 'noetc') });
    assert.equal(loaded.cloudsFile, path.join(dir, 'clouds.yml'));
    assert.equal(loaded.clouds[0].name, 'alice');
  });
});

describe('cloud config: auth types', () => {
  it('password with names: user, project and their domains', () => {
    const [cloud] = loadCloudConfigs(files({ '/work/clouds.yaml': ALICE })).clouds;
    assert.deepEqual(cloud.auth, {
      type: 'password',
      authUrl: 'http://127.0.0.1:5000/v3',
      userId: undefined,
      username: 'alice',
      userDomain: { name: 'Default' },
      password: 'alicepass',
      project: { id: undefined, name: 'producer', domain: { name: 'Default' } },
    });
    assert.equal(cloud.regionName, 'RegionOne');
    assert.equal(cloud.interface, 'public');
    assert.equal(cloud.verify, true);
    assert.deepEqual(cloud.source, { kind: 'file', path: '/work/clouds.yaml', securePath: undefined });
  });

  it('password with IDs; v3password; domain_id applies to both domains', () => {
    const yaml = `
clouds:
  byid:
    auth_type: v3password
    auth: {auth_url: "https://k:5000", user_id: u1, password: p, project_id: p1}
  shared-domain:
    auth: {auth_url: "https://k:5000/v3", username: bob, password: p, project_name: consumer, domain_id: d42}
`;
    const [byId, shared] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.equal(byId.auth.type, 'password');
    assert.deepEqual(byId.auth.type === 'password' && [byId.auth.userId, byId.auth.username, byId.auth.project], [
      'u1',
      undefined,
      { id: 'p1', name: undefined, domain: undefined },
    ]);
    assert.ok(shared.auth.type === 'password');
    assert.deepEqual(shared.auth.userDomain, { id: 'd42' });
    assert.deepEqual(shared.auth.project?.domain, { id: 'd42' });
  });

  it('falls back to the "default" domain like the openstack CLI', () => {
    const [cloud] = loadCloudConfigs(files({ '/work/clouds.yaml': 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a, password: b, project_name: p}}}' })).clouds;
    assert.ok(cloud.auth.type === 'password');
    assert.deepEqual(cloud.auth.userDomain, { id: 'default' });
    assert.deepEqual(cloud.auth.project?.domain, { id: 'default' });
  });

  it('v3applicationcredential by ID, and by name with its user', () => {
    const yaml = `
clouds:
  byid:
    auth_type: v3applicationcredential
    auth: {auth_url: "http://k/v3", application_credential_id: ac1, application_credential_secret: s3cr3t}
  byname:
    auth_type: v3applicationcredential
    auth: {auth_url: "http://k/v3", application_credential_name: vscode, username: alice, user_domain_name: Default, application_credential_secret: s}
`;
    const [byId, byName] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.deepEqual(byId.auth, {
      type: 'applicationCredential',
      authUrl: 'http://k/v3',
      id: 'ac1',
      name: undefined,
      userId: undefined,
      username: undefined,
      userDomain: undefined,
      secret: 's3cr3t',
    });
    assert.ok(byName.auth.type === 'applicationCredential');
    assert.equal(byName.auth.name, 'vscode');
    assert.equal(byName.auth.username, 'alice');
    assert.deepEqual(byName.auth.userDomain, { name: 'Default' });
  });

  it('token and v3token, with a project scope', () => {
    const yaml = `
clouds:
  t:
    auth_type: token
    auth: {auth_url: "http://k/v3", token: gAAAAAtok, project_id: p1}
  t3:
    auth_type: v3token
    auth: {auth_url: "http://k/v3", token: x}
`;
    const [t, t3] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.deepEqual(t.auth, { type: 'token', authUrl: 'http://k/v3', token: 'gAAAAAtok', project: { id: 'p1', name: undefined, domain: undefined } });
    assert.equal(t3.auth.type, 'token');
  });

  it('a missing password is not an error: the extension asks for it', () => {
    const loaded = loadCloudConfigs(files({ '/work/clouds.yaml': 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a, project_name: p}}}' }));
    assert.equal(loaded.errors.length, 0);
    assert.ok(loaded.clouds[0].auth.type === 'password' && loaded.clouds[0].auth.password === undefined);
  });
});

describe('cloud config: secure.yaml, TLS, endpoints', () => {
  it('merges secure.yaml into clouds.yaml, secure values winning', () => {
    const loaded = loadCloudConfigs(
      files({
        '/work/clouds.yaml': 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a, password: old, project_name: p}, region_name: R1}}',
        '/home/u/.config/openstack/secure.yaml': 'clouds: {c: {auth: {password: fromsecure}}, ghost: {auth: {password: x}}}',
      }),
    );
    assert.equal(loaded.secureFile, '/home/u/.config/openstack/secure.yaml');
    assert.equal(loaded.clouds.length, 1, 'a cloud only in secure.yaml is a cloud (openstacksdk merges the whole files), here one without auth_url');
    assert.match(loaded.errors[0].message, /cloud "ghost": clouds\.ghost\.auth\.auth_url is missing/);
    const cloud = loaded.clouds[0];
    assert.ok(cloud.auth.type === 'password');
    assert.equal(cloud.auth.password, 'fromsecure');
    assert.equal(cloud.auth.username, 'a');
    assert.equal(cloud.regionName, 'R1');
  });

  it('reads verify, insecure, cacert, interface, regions and image_endpoint_override', () => {
    const yaml = `
clouds:
  off: {auth: {auth_url: "https://k/v3", username: a, password: b}, verify: false}
  ins: {auth: {auth_url: "https://k/v3", username: a, password: b}, insecure: "true"}
  ca: {auth: {auth_url: "https://k/v3", username: a, password: b}, cacert: /etc/ca.pem, interface: internal, regions: [R2, R3]}
  ovr: {auth: {auth_url: "https://k/v3", username: a, password: b}, endpoint_type: internalURL, image_endpoint_override: "https://glance:9292/"}
`;
    const [off, ins, ca, ovr] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.equal(off.verify, false);
    assert.equal(ins.verify, false);
    assert.equal(ca.verify, true);
    assert.equal(ca.cacert, '/etc/ca.pem');
    assert.equal(ca.interface, 'internal');
    assert.equal(ca.regionName, 'R2');
    assert.equal(ovr.interface, 'internal');
    assert.equal(ovr.imageEndpointOverride, 'https://glance:9292');
  });
});

describe('cloud config: OS_* environment (a sourced openrc)', () => {
  it('becomes one more cloud named "envvars"', () => {
    const loaded = loadCloudConfigs(
      files(
        { '/work/clouds.yaml': ALICE },
        {
          env: {
            OS_AUTH_URL: 'http://127.0.0.1:5000/v3',
            OS_USERNAME: 'bob',
            OS_PASSWORD: 'bobpass',
            OS_PROJECT_NAME: 'consumer',
            OS_USER_DOMAIN_NAME: 'Default',
            OS_PROJECT_DOMAIN_ID: 'default',
            OS_REGION_NAME: 'RegionOne',
            OS_INTERFACE: 'public',
            OS_CLOUD: 'alice',
          },
        },
      ),
    );
    assert.deepEqual(
      loaded.clouds.map((c) => c.name),
      ['alice', 'envvars'],
    );
    assert.equal(loaded.defaultCloud, 'alice');
    const env = loaded.clouds[1];
    assert.deepEqual(env.source, { kind: 'env' });
    assert.ok(env.auth.type === 'password');
    assert.equal(env.auth.username, 'bob');
    assert.deepEqual(env.auth.project, { id: undefined, name: 'consumer', domain: { id: 'default' } });
  });

  it('application credential and token from OS_AUTH_TYPE; OS_INSECURE turns verification off', () => {
    const app = loadCloudConfigs(
      files(
        {},
        {
          env: {
            OS_AUTH_URL: 'http://k/v3',
            OS_AUTH_TYPE: 'v3applicationcredential',
            OS_APPLICATION_CREDENTIAL_ID: 'i',
            OS_APPLICATION_CREDENTIAL_SECRET: 's',
            OS_INSECURE: 'true',
            OS_CLOUD_NAME: 'mine',
          },
        },
      ),
    );
    assert.equal(app.clouds[0].name, 'mine');
    assert.equal(app.clouds[0].auth.type, 'applicationCredential');
    assert.equal(app.clouds[0].verify, false);
    const tok = loadCloudConfigs(files({}, { env: { OS_AUTH_URL: 'http://k/v3', OS_AUTH_TYPE: 'v3token', OS_TOKEN: 't', OS_PROJECT_ID: 'p' } }));
    assert.equal(tok.clouds[0].auth.type, 'token');
  });

  it('names the variable in its errors', () => {
    const loaded = loadCloudConfigs(files({}, { env: { OS_AUTH_URL: 'http://k/v3', OS_PASSWORD: 'x' } }));
    assert.equal(loaded.clouds.length, 0);
    assert.match(loaded.errors[0].message, /OS_USERNAME is missing/);
  });

  it('no OS_AUTH_URL, no env cloud', () => {
    assert.equal(loadCloudConfigs(files({}, { env: { OS_USERNAME: 'x' } })).clouds.length, 0);
  });
});

describe('cloud config: malformed and incomplete files', () => {
  const load = (yaml: string) => loadCloudConfigs(files({ '/work/clouds.yaml': yaml }));

  it('invalid YAML: names the file and the line, loads nothing', () => {
    const loaded = load('clouds:\n  a:\n    auth: {auth_url: "http://k\n  b: [');
    assert.equal(loaded.clouds.length, 0);
    assert.equal(loaded.errors.length, 1);
    assert.ok(loaded.errors[0] instanceof ConfigError);
    assert.match(loaded.errors[0].message, /\/work\/clouds\.yaml is not valid YAML at line \d+, column \d+/);
  });

  it('no clouds mapping', () => {
    const loaded = load('clouds: [a, b]');
    assert.match(loaded.errors[0].message, /top-level "clouds:" mapping/);
    assert.equal(loaded.errors[0].key, 'clouds');
  });

  it('missing auth_url: names file, cloud and key, and says what to write; other clouds still load', () => {
    const loaded = load('clouds:\n  broken: {auth: {username: a, password: b}}\n  good: {auth: {auth_url: "http://k/v3", username: a, password: b}}\n');
    assert.deepEqual(
      loaded.clouds.map((c) => c.name),
      ['good'],
    );
    const [error] = loaded.errors;
    assert.equal(error.file, '/work/clouds.yaml');
    assert.equal(error.cloud, 'broken');
    assert.equal(error.key, 'auth.auth_url');
    assert.match(error.message, /cloud "broken": clouds\.broken\.auth\.auth_url is missing\. Write the Keystone URL, for example auth_url: https:/);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['unsupported auth type', 'clouds: {c: {auth_type: v2password, auth: {auth_url: "http://k/v3"}}}', /auth_type is "v2password".*Keystone v2 is gone/],
    [
      'single sign-on auth type',
      'clouds: {c: {auth_type: v3oidcpassword, auth: {auth_url: "http://k/v3"}}}',
      /auth_type is "v3oidcpassword".*application credential.*v3applicationcredential/,
    ],
    ['Keystone v2.0 auth_url', 'clouds: {c: {auth: {auth_url: "http://k:5000/v2.0", username: a}}}', /Keystone v2\.0 URL: Keystone v2 is gone.*ending in \/v3/],
    ['system scope', 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a, system_scope: all}}}', /system_scope is "all".*project_name/],
    [
      'misspelt auth key',
      'clouds: {c: {auth: {auth_url: "http://k/v3", usrname: a}}}',
      /clouds\.c\.auth\.usrname is not a setting of auth_type password \(did you mean username\?\)/,
    ],
    ['unknown vendor profile', 'clouds: {c: {profile: ovhh, auth: {username: a}}}', /clouds\.c\.profile is "ovhh", a vendor profile glance-share does not know/],
    ['auth_url not a URL', 'clouds: {c: {auth: {auth_url: "keystone:5000", username: a}}}', /not an http\(s\) URL/],
    ['no user', 'clouds: {c: {auth: {auth_url: "http://k/v3", password: p}}}', /clouds\.c\.auth\.username is missing/],
    [
      'app cred without id or name',
      'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_secret: s}}}',
      /application_credential_id is missing/,
    ],
    [
      'app cred by name without user',
      'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_name: n, application_credential_secret: s}}}',
      /needs its user/,
    ],
    [
      'app cred with a project',
      'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_id: i, project_name: p}}}',
      /cannot be used with an application credential/,
    ],
    ['auth not a mapping', 'clouds: {c: {auth: "x"}}', /clouds\.c\.auth must be a mapping/],
    [
      'verify a quoted boolean',
      'clouds: {c: {auth: {auth_url: "http://k/v3", username: a}, verify: "no"}}',
      /clouds\.c\.verify is the string "no", which the openstack CLI takes as a CA bundle path/,
    ],
    ['bad interface', 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a}, interface: private}}', /interface is "private".*public, internal or admin/],
    ['username a list', 'clouds: {c: {auth: {auth_url: "http://k/v3", username: [a]}}}', /clouds\.c\.auth\.username must be a string/],
    ['cloud not a mapping', 'clouds: {c: 42}', /cloud "c": must be a mapping/],
  ];
  for (const [name, yaml, pattern] of cases) {
    it(name, () => {
      const loaded = load(yaml);
      assert.equal(loaded.clouds.length, 0, 'the broken cloud is not offered');
      assert.equal(loaded.errors.length, 1);
      assert.match(loaded.errors[0].message, pattern);
      assert.equal(loaded.errors[0].file, '/work/clouds.yaml');
    });
  }

  it('an empty file is no clouds and no error', () => {
    const loaded = load('');
    assert.deepEqual([loaded.clouds.length, loaded.errors.length], [0, 0]);
  });
});

describe('cloud config: as the openstack CLI resolves it', () => {
  const MULTI = `
clouds:
  multi:
    auth: {auth_url: "https://k/v3", username: u, password: p, project_id: abc}
    regions:
      - RegionOne
      - name: RegionTwo
        values:
          interface: internal
          auth: {password: two-pw}
`;

  it('one CloudConfig per (cloud, region); the UI list holds each cloud once, in its default region', () => {
    const loaded = loadCloudConfigs(files({ '/work/clouds.yaml': MULTI }));
    assert.deepEqual(
      loaded.cloudRegions.map((c) => `${c.name}@${c.regionName}`),
      ['multi@RegionOne', 'multi@RegionTwo'],
    );
    assert.deepEqual(
      loaded.clouds.map((c) => `${c.name}@${c.regionName}`),
      ['multi@RegionOne'],
    );
    assert.deepEqual(loaded.clouds[0].regions, ['RegionOne', 'RegionTwo']);
    const two = resolveRegion(loaded, 'multi', 'RegionTwo');
    assert.equal(two?.interface, 'internal');
    assert.ok(two?.auth.type === 'password' && two.auth.password === 'two-pw', 'region values override auth key by key');
    assert.equal(resolveRegion(loaded, 'multi', 'RegionNine'), undefined);
    assert.equal(loadCloudRegions(files({ '/work/clouds.yaml': MULTI })).length, 2);
  });

  it('OS_CLOUD with OS_REGION_NAME: that region is the default one; a region the cloud lacks is named in an error', () => {
    const picked = loadCloudConfigs(files({ '/work/clouds.yaml': MULTI }, { env: { OS_CLOUD: 'multi', OS_REGION_NAME: 'RegionTwo' } }));
    assert.equal(picked.clouds[0].regionName, 'RegionTwo');
    const wrong = loadCloudConfigs(files({ '/work/clouds.yaml': MULTI }, { env: { OS_CLOUD: 'multi', OS_REGION_NAME: 'regiontwo' } }));
    assert.match(wrong.errors[0].message, /does not include OS_REGION_NAME "regiontwo": the cloud has RegionOne, RegionTwo/);
    assert.equal(wrong.clouds[0].regionName, 'RegionOne', 'its regions are still offered');
  });

  it('OS_PASSWORD and OS_INTERFACE apply to the OS_CLOUD cloud only; a stale openrc identity applies to none', () => {
    const yaml =
      'clouds:\n  a: {auth: {auth_url: "https://a/v3", username: ua, project_id: pa}}\n  b: {auth: {auth_url: "https://b/v3", username: ub, project_id: pb}}\n';
    const loaded = loadCloudConfigs(
      files({ '/work/clouds.yaml': yaml }, { env: { OS_CLOUD: 'a', OS_PASSWORD: 'typed', OS_INTERFACE: 'internal', OS_USERNAME: 'stale', OS_INSECURE: 'true' } }),
    );
    const [a, b] = loaded.clouds;
    assert.ok(a.auth.type === 'password' && a.auth.password === 'typed' && a.auth.username === 'ua');
    assert.equal(a.interface, 'internal');
    assert.equal(a.verify, true, 'OS_INSECURE does not turn verification off for OS_CLOUD (the CLI ignores it too)');
    assert.ok(b.auth.type === 'password' && b.auth.password === undefined);
    assert.equal(b.interface, 'public');
    assert.equal(loaded.defaultCloud, 'a');
    const acme = loadCloudConfigs(files({ '/work/clouds.yaml': yaml }, { env: { OS_CLOUD: 'b', OS_DEFAULT_DOMAIN: 'acme' } }));
    assert.ok(acme.clouds[1].auth.type === 'password');
    assert.deepEqual(acme.clouds[1].auth.userDomain, { id: 'acme' }, "OS_DEFAULT_DOMAIN is the active cloud's fallback domain");
    assert.ok(acme.clouds[0].auth.type === 'password');
    assert.deepEqual(acme.clouds[0].auth.userDomain, { id: 'default' });
  });

  it('skips a file it may not open (EACCES) and reads the next one, as the CLI does', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const loaded = loadCloudConfigs(
      files(
        {},
        {
          readFile: (f) => {
            if (f === '/work/clouds.yaml') throw denied;
            return f === '/etc/openstack/clouds.yaml' ? ALICE : undefined;
          },
        },
      ),
    );
    assert.deepEqual(loaded.skippedFiles, ['/work/clouds.yaml']);
    assert.equal(loaded.cloudsFile, '/etc/openstack/clouds.yaml');
    assert.deepEqual(loaded.errors, []);
  });

  it('YAML 1.1 as PyYAML reads it: merge keys, anchors, a 16-digit project name kept digit for digit', () => {
    const yaml = `
base: &base
  region_name: RegionTwo
  auth: &auth {auth_url: "https://k/v3", user_domain_name: Default, project_domain_name: Default}
clouds:
  ovh:
    <<: *base
    auth: {<<: *auth, username: u, password: p, project_name: 5512345678901234567}
`;
    const [cloud] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.equal(cloud.regionName, 'RegionTwo');
    assert.ok(cloud.auth.type === 'password');
    assert.equal(cloud.auth.project?.name, '5512345678901234567');
    assert.deepEqual(cloud.auth.userDomain, { name: 'Default' });
  });

  it('a vendor profile gives auth_url and regions; {region_name} in auth_url is filled per region', () => {
    const yaml = 'clouds:\n  city: {profile: citycloud, auth: {username: u, password: p, project_id: x}}\n';
    const loaded = loadCloudConfigs(files({ '/work/clouds.yaml': yaml }));
    assert.equal(loaded.cloudRegions.length, 7);
    assert.equal(resolveRegion(loaded, 'city', 'Fra1')?.auth.authUrl, 'https://Fra1.citycloud.com:5000/v3/');
  });

  it('a remote profile (vexxhost points to https://vexxhost.com): fetched before the load, merged as get_profile merges it; a failure names the URL', async () => {
    const options = files({ '/work/clouds.yaml': 'clouds:\n  v: {profile: vexxhost, auth: {username: u, password: p, project_id: x}}\n' });
    const first = loadCloudConfigs(options);
    assert.deepEqual(first.wantedProfiles, ['https://vexxhost.com']);
    assert.equal(first.clouds.length, 0);
    assert.match(
      first.errors[0].message,
      /clouds\.v\.profile is "vexxhost", a remote profile \(https:\/\/vexxhost\.com\/\.well-known\/openstack\/api\) that has not been fetched/,
    );
    const asked: string[] = [];
    const loaded = await withRemoteProfiles(options, first, async (url) => {
      asked.push(url);
      return { kind: 'fetched', name: 'vexxhost', profile: { auth: { auth_url: 'https://auth.vexxhost.net/v3' }, regions: ['ca-ymq-1', 'sjc1'] } };
    });
    assert.deepEqual(asked, ['https://vexxhost.com']);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(
      loaded.cloudRegions.map((c) => [c.regionName, c.auth.authUrl]),
      [
        ['ca-ymq-1', 'https://auth.vexxhost.net/v3'],
        ['sjc1', 'https://auth.vexxhost.net/v3'],
      ],
    );
    const failed = await withRemoteProfiles(options, first, async () => ({ kind: 'failed', reason: 'getaddrinfo ENOTFOUND vexxhost.com' }));
    assert.match(
      failed.errors[0].message,
      /clouds\.v\.profile is "vexxhost", a remote profile that could not be fetched from https:\/\/vexxhost\.com\/\.well-known\/openstack\/api: getaddrinfo ENOTFOUND vexxhost\.com/,
    );
  });

  it('cacert, cert and key with ~; image_endpoint_override without its /v2; image_interface', () => {
    const yaml = `
clouds:
  c:
    auth: {auth_url: "https://k/v3", username: u, password: p, project_id: x}
    cacert: ~/ca.pem
    cert: ~/me.pem
    key: /keys/me.key
    image_endpoint_override: https://glance:9292/v2/
    image_interface: internal
`;
    const [cloud] = loadCloudConfigs(files({ '/work/clouds.yaml': yaml })).clouds;
    assert.deepEqual([cloud.cacert, cloud.cert, cloud.key], ['/home/u/ca.pem', '/home/u/me.pem', '/keys/me.key']);
    assert.equal(cloud.imageEndpointOverride, 'https://glance:9292');
    assert.equal(cloud.imageInterface, 'internal');
  });
});
