// Drives bench/exthost/main.ts inside the real extension host: the harness's own pieces
// (test/vscode: startCodeServer, launchChromium, workbenchUrl) with the bench's script as the
// extensionTestsPath and the production build as the development extension. The extension sees a
// clouds.yaml with only dave's cloud, so the heap figures are about the N images and nothing else
// (the tree-load run adds bob's, the consumer).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { parse, stringify } from 'yaml';
import { cloudsFile, deleteTaggedImages, repoRoot, stackIds, stackInfo } from '../../test/support/stack';
import { launchChromium, workbenchUrl } from '../../test/vscode/browser';
import { codeServerBin, startCodeServer } from '../../test/vscode/codeServer';
import type { ExtHostConfig, ExtHostResult } from '../exthost/main';

const START_MARKER = 'GS_BENCH_START';
const RESULT_PREFIX = 'GS_BENCH_RESULT ';
const ERROR_PREFIX = 'GS_BENCH_ERROR ';

export function extHostAvailable(): boolean {
  return fs.existsSync(codeServerBin) && fs.existsSync(process.env.GS_CHROMIUM ?? '/usr/bin/chromium');
}

export async function runExtHostBench(options: {
  extensionDir: string;
  n: number;
  tag: string;
  refreshes: number;
  profileFile?: string;
  /** The tree-load run: these clouds' scopes, on images the bench has loaded beforehand. */
  loadsOf?: ExtHostConfig['loadsOf'];
  timeoutMs?: number;
  verbose?: boolean;
}): Promise<ExtHostResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'glance-share-bench-exthost-'));
  try {
    const clouds = parse(fs.readFileSync(cloudsFile, 'utf8')) as { clouds: Record<string, unknown> };
    const benchClouds = path.join(scratch, 'clouds.yaml');
    const names = options.loadsOf?.map((s) => s.cloud) ?? ['dave'];
    fs.writeFileSync(benchClouds, stringify({ clouds: Object.fromEntries(names.map((name) => [name, clouds.clouds[name]])) }));
    const script = path.join(scratch, 'main.js');
    await esbuild.build({
      entryPoints: [path.join(repoRoot, 'bench', 'exthost', 'main.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    const ids = stackIds();
    const config: ExtHostConfig = {
      glanceDb: stackInfo().glanceDb,
      loader: path.join(repoRoot, 'test', 'stack', 'load_images.py'),
      owner: ids.projects.other,
      consumer: ids.projects.consumer,
      n: options.n,
      tag: options.tag,
      refreshes: options.refreshes,
      ...(options.profileFile ? { profileFile: options.profileFile } : {}),
      ...(options.loadsOf ? { loadsOf: options.loadsOf } : {}),
    };
    const server = await startCodeServer({ env: { OS_CLIENT_CONFIG_FILE: benchClouds, GS_BENCH_EXTHOST: JSON.stringify(config) } });
    const browser = await launchChromium();
    let result: ExtHostResult | undefined;
    let failure: string | undefined;
    try {
      const page = await browser.newPage();
      let onExit: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => (onExit = resolve));
      let started = false;
      await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
        const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
        if (text === START_MARKER) started = true;
        for (const line of text.split('\n')) {
          if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ExtHostResult;
          else if (line.startsWith(ERROR_PREFIX)) failure = text.slice(ERROR_PREFIX.length);
        }
        if (options.verbose && started) console.log(`  [exthost] ${text}`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
      await page.goto(workbenchUrl(server, { extensionDevelopmentPath: options.extensionDir, extensionTestsPath: script }));
      const timeoutMs = options.timeoutMs ?? 10 * 60_000;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    } finally {
      await browser.close();
      await server.stop();
      // The script deletes its images itself; this covers a crashed or timed-out extension host.
      // The tree-load run's images are the caller's, who measures bare paging on them next.
      if (options.n > 0 && !options.loadsOf) deleteTaggedImages(options.tag);
    }
    if (!result) throw new Error(`the extension-host bench gave no result${failure ? `: ${failure}` : ' (timed out or failed to load)'}`);
    return result;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
