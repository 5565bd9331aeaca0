import * as assert from 'node:assert/strict';
import { secretKeyName, secretOf, secretWords, withSecret, type AuthSettings } from '../../../src/openstack';

describe('the secret of each kind of credential', () => {
  const url = 'http://keystone.example/v3';
  const kinds: Array<[AuthSettings, string, string, string]> = [
    [{ type: 'password', authUrl: url, username: 'u' }, 'password', 'password', 'password'],
    [{ type: 'applicationCredential', authUrl: url, id: 'ac' }, 'secret', 'application_credential_secret', 'application credential secret'],
    [{ type: 'token', authUrl: url }, 'token', 'token', 'token'],
  ];

  for (const [auth, field, configKey, words] of kinds) {
    it(`${auth.type}: held in "${field}", written ${configKey} in clouds.yaml, asked for as "${words}"`, () => {
      assert.equal(secretOf(auth), undefined);
      const filled = withSecret(auth, 's3cret');
      assert.equal(secretOf(filled), 's3cret');
      assert.equal((filled as unknown as Record<string, unknown>)[field], 's3cret');
      assert.deepEqual({ ...filled, [field]: undefined }, { ...auth, [field]: undefined }, 'nothing else changes');
      assert.equal(secretOf(auth), undefined, 'the original is left as it was');
      assert.equal(secretKeyName(auth), configKey);
      assert.equal(secretWords(auth), words);
    });
  }

  it('an empty secret counts as none (asked for, not sent)', () => {
    assert.equal(secretOf({ type: 'password', authUrl: url, username: 'u', password: '' }), undefined);
  });
});
