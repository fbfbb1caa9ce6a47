/** What a ByteQueue with back-pressure pauses and resumes: its socket. */
export type Flow = { pause(): void; resume(): void };

export type ByteQueueOptions = {
  /**
   * Pauses `flow` while more than `highWater` bytes wait unread, so a peer
   * that sends faster than the reader reads (or sends what it was never
   * asked for) cannot grow the backend's memory: the kernel's socket buffer
   * pushes back on it. A read is then at most `highWater` bytes, so a
   * paused socket never deadlocks it.
   */
  backPressure?: { flow: Flow; highWater: number };
  /**
   * Once failed, every read fails at once and later bytes are dropped. By
   * default what is already buffered is still served (a handshake reads
   * what arrived before the peer hung up); a long-lived reader that was
   * closed must stop instead.
   */
  failFast?: boolean;
};

/**
 * Reads exact byte counts from a stream of chunks: the gateway's RFB
 * handshakes, before the connection switches to plain relaying, and the
 * thumbnail reader's whole session.
 */
export class ByteQueue {
  #chunks: Buffer[] = [];
  #length = 0;
  #paused = false;
  #waiter?: {
    n: number;
    resolve: (b: Buffer) => void;
    reject: (e: Error) => void;
  };
  #error?: Error;

  constructor(private readonly options: ByteQueueOptions = {}) {}

  push(chunk: Buffer): void {
    if (this.#error && this.options.failFast) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    const backPressure = this.options.backPressure;
    if (backPressure && this.#length > backPressure.highWater) {
      if (!this.#paused) {
        this.#paused = true;
        backPressure.flow.pause();
      }
    }
    this.#serve();
  }

  /** Fails the pending and all later reads. */
  fail(error: Error): void {
    this.#error ??= error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#error);
  }

  /** Exactly `n` bytes. */
  read(n: number): Promise<Buffer> {
    const highWater = this.options.backPressure?.highWater;
    if (highWater !== undefined && n > highWater) {
      return Promise.reject(
        new Error(`ByteQueue reads at most ${highWater} bytes at once`),
      );
    }
    if (this.#error && this.options.failFast) {
      return Promise.reject(this.#error);
    }
    if (this.#waiter) {
      return Promise.reject(
        new Error('ByteQueue supports one reader at a time'),
      );
    }
    if (this.#length >= n) {
      return Promise.resolve(this.#take(n));
    }
    if (this.#error) {
      return Promise.reject(this.#error);
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { n, resolve, reject };
    });
  }

  /** Reads and drops `n` bytes, in pieces a read allows. */
  async skip(n: number): Promise<void> {
    const piece = this.options.backPressure?.highWater ?? n;
    for (let left = n; left > 0; left -= Math.min(left, piece)) {
      await this.read(Math.min(left, piece));
    }
  }

  /** Everything buffered and not yet read. */
  takeRest(): Buffer {
    return this.#take(this.#length);
  }

  #serve() {
    const waiter = this.#waiter;
    if (waiter && this.#length >= waiter.n) {
      this.#waiter = undefined;
      waiter.resolve(this.#take(waiter.n));
    }
  }

  #take(n: number): Buffer {
    // Joins only the chunks needed, so small reads stay cheap when a lot is
    // buffered.
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
    const backPressure = this.options.backPressure;
    if (
      this.#paused &&
      backPressure &&
      this.#length <= backPressure.highWater
    ) {
      this.#paused = false;
      backPressure.flow.resume();
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  }
}
