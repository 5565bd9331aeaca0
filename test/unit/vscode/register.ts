// Loaded by test/unit/.mocharc.json before the suites: `import * as vscode from 'vscode'` in the
// code under test gets ./stub.ts (there is no vscode module outside an extension host).
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
const stub = require.resolve('./stub');

loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
