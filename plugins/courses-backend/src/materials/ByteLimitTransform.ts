import { Transform, TransformCallback } from 'node:stream';
import { PayloadTooLargeError } from '../service/errors';

/**
 * Passes bytes through, counting them; errors with PayloadTooLargeError as
 * soon as more than `maxBytes` have arrived.
 */
export class ByteLimitTransform extends Transform {
  readonly maxBytes: number;
  bytes = 0;
  exceeded = false;

  constructor(maxBytes: number) {
    super();
    this.maxBytes = maxBytes;
  }

  _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.exceeded = true;
      callback(tooLarge(this.maxBytes));
      return;
    }
    callback(null, chunk);
  }
}

export function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `Material is larger than the limit of ${maxBytes} bytes`,
  );
}
