// 2,500 images in one scope: the tree fills page by page without blocking the extension host.
// Figures are printed, not asserted (speed belongs to benchmarks).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, scopeNamed, stackDir, stackIds } from './stack';
import { waitFor } from './support';

function loader(args: string[]): void {
  const glanceDb = (JSON.parse(fs.readFileSync(path.join(stackDir(), 'stack.json'), 'utf8')) as { glanceDb: string }).glanceDb;
  const script = path.resolve(stackDir(), '..', 'test', 'stack', 'load_images.py');
  execFileSync('/usr/bin/python3', [script, '--db', glanceDb, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

describe('a scope with 2,500 images', function () {
  const ids = stackIds();
  const tag = `exthost-scale-${Date.now().toString(36)}`;

  before(() => {
    loader(['--owner', ids.projects.other, '--count', '1000', '--tag', tag, '--visibility', 'private', '--name-prefix', `${tag}-p`]);
    loader(['--owner', ids.projects.other, '--count', '1000', '--tag', tag, '--visibility', 'shared', '--member', `${ids.projects.consumer}:pending`, '--name-prefix', `${tag}-s`]);
    loader(['--owner', ids.projects.other, '--count', '500', '--tag', tag, '--visibility', 'community', '--name-prefix', `${tag}-c`]);
  });

  after(() => loader(['--delete-tag', tag]));

  it('loads page by page, paints before the walk ends, and keeps the extension host responsive', async () => {
    const { ctx } = await api();
    const dave = await scopeNamed('dave');
    // Measure this load alone, not the sign-in of every cloud at activation.
    await waitFor(() => ctx.connections.scopes.every((s) => !ctx.images.isLoading(s.id)), 'the first loads of every scope', 60_000);
    ctx.images.lastLoad.delete(dave.id);
    let maxLagMs = 0;
    let last = Date.now();
    const probe = setInterval(() => {
      const now = Date.now();
      maxLagMs = Math.max(maxLagMs, now - last - 10);
      last = now;
    }, 10);
    const started = Date.now();
    try {
      await vscode.commands.executeCommand('glanceShare.refresh', { kind: 'scope', scopeId: dave.id });
      await waitFor(() => ctx.images.lastLoad.has(dave.id) && !ctx.images.isLoading(dave.id), 'dave\u2019s 2,500 images', 60_000);
    } finally {
      clearInterval(probe);
    }
    const main = ctx.images.main(dave.id);
    assert.ok(main.kind === 'loaded');
    assert.ok(main.value.owned.private.length >= 1000 && main.value.owned.shared.length >= 1000 && main.value.owned.community.length >= 500);
    const figures = ctx.images.lastLoad.get(dave.id)!;
    assert.ok(figures.firstPaintMs !== undefined && figures.firstPaintMs <= figures.ms, 'something was painted before the load finished');
    // The tree renders the big groups from memory: no request per image.
    const groups = ctx.tree.getChildren({ kind: 'scope', scopeId: dave.id });
    const mine = ctx.tree.getChildren(groups[0]);
    const privateRows = ctx.tree.getChildren(mine[0]);
    assert.ok(privateRows.length >= 1000);
    console.log(
      `      2,500 images: ${figures.requests} requests, first groups painted after ${figures.firstPaintMs} ms, ` +
        `all loaded after ${figures.ms} ms (refresh to loaded ${Date.now() - started} ms), longest event-loop stall ${maxLagMs} ms`,
    );
  });
});
