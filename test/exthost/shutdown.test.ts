// Deactivation: disposing the extension's state closes every connection. It ends the extension
// for the rest of the run, so index.ts runs this file last.
import * as assert from 'node:assert/strict';
import type { ScopeConnection } from '../../src/openstack';
import { api, settledScopes } from './stack';

describe('shutdown: disposing the extension closes every connection', () => {
  it('every connected scope\u2019s connection is disposed and refuses requests', async () => {
    const { ctx } = await api();
    const connections = (await settledScopes()).flatMap((s): ScopeConnection[] => (s.state.kind === 'connected' ? [s.state.connection] : []));
    assert.ok(connections.length > 0, 'some scopes are connected');
    // What VS Code does on deactivation: the context's subscriptions are disposed, Ctx among them.
    ctx.dispose();
    assert.equal(ctx.connections.scopes.length, 0);
    for (const connection of connections) {
      assert.equal(connection.isDisposed, true, `${connection.cloud.name} is disposed`);
      await assert.rejects(connection.session.listProjects(), (error: unknown) => (error as { code?: unknown }).code === 'ERR_TRANSPORT_CLOSED');
    }
  });
});
