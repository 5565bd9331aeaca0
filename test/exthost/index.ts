// The extension-host test runner: VS Code requires this module (extensionTestsPath) inside the
// extension host and awaits run(), as @vscode/test-electron does. It runs every bundled
// *.test.js beside it with mocha, and ends with one machine-readable line of counts, because the
// extension host's only reliable way out to the Node-side driver is its console.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { enableSourceMaps, mapStack } from './sourceMappedStacks';

export const RESULTS_PREFIX = 'GS_RESULTS ';
/** Printed first, so the driver can tell the workbench's start-up log from the tests' output. */
export const START_MARKER = 'GS_EXTHOST_START';
const SHUTDOWN_SUITE = 'shutdown.test.js';

class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (_test, error: Error) => {
      if (typeof error?.stack === 'string') error.stack = mapStack(error.stack);
    });
    // Registered after Spec's own end handler, so the line comes after the summary.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      const counts = { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, skipped: stats?.pending ?? 0 };
      console.log(`${RESULTS_PREFIX}${JSON.stringify(counts)}`);
    });
  }
}

export function run(): Promise<void> {
  enableSourceMaps();
  console.log(START_MARKER);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: CountingSpec,
    timeout: 60_000,
    slow: 5_000,
    ...(process.env.GS_TEST_GREP ? { grep: process.env.GS_TEST_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    // Shutting the extension down ends it for every later suite: last.
    .sort((a, b) => Number(a === SHUTDOWN_SUITE) - Number(b === SHUTDOWN_SUITE));
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed.`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
