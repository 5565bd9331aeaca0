// Three bundles, built separately: the extension (Node, CommonJS, `vscode` external), the
// members panel's webview and the access overview's (browser, each one IIFE script plus its stylesheet).
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
  // Both named `members`: esbuild writes members.js and members.css, the names the panel links.
  entryPoints: [
    { in: 'media/members/main.ts', out: 'members' },
    { in: 'media/members/members.css', out: 'members' },
  ],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  outdir: 'dist/webview',
  minify: production,
  // Inline maps would need a looser CSP; the webview is small enough to debug unminified.
  sourcemap: false,
  metafile: true,
  logLevel: 'info',
};

// The access overview's webview: its own bundle and stylesheet, built like the members panel's.
const overview = {
  ...webview,
  entryPoints: [
    { in: 'media/overview/main.ts', out: 'overview' },
    { in: 'media/overview/overview.css', out: 'overview' },
  ],
};

// A production build must not ship a stale source map from a development build.
fs.rmSync('dist', { recursive: true, force: true });

const kib = (result) => (Object.values(result.metafile.outputs).reduce((sum, o) => sum + (o.bytes ?? 0), 0) / 1024).toFixed(1);

const withWebview = fs.existsSync(webview.entryPoints[0].in);

/**
 * Watch mode's log, for the watch task's problem matcher (.vscode/tasks.json): "[watch] build
 * started" when either bundle starts rebuilding, "[watch] build finished" once both are done (so
 * F5 never launches with half a dist/), and each problem as `✘ [ERROR] text` directly followed by
 * `    file:line:column:`, which esbuild's own log separates with a blank line.
 */
function watchLog() {
  let building = 0;
  const print = (kind, { text, location }) => {
    console.error(`${kind} ${text}`);
    if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
  };
  return (bundle) => ({
    name: 'watch-log',
    setup(build) {
      build.onStart(() => {
        if (building++ === 0) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        result.errors.forEach((m) => print('✘ [ERROR]', m));
        result.warnings.forEach((m) => print('▲ [WARNING]', m));
        if (result.errors.length) console.error(`${bundle}: ${result.errors.length} error(s)`);
        if (--building === 0) console.log('[watch] build finished, watching for changes...');
      });
    },
  });
}

if (watch) {
  const log = watchLog();
  const bundles = { extension, ...(withWebview ? { webview, overview } : {}) };
  const contexts = await Promise.all(Object.entries(bundles).map(([name, options]) => esbuild.context({ ...options, logLevel: 'silent', plugins: [log(name)] })));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const built = await esbuild.build(extension);
  console.log(`extension bundle: ${kib(built)} KiB${production ? ' (minified)' : ''}`);
  if (withWebview) {
    const view = await esbuild.build(webview);
    console.log(`webview bundle: ${kib(view)} KiB${production ? ' (minified)' : ''}`);
    const table = await esbuild.build(overview);
    console.log(`overview bundle: ${kib(table)} KiB${production ? ' (minified)' : ''}`);
  }
}
