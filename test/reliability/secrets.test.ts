// After sessions with password, application-credential and token authentication, including a
// failed sign-in and a 401 retry, no password, secret or token appears in the log or in errors.
import * as assert from 'node:assert/strict';
import { connect, HttpError, SecretRegistry, type CloudConfig } from '../../src/openstack';
import { memoryLogger } from '../support/localServer';
import { connectAs, stackCloud, stackIds } from '../support/stack';

describe('secrets stay out of logs and errors', () => {
  const { lines, logger } = memoryLogger();
  const secrets = new SecretRegistry();
  const tokens: string[] = [];

  it('password, application credential and token sessions', async () => {
    const password = await connect(stackCloud('alice'), { logger, knownSecrets: secrets });
    await password.glance.listAllImages({ limit: 5 });
    const appcred = await connect(stackCloud('alice-appcred'), { logger, knownSecrets: secrets });
    await appcred.glance.listAllImages({ limit: 5 });
    // A token for bob, then a cloud that signs in with it (auth_type: token).
    const bob = await connectAs('bob');
    const issued = await bob.session.transport.send({
      service: 'keystone',
      operation: 'authenticate',
      method: 'POST',
      url: `${bob.session.identityUrl}/auth/tokens`,
      body: { auth: { identity: { methods: ['password'], password: { user: { name: 'bob', domain: { id: 'default' }, password: 'bobpass' } } } } },
    });
    const token = issued.headers['x-subject-token'] ?? '';
    tokens.push(token);
    const base = stackCloud('bob');
    const tokenCloud: CloudConfig = {
      ...base,
      name: 'bob-token',
      auth: { type: 'token', authUrl: base.auth.authUrl, token, project: { id: stackIds().projects.consumer } },
    };
    const viaToken = await connect(tokenCloud, { logger, knownSecrets: secrets });
    await viaToken.glance.listAllImages({ limit: 5 });
  });

  it('a wrong password fails without echoing it', async () => {
    const base = stackCloud('bob');
    const wrong = { ...base, auth: { ...base.auth, password: 'Sup3r-Secret-Wrong' } } as CloudConfig;
    await assert.rejects(connect(wrong, { logger, knownSecrets: secrets }), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.doesNotMatch(`${e.message} ${e.stack} ${JSON.stringify(e)}`, /Sup3r-Secret-Wrong/);
      return true;
    });
  });

  it('none of them is in any log line', () => {
    const log = lines.join('\n');
    assert.ok(lines.length > 5, 'the sessions did log');
    for (const secret of ['alicepass', 'bobpass', 'alice-appcred-secret', 'Sup3r-Secret-Wrong', ...tokens]) {
      assert.ok(secret.length > 0);
      assert.ok(!log.includes(secret), `a secret reached the log: ${secret.slice(0, 6)}…`);
    }
    // The sessions' own tokens are fernet tokens too: none of any kind may appear.
    assert.doesNotMatch(log, /gAAAAA[A-Za-z0-9_-]{20,}/, 'no fernet token');
  });
});
