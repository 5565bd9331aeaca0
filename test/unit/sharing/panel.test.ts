import * as assert from 'node:assert/strict';
import type { GlanceMember } from '../../../src/openstack';
import {
  allowedActions,
  buildMembersView,
  filterMemberRows,
  membersPageCsp,
  membersPageHtml,
  parsePanelRequest,
  parsePanelUpdate,
  sortMemberRows,
  type MemberRow,
} from '../../../src/sharing';
import { image } from '../../support/fixtures';

const member = (id: string, status: GlanceMember['status'], created = '2026-11-01T00:00:00Z'): GlanceMember => ({
  member_id: id,
  image_id: 'img',
  status,
  created_at: created,
  updated_at: created,
});

describe('members panel: messages', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'addMembers', text: 'a, b' },
    { type: 'removeMember', projectId: 'abc' },
    { type: 'setMyStatus', status: 'accepted' },
    { type: 'copy', text: 'id' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parsePanelRequest(message), message));
  }

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'ready'],
    ['an unknown type', { type: 'deleteImage', id: 'x' }],
    ['a status in upper case', { type: 'setMyStatus', status: 'ACCEPTED' }],
    ['a status that is not one', { type: 'setMyStatus', status: 'owner' }],
    ['an empty project', { type: 'removeMember', projectId: '' }],
    ['a project ID of 256 characters', { type: 'removeMember', projectId: 'x'.repeat(256) }],
    ['a number for text', { type: 'addMembers', text: 42 }],
    ['1 MB of text', { type: 'addMembers', text: 'a'.repeat(1_000_000) }],
    ['an array', [{ type: 'ready' }]],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name}`, () => assert.equal(parsePanelRequest(message), undefined));
  }

  it('keeps only known fields (extra keys are dropped, not passed on)', () => {
    assert.deepEqual(parsePanelRequest({ type: 'removeMember', projectId: 'p', __proto__x: 1, status: 'accepted' }), { type: 'removeMember', projectId: 'p' });
  });

  it('checks what the webview receives too', () => {
    assert.equal(parsePanelUpdate({ type: 'state', state: { image: null, members: [] } }), undefined);
    assert.deepEqual(parsePanelUpdate({ type: 'busy', busy: true }), { type: 'busy', busy: true });
    assert.deepEqual(parsePanelUpdate({ type: 'addResults', results: [{ input: 'x', ok: 1, message: 2 }, 'junk'] }), {
      type: 'addResults',
      results: [{ input: 'x', ok: false, message: '2' }],
    });
    assert.equal(parsePanelUpdate({ type: 'eval', code: 'alert(1)' }), undefined);
  });
});

describe('members panel: view model', () => {
  const nameOf = (id: string) => ({ consumer: 'consumer-project' })[id];

  it('owner of a shared image: every member, counts, add and remove', () => {
    const state = buildMembersView({
      image: image('img', { visibility: 'shared', owner: 'me', name: '<b>golden</b>' }),
      viewpoint: { projectId: 'me' },
      members: [member('consumer', 'pending'), member('other', 'accepted')],
      cloud: 'prod',
      projectName: 'producer',
      nameOf,
    });
    assert.equal(state.role, 'owned');
    assert.equal(state.image.label, '<b>golden</b>', 'names stay raw text; the webview inserts them as text');
    assert.deepEqual(state.counts, { pending: 1, accepted: 1, rejected: 0 });
    assert.equal(state.members[0].projectName, 'consumer-project');
    assert.deepEqual(state.can, { addMembers: true, removeMembers: true, accept: false, reject: false, resetPending: false });
    assert.equal(state.needsMakeShared, false);
  });

  it('marks members no signed-in identity is in as unknown projects (Glance cannot check them)', () => {
    const state = buildMembersView({
      image: image('img', { visibility: 'shared', owner: 'me' }),
      viewpoint: { projectId: 'me' },
      members: [member('consumer', 'pending'), member('typo', 'pending')],
      cloud: 'prod',
      projectName: 'producer',
      nameOf,
      knownProjects: new Set(['me', 'consumer']),
    });
    assert.deepEqual(
      state.members.map((m) => [m.projectId, m.unknownProject === true]),
      [
        ['consumer', false],
        ['typo', true],
      ],
    );
  });

  it('owner of a private image: add makes it shared first, nothing to remove', () => {
    const state = buildMembersView({
      image: image('img', { visibility: 'private', owner: 'me' }),
      viewpoint: { projectId: 'me' },
      members: [],
      cloud: 'c',
      projectName: 'p',
      nameOf,
    });
    assert.equal(state.needsMakeShared, true);
    assert.equal(state.can.addMembers, true);
    assert.equal(state.can.removeMembers, false);
    assert.match(state.note ?? '', /private: it has no members/);
  });

  it('owner of a community image: no members, says why', () => {
    const state = buildMembersView({
      image: image('img', { visibility: 'community', owner: 'me' }),
      viewpoint: { projectId: 'me' },
      members: [],
      cloud: 'c',
      projectName: 'p',
      nameOf,
    });
    assert.equal(state.can.addMembers, false);
    assert.match(state.note ?? '', /only shared images have members/);
  });

  it('a member sees its own status and the answers it can give', () => {
    const state = buildMembersView({
      image: image('img', { visibility: 'shared', owner: 'them' }),
      viewpoint: { projectId: 'me', memberStatus: 'rejected' },
      members: [member('me', 'rejected')],
      cloud: 'c',
      projectName: 'p',
      nameOf,
    });
    assert.equal(state.role, 'incoming');
    assert.equal(state.myStatus, 'rejected');
    assert.deepEqual(state.can, { addMembers: false, removeMembers: false, accept: true, reject: false, resetPending: true });
  });

  for (const status of ['pending', 'accepted', 'rejected'] as const) {
    it(`a member at ${status}: the panel offers exactly the answers the tree's menu offers`, () => {
      const img = image('img', { visibility: 'shared', owner: 'them' });
      // The tree last listed it as pending; the member row just read says otherwise and wins.
      const state = buildMembersView({
        image: img,
        viewpoint: { projectId: 'me', memberStatus: 'pending' },
        members: [member('me', status)],
        cloud: 'c',
        projectName: 'p',
        nameOf,
      });
      const menu = new Set(allowedActions(img, { projectId: 'me', memberStatus: status }));
      assert.equal(state.myStatus, status);
      assert.deepEqual(state.can, {
        addMembers: false,
        removeMembers: false,
        accept: menu.has('accept'),
        reject: menu.has('reject'),
        resetPending: menu.has('resetPending'),
      });
      assert.equal([state.can.accept, state.can.reject, state.can.resetPending].filter(Boolean).length, 2, 'the two other statuses');
    });
  }

  it('sorts by any column with a stable tie-break, and filters by status', () => {
    const rows: MemberRow[] = [
      { projectId: 'b', status: 'accepted', created: '2', updated: '2' },
      { projectId: 'a', status: 'pending', created: '2', updated: '1' },
      { projectId: 'c', status: 'rejected', created: '1', updated: '3', projectName: 'zed' },
    ];
    assert.deepEqual(
      sortMemberRows(rows, 'status', false).map((r) => r.projectId),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      sortMemberRows(rows, 'created', false).map((r) => r.projectId),
      ['c', 'a', 'b'],
    );
    assert.deepEqual(
      sortMemberRows(rows, 'updated', true).map((r) => r.projectId),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      sortMemberRows(rows, 'projectName', false).map((r) => r.projectId),
      ['c', 'a', 'b'],
      'unnamed projects last',
    );
    assert.deepEqual(
      filterMemberRows(rows, 'pending').map((r) => r.projectId),
      ['a'],
    );
    assert.equal(filterMemberRows(rows, 'all').length, 3);
  });
});

describe('members panel: page and CSP (one builder for the extension and the webview tests)', () => {
  const input = {
    nonce: 'bm9uY2U=',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://x/members.js?a=1&b=2',
    styleUri: 'https://x/members.css',
    key: { scopeId: 's"><script>alert(1)</script>', imageId: 'img' },
  };

  it('allows the nonce\u2019d script only, and styles, fonts and images from the webview\u2019s resources only', () => {
    const csp = membersPageCsp(input.nonce, input.cspSource);
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-bm9uY2U='; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-bm9uY2U='; font-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net",
    );
    assert.doesNotMatch(csp, /unsafe-|\*/);
  });

  it('puts the policy, the nonce\u2019d bundle and the escaped key in the page, and nothing from Glance', () => {
    const html = membersPageHtml(input);
    assert.ok(html.includes(`content="${membersPageCsp(input.nonce, input.cspSource)}"`));
    assert.ok(html.includes('<script nonce="bm9uY2U=" src="https://x/members.js?a=1&amp;b=2"></script>'));
    assert.ok(html.includes('<link rel="stylesheet" href="https://x/members.css" nonce="bm9uY2U=">'));
    assert.equal(html.match(/<script/g)?.length, 1, 'the key cannot open a script element');
    const key = /data-key="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.deepEqual(
      JSON.parse(
        key
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
      ),
      input.key,
    );
  });
});
