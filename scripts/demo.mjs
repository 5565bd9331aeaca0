#!/usr/bin/env node
// npm run demo: from a fresh clone, installs what is missing (Debian packages of Keystone, Glance,
// Chromium; npm packages; code-server), starts the local stack with sample images, and serves the
// packaged extension in code-server with the stack's clouds. Ctrl-C stops what it started.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { npmInstallNeeded, root, step } from './lib.mjs';

const fail = (what) => {
  console.error(`\nThe demo could not start: ${what} failed (see above).`);
  process.exit(1);
};

if (!step('system packages (Keystone, Glance, openstack CLI)', 'bash', ['test/stack/install.sh'])) fail('installing the OpenStack packages');
if (npmInstallNeeded() && !step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci');
if (!step('code-server and Chromium', 'bash', ['test/vscode/install.sh'])) fail('installing code-server');
if (!step('package the extension', 'npm', ['run', '--silent', 'package'])) fail('packaging');

const stackJson = path.join(process.env.STACK_DIR ?? path.join(root, '.stack'), 'stack.json');
const pidsBefore = fs.existsSync(stackJson) ? JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids) : '';
if (!step('local Keystone + Glance', 'bash', ['test/stack/up.sh'])) fail('starting the local stack');
const startedHere = JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids) !== pidsBefore;

const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/demo/run.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GS_DEMO_VSIX: path.join(root, `${name}-${version}.vsix`) },
});
// Ctrl-C reaches the child too (same process group); wait for it to stop code-server first.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code) => {
  if (startedHere) {
    step('stop the local stack', 'bash', ['test/stack/down.sh']);
  } else {
    console.log('The local stack was already running before the demo: it stays up (npm run stack:down stops it).');
  }
  process.exit(code ?? 1);
});
