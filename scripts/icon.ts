// npm run icon: draws the marketplace icon, media/icon.png (128×128 RGBA), from the same shapes as
// the activity-bar icon (media/glance-share.svg: a picture, and three linked projects) in white on
// a blue rounded square. Plain arithmetic and zlib, no image tool: the same pixels on every
// machine. test/unit/docs/icon.test.ts decodes the committed PNG and compares it with these pixels.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const ICON_SIZE = 128;
export const iconFile = path.resolve(__dirname, '..', 'media', 'icon.png');

type Point = readonly [number, number];
type Shape = (x: number, y: number) => number;

const SAMPLES = 4; // 4×4 samples per pixel
const SCALE = 4.5; // the SVG's 24-unit view box, 108 px wide
const OFFSET = (ICON_SIZE - 24 * SCALE) / 2;
const STROKE = 1.5; // as in the SVG, in its units

function segment(a: Point, b: Point): Shape {
  return (x, y) => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
    const [ex, ey] = [x - a[0] - t * dx, y - a[1] - t * dy];
    return Math.sqrt(ex * ex + ey * ey);
  };
}

function polyline(points: readonly Point[]): Shape[] {
  return points.slice(1).map((p, i) => segment(points[i]!, p));
}

/** Distance to the outline of a circle. */
function ring(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.abs(Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) - r);
}

/** Signed distance to a rounded rectangle (negative inside). */
function roundedBox(x0: number, y0: number, w: number, h: number, r: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - (x0 + w / 2)) - (w / 2 - r);
    const qy = Math.abs(y - (y0 + h / 2)) - (h / 2 - r);
    const outside = Math.sqrt(Math.max(qx, 0) ** 2 + Math.max(qy, 0) ** 2);
    return outside + Math.min(Math.max(qx, qy), 0) - r;
  };
}

const picture = roundedBox(3, 4, 12, 10, 1.5);
const strokes: Shape[] = [
  (x, y) => Math.abs(picture(x, y)),
  ...polyline([
    [3, 12],
    [6.5, 8.5],
    [9.5, 11.5],
    [11.5, 9.5],
    [15, 13],
  ]),
  ring(17.5, 16.5, 2),
  ring(20, 21, 1.5),
  ring(14, 21, 1.5),
  segment([16.4, 18.2], [14.9, 19.8]),
  segment([18.6, 18.2], [19.6, 19.8]),
];
const tile = roundedBox(0, 0, ICON_SIZE, ICON_SIZE, 26);

/** The icon's pixels, RGBA, row by row. */
export function renderIcon(): Buffer {
  const pixels = Buffer.alloc(ICON_SIZE * ICON_SIZE * 4);
  for (let py = 0; py < ICON_SIZE; py++) {
    for (let px = 0; px < ICON_SIZE; px++) {
      let inTile = 0;
      let inStroke = 0;
      let inPicture = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          if (tile(x, y) > 0) continue;
          inTile++;
          const [ux, uy] = [(x - OFFSET) / SCALE, (y - OFFSET) / SCALE];
          if (strokes.some((d) => d(ux, uy) <= STROKE / 2)) inStroke++;
          else if (picture(ux, uy) < 0) inPicture++;
        }
      }
      const n = SAMPLES * SAMPLES;
      // Background: a vertical blue gradient; the picture's inside a lighter blue; strokes white.
      const t = py / (ICON_SIZE - 1);
      const bg = [0x2f + (0x1b - 0x2f) * t, 0x7d + (0x4f - 0x7d) * t, 0xd8 + (0xa8 - 0xd8) * t];
      const fill = [0x5b, 0x9c, 0xe8];
      const mix = (c: number) => {
        const tileSamples = inTile - inStroke - inPicture;
        return inTile === 0 ? 0 : (bg[c]! * tileSamples + fill[c]! * inPicture + 255 * inStroke) / inTile;
      };
      const at = (py * ICON_SIZE + px) * 4;
      pixels[at] = Math.round(mix(0));
      pixels[at + 1] = Math.round(mix(1));
      pixels[at + 2] = Math.round(mix(2));
      pixels[at + 3] = Math.round((255 * inTile) / n);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG of RGBA pixels, every row unfiltered. */
export function encodePng(pixels: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method choice, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (require.main === module) {
  fs.writeFileSync(iconFile, encodePng(renderIcon(), ICON_SIZE, ICON_SIZE));
  console.log(`wrote ${path.relative(process.cwd(), iconFile)} (${fs.statSync(iconFile).size} bytes)`);
}
