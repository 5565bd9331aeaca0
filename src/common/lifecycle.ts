// Ownership of things that must be released (event subscriptions, timers, sockets), for every
// layer: no vscode import here, a vscode.Disposable fits `Disposable` as it is. Modelled on
// vscode-pull-request-github's src/common/lifecycle.ts.

/** Anything that holds a resource until `dispose()` is called. */
export interface Disposable {
  dispose(): unknown;
}

export function toDisposable(release: () => unknown): Disposable {
  return { dispose: release };
}

/**
 * Disposes each, last registered first (a later one may use an earlier one), and empties the
 * array. One that throws does not stop the others: the first error is rethrown at the end.
 */
export function disposeAll(disposables: Disposable[]): void {
  const errors: unknown[] = [];
  for (let item = disposables.pop(); item; item = disposables.pop()) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
}

/**
 * A base for objects that own disposables: `_register` hands one over, `dispose()` releases all
 * of them once. Something registered after disposal is disposed at once, so a late subscription
 * never outlives its owner.
 */
export abstract class DisposableBase implements Disposable {
  private readonly owned: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned);
  }

  protected _register<T extends Disposable>(disposable: T): T {
    if (this.disposed) {
      disposable.dispose();
    } else {
      this.owned.push(disposable);
    }
    return disposable;
  }
}
