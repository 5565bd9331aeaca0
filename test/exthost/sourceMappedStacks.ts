// The extension host installs its own Error.prepareStackTrace, so Node's source-map support
// never rewrites stacks there: failures would point into out/exthost bundles. Node still parses
// the inline maps (once enabled), so map the frames of a failed test back to test/**/*.ts here.
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Must run before the bundles are required: Node only keeps maps of modules loaded after it. */
export function enableSourceMaps(): void {
  process.setSourceMapsEnabled(true);
}

export function mapStack(stack: string): string {
  // Mocha shortens frames to cwd-relative paths before reporters see them.
  return stack.replace(/([^\s()]+\.js):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
    const absolute = file.startsWith('file://') ? fileURLToPath(file) : path.resolve(file);
    const entry = findSourceMap(absolute)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return frame;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
    return `${path.relative(process.cwd(), source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
