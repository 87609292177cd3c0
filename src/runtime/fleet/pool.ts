/**
 * Runs `work` over `items` with at most `concurrency` in flight, keeping result order.
 * Per-miner serialisation is the transport's job; this only bounds fan-out and reports progress.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onDone?: (done: number, total: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
      done++;
      onDone?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
