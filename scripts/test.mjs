#!/usr/bin/env node
// The test command (npm test): installs what is missing, type-checks, lints, checks the formatting,
// builds, then runs each test layer and ends with one line of totals over all of them:
// "N passed, N failed, N skipped". A lint or format problem counts as one failure (its own row)
// but does not stop the layers from running; a type error or a failed build does.
//
//   node scripts/test.mjs                 unit, webview, differential, integration, reliability, exthost, e2e
//   node scripts/test.mjs unit            only the named layers
//
// webview runs the members panel's webview bundle in plain Chromium (no VS Code, no stack).
// differential compares the clouds.yaml loader with the openstack CLI on test/differential/fixtures
// (no stack; it re-checks reference.json against /usr/bin/python3's openstacksdk when installed).
// exthost runs test/exthost/ inside a real VS Code extension host (code-server 1.100.3, driven
// through Chromium); e2e drives the packaged .vsix in the real workbench. Both use the local
// Keystone + Glance, which stays up from integration through e2e.
//
// It uses nothing but Node until `npm ci` has run, so it works from a fresh clone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { npmInstallNeeded, root, step } from './lib.mjs';

const ALL_LAYERS = ['unit', 'webview', 'differential', 'integration', 'reliability', 'exthost', 'e2e'];
const STACK_LAYERS = ['integration', 'reliability', 'exthost', 'e2e'];
const VSCODE_LAYERS = ['exthost', 'e2e'];
const layers = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = layers.length ? layers : ALL_LAYERS;
for (const layer of selected) {
  if (!ALL_LAYERS.includes(layer)) {
    console.error(`Unknown test layer "${layer}". Layers: ${ALL_LAYERS.join(', ')}.`);
    process.exit(2);
  }
}

const results = [];
const resultsFile = path.join(os.tmpdir(), `glance-share-results-${process.pid}.jsonl`);
fs.rmSync(resultsFile, { force: true });

// Every layer's runner appends {layer,passed,failed,skipped} to $GS_TEST_RESULTS: mocha through
// test/support/countingReporter.js, exthost through its driver (test/vscode/runExtHost.ts).
function runLayer(layer, args, extraEnv = {}) {
  const ok = step(`${layer} tests`, process.execPath, args, {
    env: { ...process.env, ...extraEnv, GS_TEST_LAYER: layer, GS_TEST_RESULTS: resultsFile },
  });
  const lines = fs.existsSync(resultsFile)
    ? fs
        .readFileSync(resultsFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const mine = lines.filter((l) => l.layer === layer).pop();
  if (mine) {
    results.push(mine);
  } else {
    // The layer crashed before its runner reported: count it as one failure, never as zero tests.
    results.push({ layer, passed: 0, failed: 1, skipped: 0 });
  }
  return ok;
}

function mochaLayer(layer) {
  return runLayer(layer, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', `test/${layer}/.mocharc.json`]);
}

let ok = true;
const stackLayers = selected.filter((l) => STACK_LAYERS.includes(l));
const needsStack = stackLayers.length > 0;
const needsVscode = selected.some((l) => VSCODE_LAYERS.includes(l));

if (needsStack) {
  ok = step('system packages (Keystone, Glance, openstack CLI)', 'bash', ['test/stack/install.sh']) && ok;
}
if (needsVscode) {
  ok = step('code-server and Chromium', 'bash', ['test/vscode/install.sh']) && ok;
}
if (npmInstallNeeded()) {
  ok = step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']) && ok;
}
if (ok) {
  ok = step('typecheck', 'npm', ['run', '--silent', 'typecheck']) && ok;
  // `npm run lint:fix` and `npm run format` fix most of what these two report.
  for (const [check, script] of [
    ['lint', 'lint'],
    ['format', 'format:check'],
  ]) {
    if (!step(check, 'npm', ['run', '--silent', script])) results.push({ layer: check, passed: 0, failed: 1, skipped: 0 });
  }
  ok = step('build', 'npm', ['run', '--silent', 'build']) && ok;
}

if (ok && selected.includes('unit')) {
  mochaLayer('unit');
}
if (ok && selected.includes('webview')) {
  mochaLayer('webview');
}
if (ok && selected.includes('differential')) {
  mochaLayer('differential');
}

if (ok && needsStack) {
  // STACK_DIR is resolved from the repo, as up.sh (started with cwd = repo) resolves it.
  const stackDir = process.env.STACK_DIR ? path.resolve(root, process.env.STACK_DIR) : path.join(root, '.stack');
  const stackJson = path.join(stackDir, 'stack.json');
  const pidsBefore = fs.existsSync(stackJson) ? JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids) : '';
  const up = step('local Keystone + Glance', 'bash', ['test/stack/up.sh']);
  if (!up) {
    for (const layer of stackLayers) results.push({ layer, passed: 0, failed: 1, skipped: 0 });
  } else {
    const pidsAfter = JSON.stringify(JSON.parse(fs.readFileSync(stackJson, 'utf8')).pids);
    const startedHere = pidsAfter !== pidsBefore;
    if (selected.includes('integration')) {
      mochaLayer('integration');
    }
    if (selected.includes('reliability')) {
      mochaLayer('reliability');
    }
    if (selected.includes('exthost')) {
      runLayer('exthost', ['--import', 'tsx', 'test/vscode/runExtHost.ts']);
    }
    if (selected.includes('e2e')) {
      // e2e tests the extension as users get it: the .vsix, installed into code-server.
      if (step('package the .vsix', 'npm', ['run', '--silent', 'package'])) {
        mochaLayer('e2e');
      } else {
        results.push({ layer: 'e2e', passed: 0, failed: 1, skipped: 0 });
      }
    }
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
