/**
 * Run `task` over `items` with at most `limit` in flight, results in the items' order. A task that
 * throws does not stop the others: each result says whether it worked. `shouldStop` is asked before
 * each new task starts (a cancelled apply leaves the rest not started, and says so).
 */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown } | { readonly ok: 'notStarted' };

export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  shouldStop: () => boolean = () => false,
): Promise<Array<Settled<R>>> {
  const results: Array<Settled<R>> = items.map(() => ({ ok: 'notStarted' }));
  let next = 0;
  const worker = async () => {
    while (next < items.length && !shouldStop()) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await task(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
