/**
 * Runs async tasks one at a time per key, in submission order; tasks of
 * different keys run concurrently. A failing task does not stop the ones
 * queued after it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => task());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** True while a task of this key is running or queued. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
