// npm run test:electron: the same extension-host suites (out/exthost) in a desktop VS Code via
// @vscode/test-electron. Not part of npm test: this machine has no desktop VS Code and cannot
// download one. Set VSCODE_EXECUTABLE to a desktop VS Code binary to use it.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildExtension, buildExtHostTests, extHostTestsPath } from './buildExtHost';
import { repoRoot } from './codeServer';
import { stackCloudsFile } from './stackEnv';

const downloadVersion = '1.100.3'; // the same VS Code as the code-server layers

async function main(): Promise<number> {
  buildExtension();
  await buildExtHostTests();
  const executable = process.env.VSCODE_EXECUTABLE;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'glance-share-electron-'));
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace);
  const cloudsFile = stackCloudsFile();
  try {
    return await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: downloadVersion }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: extHostTestsPath,
      extensionTestsEnv: {
        ...(fs.existsSync(cloudsFile) ? { OS_CLIENT_CONFIG_FILE: cloudsFile } : {}),
        ...(executable ? {} : { GS_VSCODE_VERSION: downloadVersion }),
      },
      // A fresh profile each run, as the code-server layers have.
      launchArgs: [workspace, '--user-data-dir', path.join(temp, 'user-data'), '--extensions-dir', path.join(temp, 'extensions'), '--disable-extensions'],
    });
  } catch (error) {
    if (!executable) {
      console.error(
        `Could not download VS Code ${downloadVersion}: this machine cannot reach the VS Code download servers. ` +
          'Set VSCODE_EXECUTABLE to a desktop VS Code binary, or use "npm run test:exthost" (the same suites in code-server).',
      );
      console.error(`(${error instanceof Error ? error.message : String(error)})`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
