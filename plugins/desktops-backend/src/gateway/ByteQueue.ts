/**
 * Reads exact byte counts from a stream of chunks; used during the RFB
 * handshakes, before the connection switches to plain relaying.
 */
export class ByteQueue {
  #chunks: Buffer[] = [];
  #length = 0;
  #waiter?: {
    n: number;
    resolve: (b: Buffer) => void;
    reject: (e: Error) => void;
  };
  #error?: Error;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    this.#serve();
  }

  /** Fails the pending and all later reads. */
  fail(error: Error): void {
    this.#error ??= error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#error);
  }

  read(n: number): Promise<Buffer> {
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
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  }
}
