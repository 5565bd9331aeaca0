// Work split into steps that run in order, a few per turn of the event loop, so that no turn of
// the extension host runs long: a page of 1,000 images regrouped at once took 23 ms of a 50,000
// image scope's turn (bench note 2026-12-02-tree-loads), on top of parsing the page.

/** How long one turn may run steps before it lets the event loop go on. */
const TURN_BUDGET_MS = 8;

export class StepQueue {
  private readonly steps: Array<() => void> = [];
  private scheduled = false;
  private failure: { readonly error: unknown } | undefined;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

  /** Run `step` after every step pushed before it, in a later turn. */
  push(step: () => void): void {
    this.steps.push(step);
    this.schedule();
  }

  /** Resolves when every step pushed so far has run; rejects with the first step that threw. */
  idle(): Promise<void> {
    if (this.steps.length === 0 && !this.scheduled) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runTurn());
  }

  private runTurn(): void {
    this.scheduled = false;
    const deadline = performance.now() + TURN_BUDGET_MS;
    while (this.steps.length > 0 && performance.now() < deadline) {
      const step = this.steps.shift()!;
      try {
        step();
      } catch (error) {
        // The steps after it still run (each is its own piece of work); `idle` reports the first error.
        this.failure ??= { error };
      }
    }
    if (this.steps.length > 0) {
      this.schedule();
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (this.failure) waiter.reject(this.failure.error);
      else waiter.resolve();
    }
  }
}
