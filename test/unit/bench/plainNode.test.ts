// `npm run bench` runs in plain Node, where there is no `vscode` module; this layer registers a fake
// one (test/unit/vscode/register.ts), which would hide a bench module reaching src/ui code that
// imports it. So each module is loaded here in a child Node of its own, as the bench loads it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('the benchmark modules in plain Node', () => {
  it('each bench/lib module and bench/render.ts loads without VS Code (npm run bench would stop at the first import otherwise)', function () {
    this.timeout(60_000);
    // bench/exthost/main.ts runs inside the extension host, which has `vscode`; bench/run.ts starts a run when loaded.
    const plain = [
      ...fs
        .readdirSync(path.join(root, 'bench', 'lib'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `./bench/lib/${f}`),
      './bench/render.ts',
    ];
    assert.ok(plain.length >= 10, plain.join(' '));
    const script = `for (const m of ${JSON.stringify(plain)}) { try { require(m); } catch (e) { console.error(m + ': ' + e.message.split('\\n')[0]); process.exitCode = 1; } }`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
