// Where activation's time goes: a V8 CPU profile taken in the extension host around
// extension.activate() (a separate run: the profiler slows it), self time summed by origin, for
// the whole call and for the subtree of the extension's own activate(). Positions in the minified
// bundle are mapped back to their modules with the source map of a byte-identical build
// (bundle.ts analyzeBundle).
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import { originOf } from './bundle';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  /** Wall time covered by the profile (extension.activate() awaited). */
  readonly totalMs: number;
  /** Self time (ms) by origin: "bundle: <package or src folder>", "VS Code extension host", "Node.js internals", ... */
  readonly selfMsByOrigin: Record<string, number>;
  /** The extension's activate() (found through the source map): inclusive time and its self time by origin. */
  readonly activate?: { readonly inclusiveMs: number; readonly selfMsByOrigin: Record<string, number> };
}

export function summarizeProfile(profileFile: string, mapFile: string | undefined): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const map = mapFile && fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  const origin = new Map<number, string>();
  for (const node of profile.nodes) {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let where: string;
    if (!url) where = functionName.startsWith('(') ? functionName : '(native)';
    else if (url.endsWith('/dist/extension.js')) {
      const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string } | undefined;
      where = entry?.originalSource
        ? `bundle: ${originOf(entry.originalSource)}`
        : lineNumber === 0 && columnNumber === 0
          ? 'bundle: top level (module evaluation)'
          : 'bundle (unmapped)';
    } else if (url.startsWith('node:') || !url.includes('/')) where = 'Node.js internals';
    else if (/vscode|code-server/.test(url)) where = 'VS Code extension host';
    else where = 'other';
    origin.set(node.id, where);
  }
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i: the next delta is the time spent in sample i.
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const byOrigin = (ids: Iterable<number>) => {
    const out: Record<string, number> = {};
    for (const id of ids) {
      const ms = self.get(id) ?? 0;
      if (ms > 0) out[origin.get(id) ?? 'other'] = (out[origin.get(id) ?? 'other'] ?? 0) + ms;
    }
    return out;
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const subtree = (id: number): number[] => {
    const ids: number[] = [];
    const stack = [id];
    while (stack.length) {
      const next = stack.pop()!;
      ids.push(next);
      stack.push(...(nodes.get(next)?.children ?? []));
    }
    return ids;
  };
  const sum = (ids: number[]) => ids.reduce((s, id) => s + (self.get(id) ?? 0), 0);
  // src/extension.ts holds only activate() and deactivate(): its heaviest function node is activate().
  let activate: ProfileSummary['activate'];
  let best = -1;
  for (const node of profile.nodes) {
    if (origin.get(node.id) !== 'bundle: src/extension.ts') continue;
    const ids = subtree(node.id);
    const inclusive = sum(ids);
    if (inclusive > best) {
      best = inclusive;
      activate = { inclusiveMs: inclusive, selfMsByOrigin: byOrigin(ids) };
    }
  }
  return { totalMs: (profile.endTime - profile.startTime) / 1000, selfMsByOrigin: byOrigin(self.keys()), activate };
}
