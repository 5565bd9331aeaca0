import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };

describe('the error row\u2019s menus (package.json)', () => {
  const onError = manifest.contributes.menus['view/item/context'].filter((e) => e.when === 'view == glanceShare.images && viewItem == error');

  it('Retry and Show Log are in its context menu (Shift+F10, the menu key, right-click), not only inline', () => {
    const inMenu = onError.filter((e) => e.group && e.group !== 'inline').map((e) => e.command);
    assert.deepEqual(inMenu.sort(), ['glanceShare.retry', 'glanceShare.showLog']);
  });

  it('and stay as inline buttons for the mouse', () => {
    assert.deepEqual(
      onError
        .filter((e) => e.group === 'inline')
        .map((e) => e.command)
        .sort(),
      ['glanceShare.retry', 'glanceShare.showLog'],
    );
  });
});
