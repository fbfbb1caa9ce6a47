import { Readable } from 'node:stream';

/**
 * Where material bytes live. Keys are generated ids (never user input).
 *
 * @public
 */
export interface MaterialStorage {
  /**
   * Stores the stream under the key. If the stream errors (e.g. the upload
   * is too large or aborted), rejects with that error and leaves nothing
   * behind under the key.
   */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  /** Streams the object; rejects with NotFoundError if it does not exist. */
  get(key: string): Promise<Readable>;
  /** Removes the object; no error if it does not exist. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Defence in depth: storage keys are generated, but check anyway. */
export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new Error(`Invalid material storage key`);
  }
}
