import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NotFoundError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { assertValidKey, MaterialStorage } from './MaterialStorage';

/** @public */
export type S3MaterialStorageOptions = {
  bucket: string;
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prepended to every key, e.g. `materials/`. */
  prefix?: string;
};

/**
 * Materials as objects in an S3 (-compatible) bucket. Uploads stream through
 * `@aws-sdk/lib-storage`'s multipart `Upload`.
 *
 * @public
 */
export class S3MaterialStorage implements MaterialStorage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3MaterialStorageOptions) {
    const config: S3ClientConfig = {
      region: options.region || 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? false,
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.accessKeyId && options.secretAccessKey) {
      config.credentials = {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      };
    }
    this.#client = new S3Client(config);
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
  }

  #keyFor(key: string): string {
    assertValidKey(key);
    return `${this.#prefix}${key}`;
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    const Key = this.#keyFor(key);
    let streamError: unknown;
    const onError = (error: unknown) => {
      streamError ??= error;
    };
    body.on('error', onError);
    const upload = new Upload({
      client: this.#client,
      params: {
        Bucket: this.#bucket,
        Key,
        Body: body,
        ContentType: contentType,
      },
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      await upload.abort().catch(() => undefined);
      await this.delete(key).catch(() => undefined);
      throw streamError ?? error;
    } finally {
      body.off('error', onError);
    }
    if (streamError) {
      await this.delete(key).catch(() => undefined);
      throw streamError;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const result = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#keyFor(key) }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        (error as { name?: string }).name === 'NoSuchKey' ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode === 404
      ) {
        throw new NotFoundError('Material content not found');
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#keyFor(key) }),
    );
  }

  /** Releases the HTTP connections. */
  destroy(): void {
    this.#client.destroy();
  }
}
