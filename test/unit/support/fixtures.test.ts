import * as assert from 'node:assert/strict';
import { newTag, tagTime } from '../../../bench/lib/distribution';
import { uniqueName, uniqueNameTime } from '../../support/fixtures';

describe('unique names and tags', () => {
  it('differ between calls and tell when they were made (the bench deletes stale tags by it)', () => {
    const before = Date.now();
    const names = [uniqueName('it-x'), uniqueName('it-x')];
    assert.notEqual(names[0], names[1]);
    for (const name of names) assert.ok(uniqueNameTime(name) >= before && uniqueNameTime(name) <= Date.now(), name);
    const tag = newTag('private');
    assert.match(tag, /^gsbench-private-/);
    assert.ok(tagTime(tag) >= before && tagTime(tag) <= Date.now(), tag);
    assert.ok(Number.isNaN(tagTime('glance-share-demo')));
  });
});
