// The marketplace icon is drawn by scripts/icon.ts; the committed PNG must be what it draws now
// (run `npm run icon` after changing the drawing), 128×128 as the marketplaces ask.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ICON_SIZE, iconFile, renderIcon } from '../../../scripts/icon';

const root = path.resolve(__dirname, '..', '..', '..');

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG whose rows are unfiltered (what encodePng writes). */
function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.deepEqual([...body.subarray(8, 13)], [8, 6, 0, 0, 0], 'expected 8-bit RGBA, not interlaced');
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const rows = zlib.inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    assert.equal(rows[row], 0, `row ${y} uses a PNG filter`);
    rows.copy(pixels, y * width * 4, row + 1, row + 1 + width * 4);
  }
  return { width, height, pixels };
}

describe('the marketplace icon', () => {
  it('package.json names media/icon.png', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { icon?: string };
    assert.equal(manifest.icon && path.resolve(root, manifest.icon), iconFile);
  });

  it('is a 128×128 PNG with exactly the pixels scripts/icon.ts draws', () => {
    const { width, height, pixels } = decode(fs.readFileSync(iconFile));
    assert.deepEqual([width, height], [ICON_SIZE, ICON_SIZE]);
    assert.ok(pixels.equals(renderIcon()), 'media/icon.png differs from what scripts/icon.ts draws: run "npm run icon"');
  });

  it('has an opaque middle and transparent corners (a rounded tile, not a square)', () => {
    const { pixels } = decode(fs.readFileSync(iconFile));
    const alpha = (x: number, y: number) => pixels[(y * ICON_SIZE + x) * 4 + 3];
    assert.equal(alpha(64, 64), 255);
    assert.equal(alpha(0, 0), 0);
    assert.equal(alpha(127, 127), 0);
  });
});
