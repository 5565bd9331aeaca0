import * as v8 from 'node:v8';

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

export const round = (value: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Garbage collection, if node runs with --expose-gc (npm run bench does). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** heapUsed without process.memoryUsage()'s RSS read: cheap enough to sample every few ms. */
export const heapUsed = (): number => v8.getHeapStatistics().used_heap_size;

/** Samples heapUsed every few ms (and whenever poke() is called) to find the peak. */
export class HeapSampler {
  readonly base = heapUsed();
  private peak = this.base;
  private readonly timer = setInterval(() => this.poke(), 5);

  poke(): void {
    const used = heapUsed();
    if (used > this.peak) this.peak = used;
  }

  /** Peak growth over the base, in bytes. */
  stop(): number {
    this.poke();
    clearInterval(this.timer);
    return this.peak - this.base;
  }
}
