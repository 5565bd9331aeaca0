import * as assert from 'node:assert/strict';
import { formatSize } from '../../../src/sharing';

describe('image sizes (tree tooltip and members panel)', () => {
  it('writes bytes in words below 1 KiB, then binary units', () => {
    assert.equal(formatSize(0), '0 bytes');
    assert.equal(formatSize(1), '1 byte');
    assert.equal(formatSize(1023), '1023 bytes');
    assert.equal(formatSize(1024), '1.0 KiB');
    assert.equal(formatSize(1.5 * 1024 ** 3), '1.5 GiB');
  });

  it('drops the decimal from 100 of a unit on, and stops at PiB', () => {
    assert.equal(formatSize(120 * 1024 ** 3), '120 GiB');
    assert.equal(formatSize(99.94 * 1024 ** 2), '99.9 MiB');
    assert.equal(formatSize(2048 * 1024 ** 5), '2048 PiB');
  });

  it('says "no data" when Glance has none (no upload yet) or sends nonsense', () => {
    for (const size of [null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(formatSize(size), 'no data', String(size));
  });
});
