import * as assert from 'node:assert/strict';
import { groupScopeImages } from '../../../src/sharing/grouping';
import { describeImageFilter, filterImageGroups, glanceListParams, matchesImageFilter, parseImageFilter, type ImageFilter } from '../../../src/sharing/imageFilter';
import { parseImageId } from '../../../src/sharing/imageId';
import { shareNotice } from '../../../src/sharing/notices';
import { image } from '../../support/fixtures';

function parsed(text: string): ImageFilter {
  const result = parseImageFilter(text);
  assert.ok(result.ok, `"${text}": ${result.ok ? '' : result.message}`);
  return result.filter;
}

function problem(text: string): string {
  const result = parseImageFilter(text);
  assert.ok(!result.ok, `"${text}" should be refused`);
  return result.message;
}

describe('image filter', () => {
  it('reads every key, bare words as the name, quoted values and dates', () => {
    assert.deepEqual(parsed('ubuntu* tag:golden status:ACTIVE owner:abc os_distro:ubuntu member:Pending created>2026-01-01 created<2026-06-30T12:00:00+02:00'), {
      name: 'ubuntu*',
      tag: 'golden',
      status: 'active',
      owner: 'abc',
      osDistro: 'ubuntu',
      member: 'pending',
      createdAfter: '2026-01-01T00:00:00Z',
      createdBefore: '2026-06-30T10:00:00Z',
    });
    assert.deepEqual(parsed('name:"my image" tag:"two words"'), { name: 'my image', tag: 'two words' });
    assert.deepEqual(parsed('   '), {});
  });

  it('refuses what it cannot use, saying what to write', () => {
    assert.match(problem('colour:red'), /Unknown filter "colour:red": use one of name: tag: status: owner: os_distro: member: created> created</);
    assert.match(problem('member:maybe'), /member: takes pending, accepted or rejected/);
    assert.match(problem('created>yesterday'), /created> takes a date like 2026-01-01/);
    assert.match(problem('created>2026-02-30x'), /takes a date/);
    assert.match(problem('tag:a tag:b'), /"tag" is given twice/);
    assert.match(problem('tag:'), /"tag" needs a value, e.g. tag:golden/);
    assert.match(problem('name:"open'), /close the quote/);
    assert.match(problem('created>2026-06-01 created<2026-01-01'), /earlier than/);
  });

  it('writes itself back in its own syntax (the view description and the input\u2019s value)', () => {
    for (const text of [
      'ubuntu* tag:golden status:active member:pending created>2026-01-01',
      'name:"my image" owner:abc os_distro:debian created<2026-01-01T12:30:00Z',
    ]) {
      assert.equal(describeImageFilter(parsed(text)), text);
      assert.deepEqual(parsed(describeImageFilter(parsed(text))), parsed(text));
    }
  });

  it('sends Glance only what Glance filters: tag, status, one created_at comparison; never name, owner, os_distro or member', () => {
    assert.deepEqual(glanceListParams(parsed('ubuntu owner:abc os_distro:x member:pending')), {});
    assert.deepEqual(glanceListParams(parsed('tag:golden status:active created>2026-01-01')), { tag: 'golden', status: 'active', created_at: 'gt:2026-01-01T00:00:00Z' });
    assert.deepEqual(glanceListParams(parsed('created<2026-01-01')), { created_at: 'lt:2026-01-01T00:00:00Z' });
    assert.deepEqual(glanceListParams(parsed('created>2025-01-01 created<2026-01-01')), { created_at: 'gt:2025-01-01T00:00:00Z' });
  });

  it('matches names by substring (any case) or glob, and every other key exactly', () => {
    const img = image('i', { name: 'Ubuntu-24.04 (golden)', tags: ['golden'], owner: 'abc', os_distro: 'ubuntu', created_at: '2026-03-01T00:00:00Z' });
    const yes = ['ubuntu', 'u?untu-*', '*(golden)', 'tag:golden', 'status:active', 'owner:abc', 'os_distro:Ubuntu', 'created>2026-01-01', 'created<2026-03-02', ''];
    const no = ['debian', 'ubuntu', 'tag:gold', 'status:queued', 'owner:abd', 'os_distro:debian', 'created>2026-03-01', 'created<2026-03-01', 'member:pending'];
    yes.forEach((text) => assert.ok(matchesImageFilter(parsed(text), img), text));
    no.slice(0, 1)
      .concat(no.slice(2))
      .forEach((text) => assert.ok(!matchesImageFilter(parsed(text), img), text));
    assert.ok(!matchesImageFilter(parsed('ubuntu'), image('j', { name: null })), 'an unnamed image has no name to match');
    assert.ok(matchesImageFilter(parsed('member:pending'), img, 'pending'));
    assert.ok(!matchesImageFilter(parsed('member:pending'), img, 'accepted'));
    assert.ok(!matchesImageFilter(parsed('x.y'), image('k', { name: 'xzy' })), 'a dot is a dot');
  });

  it('narrows every group and the pending count with it', () => {
    const groups = groupScopeImages({
      projectId: 'me',
      owned: [image('a', { name: 'ubuntu' }), image('b', { name: 'debian', visibility: 'shared' })],
      incoming: {
        pending: [image('p', { name: 'ubuntu-p', owner: 'x', visibility: 'shared' }), image('q', { name: 'fedora', owner: 'x', visibility: 'shared' })],
        accepted: [],
        rejected: [],
      },
    });
    const narrowed = filterImageGroups(groups, parsed('ubuntu'));
    assert.deepEqual(
      narrowed.owned.private.map((i) => i.id),
      ['a'],
    );
    assert.deepEqual(narrowed.owned.shared, []);
    assert.deepEqual(
      narrowed.incoming.pending.map((i) => i.id),
      ['p'],
    );
    assert.equal(narrowed.pendingCount, 1);
    assert.equal(filterImageGroups(groups, {}), groups);
    assert.deepEqual(filterImageGroups(groups, parsed('member:pending')).owned.private, [], 'own images have no member status');
  });
});

describe('image ID in pasted text', () => {
  const id = '0f9c1e2a-5b3d-4c6e-8f70-1a2b3c4d5e6f';

  it('takes the ID with or without dashes, in any case, with text around it', () => {
    assert.deepEqual(parseImageId(id), { ok: true, id });
    assert.deepEqual(parseImageId(id.replace(/-/g, '').toUpperCase()), { ok: true, id });
    assert.deepEqual(parseImageId(`openstack image set --accept ${id}\n`), { ok: true, id });
  });

  it('finds the image in the project\u2019s own share notice, not the owner\u2019s project ID', () => {
    const notice = shareNotice(image(id, { name: 'golden' }), { id: 'a'.repeat(32), name: 'producer' }, 'b'.repeat(32));
    assert.deepEqual(parseImageId(notice), { ok: true, id });
  });

  it('says what an image ID looks like when there is none, or more than one', () => {
    const none = parseImageId('ubuntu-22.04');
    assert.ok(!none.ok && /32 hex digits with or without dashes/.test(none.message));
    const empty = parseImageId('');
    assert.ok(!empty.ok && /Paste an image ID/.test(empty.message));
    const two = parseImageId(`${id} ${id.replace('0f9c', '1f9c')}`);
    assert.ok(!two.ok && /holds 2 IDs/.test(two.message));
    assert.ok(!parseImageId(`${id}0`).ok, 'a longer hex run is not an ID');
  });
});
