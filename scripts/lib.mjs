// Helpers shared by the project's plain-Node scripts (test, demo). No dependencies: they run
// before `npm ci` has.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return { status: result.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** Runs one titled step, says how it went and how long it took; true when it succeeded. */
export function step(title, command, args, options) {
  console.log(`\n=== ${title}`);
  const { status, seconds } = run(command, args, options);
  console.log(`=== ${title}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${seconds} s`);
  return status === 0;
}

export function npmInstallNeeded() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(marker)) return true;
  return fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs;
}
