// Glance stops answering in the middle of a tree load (SIGSTOP: the process is stopped, its port
// still accepts connections, nothing answers), then continues (SIGCONT). The load must fail with a
// clear error within the request timeout, and a retry must succeed.
import * as assert from 'node:assert/strict';
import { loadScopeImages, NetworkError } from '../../src/openstack';
import { connectAs, deleteTaggedImages, loadImages, stackIds, stackInfo, uniqueName } from '../support/stack';

describe('Glance stopped during a tree load, then continued', () => {
  const tag = uniqueName('rel-outage');
  const ids = stackIds();

  before(() => loadImages({ owner: ids.projects.producer, count: 3000, tag }));
  after(() => deleteTaggedImages(tag));

  it('gives a clear error within the timeout, and Retry recovers', async function () {
    this.timeout(120_000);
    const timeoutMs = 4000;
    const alice = await connectAs('alice', { timeoutMs, retries: 1, retryBaseDelayMs: 100 });
    const glancePid = stackInfo().pids.glance;
    let pages = 0;
    const started = Date.now();
    let stoppedAt = 0;
    const load = loadScopeImages(alice.glance, ids.projects.producer, {
      tag,
      onPage: () => {
        // Stop Glance after the first page arrived: the rest of the walk hangs.
        if (pages++ === 0) {
          process.kill(glancePid, 'SIGSTOP');
          stoppedAt = Date.now();
        }
      },
    });
    try {
      await assert.rejects(load, (error: unknown) => {
        assert.ok(error instanceof NetworkError, `a NetworkError, not ${String(error)}`);
        assert.equal(error.code, 'ETIMEDOUT');
        assert.match(error.explanation, /Glance at 127\.0\.0\.1:\d+ did not answer in time/);
        return true;
      });
      const waited = Date.now() - stoppedAt;
      console.log(`      failed ${waited} ms after Glance stopped (timeout ${timeoutMs} ms, 1 retry)`);
      assert.ok(pages >= 1, 'the first page had arrived');
    } finally {
      process.kill(glancePid, 'SIGCONT');
    }
    const retried = await loadScopeImages(alice.glance, ids.projects.producer, { tag });
    assert.equal(retried.owned.length, 3000);
    console.log(`      recovered on retry; whole episode ${Date.now() - started} ms`);
  });
});
