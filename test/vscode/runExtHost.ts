// The exthost layer's driver (run with tsx): builds the extension and the suites, starts
// code-server, opens the workbench with the repo as a development extension and out/exthost as
// its tests, relays the extension host's console to stdout, and records the counts.
//
//   npx tsx test/vscode/runExtHost.ts        GS_TEST_GREP=pattern filters tests,
//                                            GS_VERBOSE=1 also prints the workbench's start-up log
import * as fs from 'node:fs';
import { format } from 'node:util';
import { launchChromium, workbenchUrl } from './browser';
import { buildExtension, buildExtHostTests, extHostTestsPath } from './buildExtHost';
import { codeServerVscodeVersion, repoRoot, startCodeServer } from './codeServer';
import { stackCloudsFile } from './stackEnv';
import { RESULTS_PREFIX, START_MARKER } from '../exthost/index';

const timeoutMs = Number(process.env.GS_EXTHOST_TIMEOUT_MS ?? 15 * 60_000);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function main(): Promise<number> {
  const started = Date.now();
  buildExtension();
  await buildExtHostTests();

  const cloudsFile = stackCloudsFile();
  const env: Record<string, string> = { GS_TEST_GREP: process.env.GS_TEST_GREP ?? '', GS_VSCODE_VERSION: codeServerVscodeVersion() };
  if (fs.existsSync(cloudsFile)) {
    env.OS_CLIENT_CONFIG_FILE = cloudsFile;
  } else {
    console.warn(`note: ${cloudsFile} is missing (npm run stack:up); suites that need the local stack will fail.`);
  }
  const server = await startCodeServer({ env });
  console.log(`code-server ${server.origin} (pid ${server.pid}) up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let counts: Counts | undefined;
  let exitCode: number;
  let printStartupLogIfNoTests: () => void;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let onExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (onExit = resolve));
    // The workbench's own log arrives through the same function. It is noise once the tests
    // run, but the only clue when they never start: kept until the runner's start marker.
    const startupLog: string[] = [];
    let testsStarted = false;
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
      // The extension host forwards console calls as printf-style argument lists (mocha uses %s, %d).
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      if (text === START_MARKER) {
        testsStarted = true;
        return;
      }
      for (const line of text.split('\n')) {
        if (line.startsWith(RESULTS_PREFIX)) {
          counts = JSON.parse(line.slice(RESULTS_PREFIX.length)) as Counts;
        }
      }
      if (testsStarted || process.env.GS_VERBOSE) console.log(text);
      else startupLog.push(text);
    });
    printStartupLogIfNoTests = () => {
      if (!testsStarted && !process.env.GS_VERBOSE) console.log(`Workbench log (the tests never started):\n${startupLog.join('\n')}`);
    };
    await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
    await page.goto(workbenchUrl(server, { extensionDevelopmentPath: repoRoot, extensionTestsPath: extHostTestsPath }));
    const timedOut = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`The extension-host tests did not finish within ${timeoutMs / 1000} s.`);
        resolve(1);
      }, timeoutMs).unref(),
    );
    exitCode = await Promise.race([exited, timedOut]);
  } finally {
    await browser.close();
    await server.stop();
  }

  if (!counts) {
    printStartupLogIfNoTests();
    console.error(`The extension host ended (exit ${exitCode}) without a ${RESULTS_PREFIX.trim()} line: the runner or a suite failed to load.`);
    return exitCode || 1;
  }
  const resultsFile = process.env.GS_TEST_RESULTS;
  if (resultsFile) {
    fs.appendFileSync(resultsFile, JSON.stringify({ layer: process.env.GS_TEST_LAYER ?? 'exthost', ...counts }) + '\n');
  }
  console.log(`exthost: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return counts.failed > 0 ? 1 : exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
