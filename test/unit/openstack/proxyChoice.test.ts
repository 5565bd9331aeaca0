// Which proxy a request takes: VS Code's http.proxy settings over the environment, VS Code's own
// noProxy rules for the setting (the environment's rules are compared with python-requests in
// test/integration/proxyEnv.test.ts), and proxy URLs that cannot be used.
import * as assert from 'node:assert/strict';
import { chooseProxy, ConfigError, proxySecrets, vscodeBypasses } from '../../../src/openstack';

const CLOUD = 'https://glance.example.com:9292/v2/images';

describe('chooseProxy', () => {
  it('uses http.proxy over HTTPS_PROXY, and says where it came from', () => {
    const route = chooseProxy(CLOUD, { settings: { proxy: 'http://setting.corp:3128' }, env: { HTTPS_PROXY: 'http://env.corp:8080' } });
    assert.equal(route?.display, 'http://setting.corp:3128');
    assert.equal(route?.source, 'the VS Code setting "http.proxy"');
  });

  it('without http.proxy, or with http.proxySupport "off", the environment decides', () => {
    for (const settings of [{}, { proxy: '' }, { proxy: 'http://setting.corp:3128', support: 'off' as const }]) {
      const route = chooseProxy(CLOUD, { settings, env: { https_proxy: 'http://env.corp:8080' } });
      assert.equal(route?.display, 'http://env.corp:8080');
      assert.equal(route?.source, 'https_proxy');
    }
    assert.equal(chooseProxy(CLOUD, { settings: { proxy: 'http://setting.corp:3128', support: 'off' }, env: {} }), undefined);
  });

  it('http.proxy sends localhost, 127.0.0.1 and ::1 direct, as VS Code does', () => {
    for (const url of ['https://localhost:5000/v3', 'https://127.0.0.1:5000/v3', 'https://[::1]:5000/v3']) {
      assert.equal(chooseProxy(url, { settings: { proxy: 'http://p:1' } }), undefined, url);
    }
    assert.ok(chooseProxy('https://127.0.0.2:5000/v3', { settings: { proxy: 'http://p:1' } }));
  });

  it('http.noProxy, else NO_PROXY, with VS Code’s rules: domain suffixes on a dot, an optional port, *', () => {
    const viaNoProxy = (noProxy: string[], env = {}) => chooseProxy(CLOUD, { settings: { proxy: 'http://p:1', noProxy }, env });
    assert.equal(viaNoProxy(['example.com']), undefined);
    assert.equal(viaNoProxy(['.example.com']), undefined);
    assert.equal(viaNoProxy(['glance.example.com:9292']), undefined);
    assert.equal(viaNoProxy(['*']), undefined);
    assert.ok(viaNoProxy(['xample.com']), 'no match inside a label');
    assert.ok(viaNoProxy(['glance.example.com:443']), 'another port');
    // An http.noProxy list replaces NO_PROXY; an empty one leaves NO_PROXY in force.
    assert.ok(viaNoProxy(['other.org'], { NO_PROXY: 'example.com' }));
    assert.equal(viaNoProxy([], { NO_PROXY: 'example.com' }), undefined);
    assert.equal(vscodeBypasses(['EXAMPLE.com'], 'Glance.Example.COM', '443'), true);
  });

  it('reads user:password from the proxy URL as basic Proxy-Authorization, http.proxyAuthorization otherwise', () => {
    const route = chooseProxy(CLOUD, { env: { HTTPS_PROXY: 'http://me%40corp:p%3Ass@proxy.corp:3128' } });
    assert.equal(route?.authorization, `Basic ${Buffer.from('me@corp:p:ss').toString('base64')}`);
    assert.equal(route?.display, 'http://proxy.corp:3128');
    assert.equal(route?.credentialsInUrl, true);
    const header = chooseProxy(CLOUD, { settings: { proxy: 'proxy.corp:3128', authorization: 'Negotiate abc' } });
    assert.equal(header?.authorization, 'Negotiate abc');
    assert.equal(header?.display, 'http://proxy.corp:3128', 'host:port means http://host:port');
  });

  it('a socks or unparsable proxy URL is a ConfigError that names where it came from, not its text', () => {
    assert.throws(
      () => chooseProxy(CLOUD, { env: { ALL_PROXY: 'socks5://u:secret@p:1080' } }),
      (e: unknown) => e instanceof ConfigError && /ALL_PROXY is a socks5 proxy/.test(e.message) && !e.message.includes('secret'),
    );
    assert.throws(
      () => chooseProxy(CLOUD, { settings: { proxy: 'http://[bad' } }),
      (e: unknown) => e instanceof ConfigError && /"http.proxy" is not a URL/.test(e.message),
    );
  });

  it('proxySecrets lists the passwords of proxy URLs and http.proxyAuthorization, for redaction', () => {
    const secrets = proxySecrets({ settings: { proxy: 'http://u:s%21cret@p:1', authorization: 'Basic QQ==' }, env: { https_proxy: 'http://v:other@q:2', PATH: '/bin' } });
    assert.ok(secrets.includes('s!cret') && secrets.includes('other') && secrets.includes('Basic QQ=='));
  });
});
