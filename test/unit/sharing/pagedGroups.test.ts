import * as assert from 'node:assert/strict';
import { IMAGE_VISIBILITIES, VISIBILITIES, type GlanceImage, type MemberStatus } from '../../../src/openstack';
import { image } from '../../support/fixtures';
import { PagedGroups, compareImages, groupScopeImages, mergeSorted, type ImageGroups } from '../../../src/sharing';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ids = (groups: ImageGroups) => ({
  owned: IMAGE_VISIBILITIES.map((v) => groups.owned[v].map((i) => `${i.id}:${i.name}`)),
  incoming: (['pending', 'accepted', 'rejected'] as const).map((s) => groups.incoming[s].map((i) => `${i.id}:${i.name}`)),
  pendingCount: groups.pendingCount,
});

describe('groups built page by page', () => {
  it('equal the groups of the finished listing, whatever the pages, repeats and visibility changes', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const paged = new PagedGroups('me');
      // What the last copy of each image said: what a finished load's listing holds.
      const last = {
        owned: new Map<string, GlanceImage>(),
        pending: new Map<string, GlanceImage>(),
        accepted: new Map<string, GlanceImage>(),
        rejected: new Map<string, GlanceImage>(),
      };
      for (let p = 0; p < 12; p++) {
        const listing = (['owned', 'pending', 'accepted', 'rejected'] as const)[Math.floor(next() * 4)];
        const page: GlanceImage[] = [];
        for (let n = Math.floor(next() * 30); n > 0; n--) {
          // Few IDs, so pages repeat images (a walk again after a stale marker) and change their name or visibility.
          const id = `img-${Math.floor(next() * 60)}`;
          const named = next() < 0.9;
          page.push(
            image(id, {
              name: named ? `ubuntu-${Math.floor(next() * 25)}${next() < 0.3 ? 'A' : 'a'}` : '',
              visibility: listing === 'owned' ? VISIBILITIES[Math.floor(next() * VISIBILITIES.length)] : 'shared',
              owner: listing === 'owned' ? 'me' : 'them',
            }),
          );
        }
        paged.add(listing, page);
        page.forEach((i) => last[listing].set(i.id, i));
      }
      const finished = groupScopeImages({
        projectId: 'me',
        owned: [...last.owned.values()],
        incoming: { pending: [...last.pending.values()], accepted: [...last.accepted.values()], rejected: [...last.rejected.values()] },
      });
      assert.deepEqual(ids(paged.groups()), ids(finished), `seed ${seed}`);
      const counts = paged.counts();
      assert.equal(counts.owned, last.owned.size, `seed ${seed}: distinct owned images`);
      for (const status of ['pending', 'accepted', 'rejected'] as MemberStatus[]) assert.equal(counts[status], last[status].size);
    }
  });

  it('never changes an array it handed out (the tree may still be drawing it)', () => {
    const paged = new PagedGroups('me');
    paged.add('owned', [image('b', { name: 'b' }), image('d', { name: 'd' })]);
    const first = paged.groups().owned.private;
    const copy = [...first];
    paged.add('owned', [image('a', { name: 'a' }), image('c', { name: 'c' }), image('b', { name: 'b2' })]);
    assert.deepEqual(first, copy);
    assert.deepEqual(
      paged.groups().owned.private.map((i) => i.name),
      ['a', 'b2', 'c', 'd'],
    );
  });

  it('merge two sorted lists as a linear merge does (the first list\u2019s image first on a tie), whatever their lengths', () => {
    const next = random(7);
    // Names that tie under the collator (case, numbers) and unnamed images, so ties and the ID order count.
    const names = ['alpha', 'Alpha', 'ALPHA', 'beta 2', 'beta 10', 'beta 02', null, 'γ', 'zeta'];
    const make = (n: number, prefix: string): GlanceImage[] =>
      Array.from({ length: n }, (_, i) =>
        image(`${prefix}${String(Math.floor(next() * 50)).padStart(2, '0')}-${i}`, { name: names[Math.floor(next() * names.length)] }),
      ).sort(compareImages);
    const linear = (a: readonly GlanceImage[], b: readonly GlanceImage[]) => {
      const out: GlanceImage[] = [];
      let i = 0;
      let j = 0;
      while (i < a.length && j < b.length) out.push(compareImages(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
      return [...out, ...a.slice(i), ...b.slice(j)];
    };
    for (const [m, n] of [
      [0, 5],
      [5, 0],
      [1, 1],
      [3, 200],
      [200, 3],
      [1000, 37],
      [37, 1000],
      [513, 512],
    ]) {
      const a = make(m, 'a');
      const b = make(n, 'b');
      assert.deepEqual(
        mergeSorted(a, b).map((i) => i.id),
        linear(a, b).map((i) => i.id),
        `${m} + ${n}`,
      );
    }
  });
});
