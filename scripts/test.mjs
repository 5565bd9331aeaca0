#!/usr/bin/env node
// The test command (npm test): installs what is missing, type-checks, builds, then runs each
// test layer and ends with one line of totals over all of them: "N passed, N failed, N skipped".
//
//   node scripts/test.mjs                 unit + integration
//   node scripts/test.mjs unit            only the named layers
//
// It uses nothing but Node until `npm ci` has run, so it works from a fresh clone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL_LAYERS = ['unit', 'integration'];
const layers = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = layers.length ? layers : ALL_LAYERS;
for (const layer of selected) {
  if (!ALL_LAYERS.includes(layer)) {
    console.error(`Unknown test layer "${layer}". Layers: ${ALL_LAYERS.join(', ')}.`);
    process.exit(2);
  }
}

function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { status: result.status ?? 1, seconds };
}

function step(title, command, args, options) {
  console.log(`\n=== ${title}`);
  const { status, seconds } = run(command, args, options);
  console.log(`=== ${title}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${seconds} s`);
  return status === 0;
}

function npmInstallNeeded() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(marker)) return true;
  return fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs;
}

const results = [];
const resultsFile = path.join(os.tmpdir(), `glance-share-results-${process.pid}.jsonl`);
fs.rmSync(resultsFile, { force: true });

function mochaLayer(layer, extraEnv = {}) {
  const ok = step(`${layer} tests`, process.execPath, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', `test/${layer}/.mocharc.json`], {
    env: { ...process.env, ...extraEnv, GS_TEST_LAYER: layer, GS_TEST_RESULTS: resultsFile },
  });
  const lines = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const mine = lines.filter((l) => l.layer === layer).pop();
  if (mine) {
    results.push(mine);
  } else {
    // The layer crashed before mocha reported: count it as one failure, never as zero tests.
    results.push({ layer, passed: 0, failed: 1, skipped: 0 });
  }
  return ok;
}

let ok = true;
const needsStack = selected.includes('integration');

if (needsStack) {
  ok = step('system packages (Keystone, Glance, openstack CLI)', 'bash', ['test/stack/install.sh']) && ok;
}
if (npmInstallNeeded()) {
  ok = step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']) && ok;
}
if (ok) {
  ok = step('typecheck', 'npm', ['run', '--silent', 'typecheck']) && ok;
  ok = step('build', 'npm', ['run', '--silent', 'build']) && ok;
}

if (ok && selected.includes('unit')) {
  mochaLayer('unit');
}

if (ok && needsStack) {
  const stackJson = path.join(root, '.stack', 'stack.json');
  const pidsBefore = fs.existsSync(stackJson) ? JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids) : '';
  const up = step('local Keystone + Glance', 'bash', ['test/stack/up.sh']);
  if (!up) {
    results.push({ layer: 'integration', passed: 0, failed: 1, skipped: 0 });
  } else {
    const pidsAfter = JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids);
    const startedHere = pidsAfter !== pidsBefore;
    mochaLayer('integration');
    // A stack the developer already had running stays up; one started here is stopped here.
    if (startedHere || process.env.CI) {
      step('stop the local stack', 'bash', ['test/stack/down.sh']);
    }
  }
}

if (!ok) {
  results.push({ layer: 'setup', passed: 0, failed: 1, skipped: 0 });
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\nTest layers:');
for (const r of results) {
  console.log(`  ${r.layer.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
fs.rmSync(resultsFile, { force: true });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 && ok ? 0 : 1);
