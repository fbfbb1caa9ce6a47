/** What RfbInput pauses and resumes: the display socket. */
export type Flow = { pause(): void; resume(): void };

/**
 * The display's bytes, read in exact amounts. The socket is paused while
 * more than `highWater` bytes wait unread, so a display that sends faster
 * than the reader decodes (or sends what it was never asked for) cannot
 * grow the backend's memory: the kernel's socket buffer pushes back on it.
 */
export class RfbInput {
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #paused = false;
  #waiter?: {
    n: number;
    resolve: (b: Buffer) => void;
    reject: (e: Error) => void;
  };
  #error?: Error;

  constructor(private readonly flow: Flow, readonly highWater = 1024 * 1024) {}

  push(chunk: Buffer): void {
    if (this.#error) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#length > this.highWater && !this.#paused) {
      this.#paused = true;
      this.flow.pause();
    }
    this.#serve();
  }

  /** Fails the pending read and every later one. */
  fail(error: Error): void {
    this.#error ??= error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#error);
  }

  /** Exactly `n` bytes (at most `highWater`, so a paused socket never deadlocks a read). */
  read(n: number): Promise<Buffer> {
    if (n > this.highWater) {
      return Promise.reject(
        new Error(`RfbInput reads at most ${this.highWater} bytes at once`),
      );
    }
    if (this.#error) return Promise.reject(this.#error);
    if (this.#waiter) {
      return Promise.reject(new Error('RfbInput supports one reader'));
    }
    if (this.#length >= n) return Promise.resolve(this.#take(n));
    return new Promise((resolve, reject) => {
      this.#waiter = { n, resolve, reject };
    });
  }

  /** Reads and drops `n` bytes, in pieces. */
  async skip(n: number): Promise<void> {
    for (let left = n; left > 0; ) {
      const piece = Math.min(left, this.highWater);
      await this.read(piece);
      left -= piece;
    }
  }

  #serve() {
    const waiter = this.#waiter;
    if (waiter && this.#length >= waiter.n) {
      this.#waiter = undefined;
      waiter.resolve(this.#take(waiter.n));
    }
  }

  #take(n: number): Buffer {
    const parts: Buffer[] = [];
    let taken = 0;
    while (taken < n) {
      const chunk = this.#chunks[0];
      const want = n - taken;
      if (chunk.length <= want) {
        parts.push(chunk);
        this.#chunks.shift();
        taken += chunk.length;
      } else {
        parts.push(chunk.subarray(0, want));
        this.#chunks[0] = chunk.subarray(want);
        taken += want;
      }
    }
    this.#length -= n;
    if (this.#paused && this.#length <= this.highWater) {
      this.#paused = false;
      this.flow.resume();
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  }
}
