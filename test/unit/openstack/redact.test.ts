import * as assert from 'node:assert/strict';
import { REDACTED, SecretRegistry, redact, redactingLogger } from '../../../src/openstack';
import { memoryLogger } from '../../support/localServer';

const FERNET = 'gAAAAABpIkl2' + 'x'.repeat(170);

describe('redaction', () => {
  const cases: Array<[string, string, string]> = [
    ['X-Auth-Token header', `X-Auth-Token: ${FERNET}`, 'X-Auth-Token: ***'],
    ['X-Subject-Token header, any case', 'x-subject-token=abc123def', 'x-subject-token=***'],
    ['password field in JSON', '{"user":{"name":"alice","password":"alicepass"}}', '{"user":{"name":"alice","password":"***"}}'],
    ['application credential secret in YAML', "application_credential_secret: 'abc def'", "application_credential_secret: '***'"],
    ['secret field', '{"id":"ac1","secret":"s3"}', '{"id":"ac1","secret":"***"}'],
    ['token method body', '{"methods":["token"],"token":{"id":"opaque-token"}}', '{"methods":["token"],"token":{"id":"***"}}'],
    ['bare fernet token', `token was ${FERNET} then`, `token was ${REDACTED} then`],
    ['password in a URL', 'https://admin:hunter22@keystone:5000/v3', 'https://admin:***@keystone:5000/v3'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(redact(input), expected));
  }

  it('removes registered secret values wherever they appear', () => {
    assert.equal(redact('failed for alicepass at login', ['alicepass']), 'failed for *** at login');
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /v2/images?visibility=shared&member_status=pending → 200 (12 ms)';
    assert.equal(redact(text, ['ab']), text);
  });

  it('a redacting logger never passes a registered secret through', () => {
    const { lines, logger } = memoryLogger();
    const secrets = new SecretRegistry();
    secrets.add('my-app-cred-secret');
    const log = redactingLogger(logger, secrets);
    log.error('auth failed with my-app-cred-secret');
    log.info(`header X-Auth-Token: ${FERNET}`);
    assert.deepEqual(lines, ['error auth failed with ***', 'info header X-Auth-Token: ***']);
  });
});
