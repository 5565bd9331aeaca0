// (e) Bundle sizes: the project's own `node esbuild.mjs --production`, run in a scratch folder
// that links src/, media/ and build/, so the shared dist/ (which other test runs load) is never
// deleted or replaced. The same folder is the extension the extension-host bench loads.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { repoRoot } from '../../test/support/stack';

export interface FileSize {
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleResult {
  /** A folder with package.json, media/ and the production dist/: an extension development path. */
  readonly extensionDir: string;
  readonly extension: FileSize;
  /** dist/webview/members.js; undefined when the webview does not exist. */
  readonly webview?: FileSize;
  readonly webviewCss?: FileSize;
  /** What esbuild.mjs printed. */
  readonly output: string;
  readonly buildMs: number;
}

function sizeOf(file: string): FileSize | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = fs.readFileSync(file);
  return { bytes: data.length, gzipBytes: zlib.gzipSync(data, { level: 9 }).length };
}

export function productionBuild(): BundleResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glance-share-bench-ext-'));
  for (const link of ['src', 'media', 'build', 'node_modules']) {
    if (fs.existsSync(path.join(repoRoot, link))) fs.symlinkSync(path.join(repoRoot, link), path.join(dir, link));
  }
  // The manifest's texts are %key% references into package.nls.json: without it VS Code shows the keys.
  for (const file of ['package.json', 'package.nls.json']) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  if (fs.existsSync(path.join(repoRoot, 'l10n'))) fs.symlinkSync(path.join(repoRoot, 'l10n'), path.join(dir, 'l10n'));
  const started = performance.now();
  const output = execFileSync(process.execPath, [path.join(repoRoot, 'esbuild.mjs'), '--production'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const buildMs = performance.now() - started;
  const extension = sizeOf(path.join(dir, 'dist', 'extension.js'));
  if (!extension) throw new Error(`esbuild.mjs --production wrote no dist/extension.js in ${dir}:\n${output}`);
  return {
    extensionDir: dir,
    extension,
    webview: sizeOf(path.join(dir, 'dist', 'webview', 'members.js')),
    webviewCss: sizeOf(path.join(dir, 'dist', 'webview', 'members.css')),
    output: output.trim(),
    buildMs,
  };
}

export interface BundleAnalysis {
  /** Whether the analysis build is byte-identical to esbuild.mjs's production dist/extension.js. */
  readonly identical: boolean;
  /** Minified bytes in dist/extension.js per package (node_modules/<pkg>) or source folder (src/ui, ...). */
  readonly byOrigin: Record<string, number>;
  /** Source map of the identical build, for mapping CPU-profile positions back to modules. */
  readonly mapFile: string;
}

/**
 * Rebuilds the extension with esbuild.mjs's production options plus a metafile and an external
 * source map, into <dir>/analysis/. Minified output does not depend on the map option, so when the
 * JS is byte-identical to dist/extension.js (checked), the map and the per-input byte counts
 * describe the shipped bundle exactly. If esbuild.mjs's options change, `identical` says so.
 */
export async function analyzeBundle(build: BundleResult): Promise<BundleAnalysis> {
  const outfile = path.join(build.extensionDir, 'analysis', 'extension.js');
  const result = await esbuild.build({
    absWorkingDir: build.extensionDir,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['vscode'],
    alias: { 'form-data': './build/form-data-shim.cjs' },
    minify: true,
    sourcemap: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const shipped = fs.readFileSync(path.join(build.extensionDir, 'dist', 'extension.js'));
  const identical = shipped.equals(fs.readFileSync(outfile));
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('analysis/extension.js'))?.[1];
  const byOrigin: Record<string, number> = {};
  for (const [input, info] of Object.entries(output?.inputs ?? {})) {
    const key = originOf(input);
    byOrigin[key] = (byOrigin[key] ?? 0) + info.bytesInOutput;
  }
  return { identical, byOrigin, mapFile: `${outfile}.map` };
}

/** node_modules/<pkg> (scoped too), or src/<folder>, or the path as is. */
export function originOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const src = /(?:^|\/)(src\/[^/]+)\//.exec(input);
  return src ? src[1]! : input.replace(/^.*?\/(src|build)\//, '$1/');
}

export function removeBuild(result: BundleResult): void {
  fs.rmSync(result.extensionDir, { recursive: true, force: true });
}
