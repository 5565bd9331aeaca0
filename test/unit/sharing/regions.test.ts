import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliCommands, cliPrefix, knownRegions, regionShown, scopeId, scopeName, shareNotice } from '../../../src/sharing';
import { image } from '../../support/fixtures';

describe('regions as part of a scope', () => {
  it('a scope names its region only when its cloud has more than one region known', () => {
    assert.equal(regionShown('RegionOne', ['RegionOne']), undefined);
    assert.equal(regionShown(undefined, []), undefined);
    assert.equal(regionShown('RegionTwo', knownRegions(['RegionOne'], ['RegionTwo'])), 'RegionTwo');
    assert.deepEqual(knownRegions(['A', 'B', ''], ['B', 'C']), ['A', 'B', 'C']);
  });

  it('a single-region scope keeps the ID it had before regions; a named region makes its own ID', () => {
    assert.equal(scopeId('file:/c.yaml:alice', 'p1', undefined), 'file:/c.yaml:alice|p1');
    assert.equal(scopeId('file:/c.yaml:alice', undefined, undefined), 'file:/c.yaml:alice|*');
    assert.notEqual(scopeId('k', 'p1', 'RegionOne'), scopeId('k', 'p1', 'RegionTwo'));
    assert.equal(scopeName('alice', 'producer', 'RegionTwo'), 'alice · RegionTwo · producer');
    assert.equal(scopeName('alice', 'producer', undefined), 'alice · producer');
    assert.equal(scopeName('alice', undefined, undefined), 'alice');
  });

  it('the share notice of a regional share says where the share is, and its commands pick that region', () => {
    const text = shareNotice(image('img-1'), { id: 'p1', name: 'producer' }, 'c1', 'RegionTwo');
    assert.match(text, /shared with your project \(c1\) in region RegionTwo only\./);
    assert.match(text, /Region: +RegionTwo/);
    assert.match(text, /openstack --os-region-name RegionTwo image set --accept img-1/);
    assert.doesNotMatch(shareNotice(image('img-1'), { id: 'p1' }, 'c1'), /region/i);
  });

  it('CLI lines of a clouds.yaml cloud start with --os-cloud and --os-region-name, every openstack call of the line', () => {
    const lines = cliCommands(image('i', { visibility: 'private' }), { projectId: 'me' }, { cloud: 'alice r2', source: 'file', region: 'RegionTwo' });
    assert.equal(lines[0].command, "openstack --os-cloud 'alice r2' --os-region-name RegionTwo image show i");
    const share = lines.find((l) => l.label === 'Share it with a project')?.command ?? '';
    assert.match(
      share,
      /&& openstack --os-cloud 'alice r2' --os-region-name RegionTwo image set --shared i && openstack --os-cloud 'alice r2' --os-region-name RegionTwo image add project i/,
    );
    assert.equal(spawnSync('bash', ['-n', '-c', share]).status, 0);
  });

  it('CLI lines of an OS_* cloud or a cloud added in VS Code say what the shell needs first', () => {
    const env = cliCommands(image('i'), { projectId: 'me' }, { cloud: 'envvars', source: 'env', region: 'RegionOne' });
    assert.match(env[0].command, /^# needs the openrc of "envvars" sourced in this shell.*\nopenstack --os-region-name RegionOne image show i$/);
    assert.equal(cliPrefix({ cloud: 'mine', source: 'user' }).options, 'openstack');
    assert.match(cliPrefix({ cloud: 'mine', source: 'user' }).comment ?? '', /needs it in a clouds\.yaml/);
    for (const line of env) assert.equal(spawnSync('bash', ['-n', '-c', line.command]).status, 0, line.command);
  });
});

describe('scope names shown as text', () => {
  it('a project name from Keystone cannot reorder the row or render as an icon', () => {
    const name = scopeName('prod', 'team\u202Eevil $(warning)', 'RegionOne');
    assert.equal(name, 'prod · RegionOne · team[U+202E]evil $\u200C(warning)');
    assert.doesNotMatch(name, /\$\([a-z-]+\)/);
  });
});
