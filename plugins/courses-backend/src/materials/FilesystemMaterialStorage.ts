import { NotFoundError } from '@backstage/errors';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, MaterialStorage } from './MaterialStorage';

/**
 * Materials as files in one directory, named by their generated key. Uploads
 * are written to `<key>.partial` and renamed when complete.
 *
 * @public
 */
export class FilesystemMaterialStorage implements MaterialStorage {
  readonly directory: string;

  constructor(options: { directory: string }) {
    this.directory = path.resolve(options.directory);
  }

  #pathFor(key: string): string {
    assertValidKey(key);
    return path.join(this.directory, key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.#pathFor(key);
    const partial = `${target}.partial`;
    // The body may fail before the pipeline is attached (e.g. the byte limit
    // trips during mkdir): remember that error instead of leaving it unhandled.
    let streamError: unknown;
    const onError = (error: unknown) => {
      streamError ??= error;
    };
    body.on('error', onError);
    try {
      await fs.mkdir(this.directory, { recursive: true });
      if (streamError) throw streamError;
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      if (streamError) throw streamError;
      await fs.rename(partial, target);
    } catch (error) {
      await fs.rm(partial, { force: true });
      await fs.rm(target, { force: true });
      throw streamError ?? error;
    } finally {
      body.off('error', onError);
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.#pathFor(key);
    try {
      await fs.access(file);
    } catch {
      throw new NotFoundError('Material content not found');
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.#pathFor(key), { force: true });
  }
}
