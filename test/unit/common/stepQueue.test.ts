import * as assert from 'node:assert/strict';
import { StepQueue } from '../../../src/common/stepQueue';

/** Hold the thread for `ms` (longer than a turn's budget, so the queue must yield after the step). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('step queue', () => {
  it('runs the steps in order, none before the caller\u2019s turn ends, and idle resolves after the last', async () => {
    const queue = new StepQueue();
    const ran: number[] = [];
    for (let i = 1; i <= 5; i++) queue.push(() => ran.push(i));
    assert.deepEqual(ran, [], 'nothing runs inside push');
    await queue.idle();
    assert.deepEqual(ran, [1, 2, 3, 4, 5]);
    await queue.idle(); // nothing queued: resolves at once
  });

  it('lets the event loop run between steps that use up a turn', async () => {
    const queue = new StepQueue();
    const order: string[] = [];
    queue.push(() => (busy(12), order.push('step 1')));
    queue.push(() => (busy(12), order.push('step 2')));
    setImmediate(() => order.push('other work'));
    await queue.idle();
    assert.deepEqual(order, ['step 1', 'other work', 'step 2']);
  });

  it('a step that throws does not stop the ones after it; idle rejects with its error', async () => {
    const queue = new StepQueue();
    const ran: string[] = [];
    queue.push(() => {
      throw new Error('slice failed');
    });
    queue.push(() => ran.push('after'));
    await assert.rejects(queue.idle(), /slice failed/);
    assert.deepEqual(ran, ['after']);
  });
});
