import * as assert from 'node:assert/strict';
import { cliCommands, shareNotice, shellQuote } from '../../../src/sharing';
import { image } from '../../support/fixtures';

describe('share notice and CLI lines', () => {
  it('the share notice names the image, the owner and the accept command', () => {
    const text = shareNotice(image('img-1', { name: 'golden <ubuntu>' }), { id: 'p1', name: 'producer' }, 'c1');
    assert.match(text, /"golden <ubuntu>" has been shared with your project \(c1\)/);
    assert.match(text, /Image ID: +img-1/);
    assert.match(text, /Owner project: producer \(p1\)/);
    assert.match(text, /openstack image set --accept img-1/);
  });

  it('an owner of a private image gets the make-shared step before add project', () => {
    const lines = cliCommands(image('i', { visibility: 'private' }), { projectId: 'me' });
    assert.ok(lines.some((l) => l.command === 'openstack image set --shared i && openstack image add project i <project-id>'));
    assert.ok(!lines.some((l) => l.command.includes('--accept')));
  });

  it('a pending member gets accept and reject, not add project', () => {
    const lines = cliCommands(image('i', { visibility: 'shared', owner: 'them' }), { projectId: 'me', memberStatus: 'pending' });
    assert.deepEqual(lines.map((l) => l.command), ['openstack image show i', 'openstack image set --accept i', 'openstack image set --reject i']);
  });

  it('quotes shell arguments only when needed', () => {
    assert.equal(shellQuote('abc-123'), 'abc-123');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
