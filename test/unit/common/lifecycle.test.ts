import * as assert from 'node:assert/strict';
import { DisposableBase, disposeAll, toDisposable, type Disposable } from '../../../src/common/lifecycle';

class Owner extends DisposableBase {
  register<T extends Disposable>(disposable: T): T {
    return this._register(disposable);
  }
}

describe('lifecycle: who releases what, and when', () => {
  it('disposeAll releases the last registered first and empties the list', () => {
    const order: string[] = [];
    const list = ['a', 'b', 'c'].map((name) => toDisposable(() => order.push(name)));
    disposeAll(list);
    assert.deepEqual(order, ['c', 'b', 'a']);
    assert.equal(list.length, 0);
  });

  it('disposeAll still releases the others when one throws, then rethrows that error', () => {
    const released: string[] = [];
    const boom = new Error('boom');
    const list = [
      toDisposable(() => released.push('a')),
      toDisposable(() => {
        throw boom;
      }),
      toDisposable(() => released.push('c')),
    ];
    assert.throws(
      () => disposeAll(list),
      (error: unknown) => error === boom,
    );
    assert.deepEqual(released, ['c', 'a']);
  });

  it('disposeAll gathers several failures into one AggregateError', () => {
    const fail = (message: string) =>
      toDisposable(() => {
        throw new Error(message);
      });
    assert.throws(
      () => disposeAll([fail('one'), fail('two')]),
      (error: unknown) => error instanceof AggregateError && error.errors.length === 2,
    );
  });

  it('an owner disposes what it registered exactly once, however often it is disposed', () => {
    let released = 0;
    const owner = new Owner();
    owner.register(toDisposable(() => released++));
    assert.equal(owner.isDisposed, false);
    owner.dispose();
    owner.dispose();
    assert.equal(released, 1);
    assert.equal(owner.isDisposed, true);
  });

  it('something registered after its owner was disposed is disposed at once', () => {
    let released = false;
    const owner = new Owner();
    owner.dispose();
    const returned = owner.register(toDisposable(() => (released = true)));
    assert.equal(released, true);
    assert.equal(typeof returned.dispose, 'function', '_register hands back what it was given');
  });
});
