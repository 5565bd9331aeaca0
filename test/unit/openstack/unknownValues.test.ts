// Records with values this client does not know (docs/glance-behaviour.md#unknown-values): a real
// Glance never sends them, so a local server does. One such record must never fail its page or
// the scope's load.
import * as assert from 'node:assert/strict';
import { GlanceClient, Transport, loadScopeImages, type TransportRequest } from '../../../src/openstack';
import { groupScopeImages, summariseMembers } from '../../../src/sharing';
import { LocalServer, memoryLogger, sendJson } from '../../support/localServer';

describe('glance client: values it does not know', () => {
  let server: LocalServer;
  let glance: GlanceClient;
  let transport: Transport;
  let lines: string[];

  before(async () => {
    server = new LocalServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/versions') return sendJson(res, 200, { versions: [{ id: 'v2.15', status: 'CURRENT' }] });
      if (url.pathname.endsWith('/members'))
        return sendJson(res, 200, {
          members: [
            { member_id: 'a', image_id: 'ok', status: 'accepted' },
            { member_id: 'b', image_id: 'ok', status: 'revoked' },
            { image_id: 'ok', status: 'pending' },
          ],
        });
      // The owned-and-pending listing: every own image, and a share waiting for this project.
      if (url.searchParams.get('member_status') === 'pending' && !url.searchParams.has('visibility') && !url.searchParams.has('os_hidden'))
        return sendJson(res, 200, {
          images: [
            { id: 'in', visibility: 42, owner: 'them', status: 'active' },
            { id: 'ok', visibility: 'private', owner: 'me', status: 'active' },
            { id: 'odd', visibility: 'secret', owner: 'me', status: 'active' },
            { id: 'frozen', visibility: 'shared', owner: 'me', status: 'frozen' },
            { name: 'no id', visibility: 'private', owner: 'me' },
            { id: 'odd2', visibility: 'secret', owner: 'me', status: 'active' },
          ],
        });
      sendJson(res, 200, { images: [] });
    });
    const base = await server.start();
    transport = new Transport({ logger: memoryLogger().logger });
    const log = memoryLogger();
    lines = log.lines;
    glance = new GlanceClient({ request: (r: TransportRequest) => transport.send(r) }, base, log.logger);
  });
  after(async () => {
    transport.dispose();
    await server.stop();
  });

  it('keeps the page: unknown visibility under Other with its raw value, unknown status as sent, a record without ID left out', async () => {
    const loaded = await loadScopeImages(glance, 'me', { hidden: (await glance.capabilities()).hidden });
    assert.deepEqual(loaded.owned.map((i) => i.id).sort(), ['frozen', 'odd', 'odd2', 'ok']);
    const groups = groupScopeImages(loaded);
    assert.deepEqual(
      groups.owned.other.map((i) => [i.id, i.rawVisibility]),
      [
        ['odd', 'secret'],
        ['odd2', 'secret'],
      ],
    );
    assert.equal(groups.owned.shared.find((i) => i.id === 'frozen')?.status, 'frozen');
    // An incoming share whose visibility is not even a string: still shown, its value written out.
    assert.deepEqual(
      loaded.incoming.pending.map((i) => [i.id, i.visibility, i.rawVisibility]),
      [['in', 'other', '42']],
    );
  });

  it('logs each unknown value once, and the record it left out', () => {
    assert.equal(lines.filter((l) => l.includes('the visibility "secret"')).length, 1, lines.join('\n'));
    assert.ok(lines.some((l) => /^warn .*the status "frozen" \(image frozen\)/.test(l)));
    assert.ok(lines.some((l) => /^warn .*cannot read, left out: .*without id/.test(l)));
  });

  it('keeps a member with an unknown status, as "other" with its raw value', async () => {
    const members = await glance.listMembers('ok');
    assert.deepEqual(
      members.map((m) => [m.member_id, m.status, m.rawStatus]),
      [
        ['a', 'accepted', undefined],
        ['b', 'other', 'revoked'],
      ],
    );
    assert.equal(summariseMembers(members), '1 accepted · 1 with another status');
    assert.ok(lines.some((l) => /the member status "revoked"/.test(l)));
  });
});
