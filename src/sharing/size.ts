/**
 * An image's size as every view prints it (the tree's tooltip and the members panel): "512 bytes",
 * "1.5 GiB", "120 GiB"; null (no data uploaded yet) is "no data". Pure: the webview bundles it too.
 */

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatSize(size: number | null | undefined): string {
  if (size === null || size === undefined || !Number.isFinite(size) || size < 0) return 'no data';
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${size} ${size === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}
