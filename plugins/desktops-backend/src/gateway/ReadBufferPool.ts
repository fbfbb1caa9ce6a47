/**
 * Reusable read buffers for a display socket (net `onread`).
 *
 * Without it every socket read is a fresh 64 KiB external ArrayBuffer: at
 * hundreds of MiB/s the external memory growth makes V8 run a full
 * mark-compact several times a second, which in a large backend heap costs
 * more than the relay itself. A buffer handed out here is owned by whoever
 * took it until it is given back (after the WebSocket send completed).
 */
export class ReadBufferPool {
  readonly bufferSize: number;
  readonly #maxFree: number;
  readonly #free: Buffer[] = [];

  constructor(bufferSize: number, maxFree: number) {
    this.bufferSize = bufferSize;
    this.#maxFree = maxFree;
  }

  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(this.bufferSize);
  }

  give(buffer: Buffer): void {
    if (this.#free.length < this.#maxFree) this.#free.push(buffer);
  }
}
