// Two bundles, built separately: the extension (Node, CommonJS, `vscode` external) and the
// members panel's webview (browser, one IIFE script plus its stylesheet).
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

const webview = {
  entryPoints: { members: 'media/members/main.ts', 'members-style': 'media/members/members.css' },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  outdir: 'dist/webview',
  entryNames: '[name]',
  minify: production,
  // Inline maps would need a looser CSP; the webview is small enough to debug unminified.
  sourcemap: false,
  metafile: true,
  logLevel: 'info',
};

// A production build must not ship a stale source map from a development build.
fs.rmSync('dist', { recursive: true, force: true });

const kib = (result) => (Object.values(result.metafile.outputs).reduce((sum, o) => sum + (o.bytes ?? 0), 0) / 1024).toFixed(1);

if (watch) {
  await (await esbuild.context(extension)).watch();
  if (fs.existsSync(webview.entryPoints.members)) await (await esbuild.context(webview)).watch();
} else {
  const built = await esbuild.build(extension);
  console.log(`extension bundle: ${kib(built)} KiB${production ? ' (minified)' : ''}`);
  if (fs.existsSync(webview.entryPoints.members)) {
    const view = await esbuild.build(webview);
    // The stylesheet entry is emitted as members-style.css; the panel links members.css.
    fs.renameSync('dist/webview/members-style.css', 'dist/webview/members.css');
    fs.rmSync('dist/webview/members-style.js', { force: true });
    console.log(`webview bundle: ${kib(view)} KiB${production ? ' (minified)' : ''}`);
  }
}
