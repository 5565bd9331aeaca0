import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HttpError, loadScopeImages } from '../../src/openstack';
import { connectAs, createImage, deleteImage, deleteTaggedImages, loadImages, stackIds, uniqueName, type TestConnection } from '../support/stack';

describe('paging and limits against the real Glance', () => {
  const ids = stackIds();
  let alice: TestConnection;
  let bob: TestConnection;
  const tags: string[] = [];

  before(async () => {
    [alice, bob] = await Promise.all([connectAs('alice'), connectAs('bob')]);
  });

  after(() => {
    for (const tag of tags) {
      deleteTaggedImages(tag);
    }
  });

  function load(count: number, options: Partial<Parameters<typeof loadImages>[0]> = {}): string {
    const tag = options.tag ?? uniqueName('it-bulk');
    if (!tags.includes(tag)) tags.push(tag);
    loadImages({ owner: ids.projects.producer, count, tag, ...options });
    return tag;
  }

  async function walk(connection: TestConnection, tag: string): Promise<{ pages: number[]; ids: Set<string> }> {
    const pages: number[] = [];
    const seen = new Set<string>();
    for await (const page of connection.glance.listImagePages({ tag })) {
      pages.push(page.images.length);
      page.images.forEach((i) => seen.add(i.id));
    }
    return { pages, ids: seen };
  }

  it('2,500 images: 3 pages of up to 1,000, none missing or repeated', async () => {
    const tag = load(2500);
    const { pages, ids: seen } = await walk(alice, tag);
    assert.deepEqual(pages, [1000, 1000, 500]);
    assert.equal(seen.size, 2500);
  });

  it('exactly 2,000 images: Glance sends a last, empty page', async () => {
    const tag = load(2000);
    const { pages, ids: seen } = await walk(alice, tag);
    assert.deepEqual(pages, [1000, 1000, 0]);
    assert.equal(seen.size, 2000);
  });

  it('2,500 images with a short first page: 100, then Glance\u2019s next links asked at 1,000, none missing or repeated', async () => {
    const tag = load(2500);
    const pages: number[] = [];
    const seen = new Set<string>();
    for await (const page of alice.glance.listImagePages({ tag }, { firstPage: 100 })) {
      pages.push(page.images.length);
      page.images.forEach((i) => seen.add(i.id));
    }
    assert.deepEqual(pages, [100, 1000, 1000, 400]);
    assert.equal(seen.size, 2500);
    // The loader with it: floor((n - 100) / 1000) + 2 requests for the first walk.
    const producer = await loadScopeImages(alice.glance, ids.projects.producer, { tag, firstPageSize: 100 });
    assert.equal(producer.owned.length, 2500);
    assert.equal(producer.firstGroupsRequests, Math.floor((2500 - 100) / 1000) + 2);
  });

  it('a caller that stops early makes no further request', async () => {
    const tag = load(1500);
    const before = alice.session.transport.requestCount.glance;
    let n = 0;
    for await (const _image of alice.glance.listImages({ tag })) {
      if (++n === 10) break;
    }
    assert.equal(alice.session.transport.requestCount.glance - before, 1);
  });

  it('the scope loader\u2019s request counts for N = 10, 1,000 and 2,500 images', async function () {
    this.timeout(120_000);
    const report: string[] = [];
    for (const n of [10, 1000, 2500]) {
      const tag = uniqueName(`it-count-${n}`);
      // Spread like a producer's project: 40 % private, 40 % shared with consumer (pending), 20 % community.
      const priv = Math.round(n * 0.4);
      const shared = Math.round(n * 0.4);
      load(priv, { tag, visibility: 'private' });
      load(shared, { tag, visibility: 'shared', members: [[ids.projects.consumer, 'pending']] });
      load(n - priv - shared, { tag, visibility: 'community' });

      const producer = await loadScopeImages(alice.glance, ids.projects.producer, { tag });
      const pages = (k: number) => Math.floor(k / 1000) + 1;
      assert.equal(producer.owned.length, n);
      // Owned and pending from one walk (no share waits for producer), then accepted and rejected,
      // each repeating producer's own shared images.
      assert.equal(producer.firstGroupsRequests, pages(n), `producer's My images and Pending for N=${n}`);
      assert.equal(producer.requests, pages(n) + 2 * pages(shared), `producer requests for N=${n}`);

      const consumer = await loadScopeImages(bob.glance, ids.projects.consumer, { tag, includeCommunity: true });
      assert.equal(consumer.incoming.pending.length, shared);
      assert.equal(consumer.community?.length, n - priv - shared);
      assert.equal(consumer.firstGroupsRequests, pages(shared), `consumer's My images and Pending for N=${n}`);
      assert.equal(consumer.requests, pages(shared) + 1 + 1 + pages(n - priv - shared), `consumer requests for N=${n}`);
      report.push(`N=${n}: producer ${producer.requests} requests, consumer ${consumer.requests} requests`);
    }
    console.log(`      scope loader: ${report.join('; ')}`);
  });

  it('the 129th member is refused with 413 (member quota 128), explained', async function () {
    this.timeout(120_000);
    const image = await createImage(alice, uniqueName('it-quota'), 'shared');
    try {
      const members = Array.from({ length: 128 }, () => randomBytes(16).toString('hex'));
      for (const member of members) {
        await alice.glance.addMember(image.id, member);
      }
      assert.equal((await alice.glance.listMembers(image.id)).length, 128);
      await assert.rejects(
        alice.glance.addMember(image.id, randomBytes(16).toString('hex')),
        (e: unknown) => e instanceof HttpError && e.status === 413 && /member limit/.test(e.explanation),
      );
    } finally {
      await deleteImage(alice, image.id);
    }
  });
});
