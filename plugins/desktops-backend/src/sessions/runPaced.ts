/**
 * Runs `work` on each item with at most `concurrency` at once, in order.
 * No new item is begun once `keepGoing` says no (a tick out of time, a
 * backend shutting down); those begun are awaited. Work must not throw.
 */
export async function runPaced<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  keepGoing: () => boolean = () => true,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && keepGoing()) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}
