import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
    const share = lines.find((l) => l.label === 'Share it with a project');
    assert.match(share?.command ?? '', /openstack image set --shared i && openstack image add project i "\$PROJECT_ID"$/);
    assert.ok(!lines.some((l) => l.command.includes('--accept')));
  });

  // bash is the reference for "valid shell as pasted": each line runs with a stand-in `openstack`.
  const runInBash = (line: string, projectId?: string) =>
    spawnSync('bash', ['-c', `openstack() { echo "ran: $*"; }\n${line}`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...(projectId ? { PROJECT_ID: projectId } : {}) },
    });

  it('every copied line is valid shell; one that needs a project runs nothing until PROJECT_ID is set', function () {
    this.timeout(120_000); // a few bash processes; slow only on a loaded machine
    const owned = cliCommands(image('i', { visibility: 'private' }), { projectId: 'me' });
    const shared = cliCommands(image('i', { visibility: 'shared' }), { projectId: 'me' });
    for (const line of [...owned, ...shared]) {
      assert.equal(spawnSync('bash', ['-n', '-c', line.command]).status, 0, `bash -n: ${line.command}`);
      const needsProject = line.command.includes('PROJECT_ID');
      const unset = runInBash(line.command);
      if (needsProject) {
        assert.notEqual(unset.status, 0, line.command);
        assert.equal(unset.stdout, '', `nothing may run before PROJECT_ID is set: ${line.command}`);
        assert.match(unset.stderr, /set PROJECT_ID to the ID of the other project first/);
        const set = runInBash(line.command, '0123456789abcdef0123456789abcdef');
        assert.equal(set.status, 0);
        assert.match(set.stdout, /ran: image (add|remove) project i 0123456789abcdef0123456789abcdef/);
      } else {
        assert.equal(unset.status, 0, line.command);
      }
    }
  });

  it('a notice carries no raw control characters: a right-to-left override is written out', () => {
    const text = shareNotice(image('img-1', { name: 'golden\u202Egnp.exe' }), { id: 'p1', name: 'prod\u200Bucer' }, 'c1');
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    assert.doesNotMatch(text, /[\u0000-\u0009\u000B-\u001F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
    assert.match(text, /"golden\[U\+202E\]gnp\.exe"/);
    assert.match(text, /Owner project: prod\[U\+200B\]ucer \(p1\)/);
  });

  it('a pending member gets accept and reject, not add project', () => {
    const lines = cliCommands(image('i', { visibility: 'shared', owner: 'them' }), { projectId: 'me', memberStatus: 'pending' });
    assert.deepEqual(
      lines.map((l) => l.command),
      ['openstack image show i', 'openstack image set --accept i', 'openstack image set --reject i'],
    );
  });

  it('quotes shell arguments only when needed', () => {
    assert.equal(shellQuote('abc-123'), 'abc-123');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
