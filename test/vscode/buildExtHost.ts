// Bundles the extension-host test runner and each suite into out/exthost/, the folder the
// workbench is told to load tests from. vscode comes from the extension host; mocha stays
// external so it is required from the repo's node_modules, next to out/.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './codeServer';

export const extHostOutDir = path.join(repoRoot, 'out', 'exthost');
export const extHostTestsPath = path.join(extHostOutDir, 'index.js');

/** The extension itself (dist/), with the project's own build script, as development mode loads it. */
export function buildExtension(): void {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function buildExtHostTests(): Promise<void> {
  const sourceDir = path.join(repoRoot, 'test', 'exthost');
  const suites = fs
    .readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(sourceDir, f));
  // A deleted suite must not keep running from a stale bundle.
  fs.rmSync(extHostOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'index.ts'), ...suites],
    outbase: sourceDir,
    outdir: extHostOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

// `npm run build:exthost`: both, for the "Extension Tests" launch configuration (.vscode/launch.json).
if (require.main === module) {
  buildExtension();
  buildExtHostTests().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
