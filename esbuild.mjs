// Bundles the extension (Node, CommonJS, vscode external). The webview bundle (browser)
// is added here when the members panel lands.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  alias: { 'form-data': './build/form-data-shim.cjs' },
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'info',
};

// A production build must not ship a stale source map from a development build.
fs.rmSync('dist', { recursive: true, force: true });

if (watch) {
  const ctx = await esbuild.context(extension);
  await ctx.watch();
} else {
  const result = await esbuild.build(extension);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + (o.bytes ?? 0), 0);
  console.log(`extension bundle: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
}
