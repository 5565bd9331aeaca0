import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, configCandidates, loadCloudConfigs, type ConfigSearchOptions } from '../../../src/openstack';

/** A fake file system: path → content. */
function files(map: Record<string, string>, extra: Partial<ConfigSearchOptions> = {}): ConfigSearchOptions {
  return { env: {}, cwd: '/work', home: '/home/u', siteDir: '/etc/openstack', readFile: (f) => map[f], ...extra };
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
    const c = configCandidates('clouds', { env: { OS_CLIENT_CONFIG_FILE: '/x/my.yaml' }, cwd: '/work', home: '/home/u', siteDir: '/etc/openstack' });
    assert.deepEqual(c.slice(0, 4), ['/x/my.yaml', '/work/clouds.yaml', '/work/clouds.yml', '/work/clouds.json']);
    assert.equal(c[4], '/home/u/.config/openstack/clouds.yaml');
    assert.equal(c[7], '/etc/openstack/clouds.yaml');
  });

  it('honours XDG_CONFIG_HOME for the user folder', () => {
    const c = configCandidates('secure', { env: { XDG_CONFIG_HOME: '/cfg' }, cwd: '/w', home: '/h', siteDir: '/s' });
    assert.ok(c.includes('/cfg/openstack/secure.yaml'));
    assert.ok(!c.includes('/h/.config/openstack/secure.yaml'));
  });

  it('uses the first file that exists and ignores later ones', () => {
    const loaded = loadCloudConfigs(
      files({
        '/home/u/.config/openstack/clouds.yaml': ALICE,
        '/etc/openstack/clouds.yaml': 'clouds: {site: {auth: {auth_url: http://x/v3, username: s, password: p}}}',
      }),
    );
    assert.equal(loaded.cloudsFile, '/home/u/.config/openstack/clouds.yaml');
    assert.deepEqual(loaded.clouds.map((c) => c.name), ['alice']);
  });

  it('prefers OS_CLIENT_CONFIG_FILE over the current folder', () => {
    const loaded = loadCloudConfigs(
      files({ '/work/clouds.yaml': ALICE, '/x/other.yml': 'clouds: {other: {auth: {auth_url: http://o/v3, username: o, password: p}}}' }, { env: { OS_CLIENT_CONFIG_FILE: '/x/other.yml' } }),
    );
    assert.deepEqual(loaded.clouds.map((c) => c.name), ['other']);
  });

  it('reads real files from disk (clouds.yml in the current folder)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cfg-'));
    fs.writeFileSync(path.join(dir, 'clouds.yml'), ALICE);
    const loaded = loadCloudConfigs({ env: {}, cwd: dir, home: path.join(dir, 'nohome'), siteDir: path.join(dir, 'nosite') });
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
    assert.deepEqual(byId.auth.type === 'password' && [byId.auth.userId, byId.auth.username, byId.auth.project], ['u1', undefined, { id: 'p1', name: undefined, domain: undefined }]);
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
    assert.deepEqual(byId.auth, { type: 'applicationCredential', authUrl: 'http://k/v3', id: 'ac1', name: undefined, userId: undefined, username: undefined, userDomain: undefined, secret: 's3cr3t' });
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
    assert.equal(loaded.clouds.length, 1, 'a cloud only in secure.yaml is not a cloud');
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
    assert.deepEqual(loaded.clouds.map((c) => c.name), ['alice', 'envvars']);
    assert.equal(loaded.defaultCloud, 'alice');
    const env = loaded.clouds[1];
    assert.deepEqual(env.source, { kind: 'env' });
    assert.ok(env.auth.type === 'password');
    assert.equal(env.auth.username, 'bob');
    assert.deepEqual(env.auth.project, { id: undefined, name: 'consumer', domain: { id: 'default' } });
  });

  it('application credential and token from OS_AUTH_TYPE; OS_INSECURE turns verification off', () => {
    const app = loadCloudConfigs(files({}, { env: { OS_AUTH_URL: 'http://k/v3', OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_ID: 'i', OS_APPLICATION_CREDENTIAL_SECRET: 's', OS_INSECURE: 'true', OS_CLOUD_NAME: 'mine' } }));
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
    assert.deepEqual(loaded.clouds.map((c) => c.name), ['good']);
    const [error] = loaded.errors;
    assert.equal(error.file, '/work/clouds.yaml');
    assert.equal(error.cloud, 'broken');
    assert.equal(error.key, 'auth.auth_url');
    assert.match(error.message, /cloud "broken": clouds\.broken\.auth\.auth_url is missing\. Write the Keystone URL, for example auth_url: https:/);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['unsupported auth type', 'clouds: {c: {auth_type: v2password, auth: {auth_url: "http://k/v3"}}}', /auth_type is "v2password".*Use password, v3password/],
    ['auth_url not a URL', 'clouds: {c: {auth: {auth_url: "keystone:5000", username: a}}}', /not an http\(s\) URL/],
    ['no user', 'clouds: {c: {auth: {auth_url: "http://k/v3", password: p}}}', /clouds\.c\.auth\.username is missing/],
    ['app cred without id or name', 'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_secret: s}}}', /application_credential_id is missing/],
    ['app cred by name without user', 'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_name: n, application_credential_secret: s}}}', /needs its user/],
    ['app cred with a project', 'clouds: {c: {auth_type: v3applicationcredential, auth: {auth_url: "http://k/v3", application_credential_id: i, project_name: p}}}', /cannot be used with an application credential/],
    ['auth not a mapping', 'clouds: {c: {auth: "x"}}', /clouds\.c\.auth must be a mapping/],
    ['verify not a boolean', 'clouds: {c: {auth: {auth_url: "http://k/v3", username: a}, verify: maybe}}', /clouds\.c\.verify is "maybe", not true or false/],
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
