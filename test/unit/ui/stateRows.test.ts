import * as assert from 'node:assert/strict';
import { HttpError } from '../../../src/openstack';
import { emptyRow, errorRow, loadingRow } from '../../../src/ui/tree/stateRows';

describe('the tree\u2019s loading, empty and error rows', () => {
  it('an error row says what went wrong in a sentence, keeps the detail for the tooltip, and retries its scope', () => {
    const error = new HttpError('glance', 'listImages', 'GET', '/v2/images', 503, 'busy', 'Glance had a server error (HTTP 503).');
    const row = errorRow('s1/mine:error', 'Could not load images', error, 's1');
    assert.equal(row.label, 'Could not load images');
    assert.equal(row.description, 'Glance had a server error (HTTP 503).');
    assert.equal(row.tooltip, error.message);
    assert.match(String(row.tooltip), /503 to GET \/v2\/images: busy/);
    assert.equal(row.contextValue, 'error', 'gives the inline Retry and Show Log');
    assert.equal(row.icon, 'error');
    assert.deepEqual(row.command, { command: 'glanceShare.retry', title: 'Retry', arguments: [{ kind: 'scope', scopeId: 's1' }] });
    assert.equal(row.scopeId, 's1');
  });

  it('an error that is not the OpenStack layer\u2019s shows its own message', () => {
    assert.equal(errorRow('s1:error', 'Could not connect', new Error('boom'), 's1').description, 'boom');
  });

  it('loading spins; empty says so; neither offers Retry', () => {
    const loading = loadingRow('s1/community:loading', 'Loading…', 's1');
    assert.equal(loading.icon, 'loading~spin');
    const empty = emptyRow('s1/public:empty', 'No public images of other projects', 's1');
    assert.equal(empty.icon, 'info');
    for (const row of [loading, empty]) {
      assert.equal(row.command, undefined);
      assert.notEqual(row.contextValue, 'error');
      assert.equal(row.scopeId, 's1');
    }
  });
});
