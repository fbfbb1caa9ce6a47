import {
  CreateBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ByteLimitTransform } from './ByteLimitTransform';
import { FilesystemMaterialStorage } from './FilesystemMaterialStorage';
import { MaterialStorage } from './MaterialStorage';
import { S3MaterialStorage } from './S3MaterialStorage';

// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

jest.setTimeout(60_000);

function limited(chunks: Buffer[], maxBytes: number) {
  const limiter = new ByteLimitTransform(maxBytes);
  Readable.from(chunks).pipe(limiter);
  return limiter;
}

async function exerciseStorage(
  storage: MaterialStorage,
  listKeys: () => Promise<string[]>,
) {
  await storage.put(
    'key-1',
    Readable.from([Buffer.from('hello '), Buffer.from('world')]),
    'text/plain',
  );
  expect(await text(await storage.get('key-1'))).toBe('hello world');
  expect(await listKeys()).toEqual(['key-1']);

  // a stream that fails midway leaves nothing behind
  const tooBig = limited([Buffer.alloc(1000, 1), Buffer.alloc(1000, 2)], 1500);
  await expect(
    storage.put('key-2', tooBig, 'application/octet-stream'),
  ).rejects.toMatchObject({
    name: 'PayloadTooLargeError',
  });
  expect(tooBig.exceeded).toBe(true);
  expect(await listKeys()).toEqual(['key-1']);

  // generated keys only
  await expect(
    storage.put('../escape', Readable.from([Buffer.from('x')]), 'text/plain'),
  ).rejects.toThrow('Invalid material storage key');

  await storage.delete('key-1');
  await storage.delete('key-1'); // no error when absent
  expect(await listKeys()).toEqual([]);
  await expect(storage.get('key-1')).rejects.toMatchObject({
    name: 'NotFoundError',
  });
}

describe('FilesystemMaterialStorage', () => {
  it('stores, streams, deletes and cleans up partial files', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'materials-fs-'));
    try {
      const storage = new FilesystemMaterialStorage({ directory: dir });
      await exerciseStorage(storage, async () =>
        (await fs.readdir(dir)).sort(),
      );
      expect(await fs.readdir(dir)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('S3MaterialStorage against s3rver', () => {
  let server: any;
  let dir: string;
  let endpoint: string;
  const bucket = 'labstage-materials';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'materials-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
    });
    const { address, port } = await server.run();
    endpoint = `http://${address}:${port}`;
    const admin = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
    });
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    admin.destroy();
  });

  afterAll(async () => {
    await server?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stores, streams, deletes and cleans up failed uploads', async () => {
    const storage = new S3MaterialStorage({
      bucket,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'materials/',
      ...credentials,
    });
    const lister = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
    });
    const listKeys = async () => {
      const result = await lister.send(
        new ListObjectsV2Command({ Bucket: bucket }),
      );
      return (result.Contents ?? [])
        .map(o => o.Key!.replace(/^materials\//, ''))
        .sort();
    };
    try {
      await exerciseStorage(storage, listKeys);

      // larger than one multipart part (5 MiB): streamed in parts
      const size = 6 * 1024 * 1024 + 123;
      await storage.put(
        'big',
        Readable.from([Buffer.alloc(size, 7)]),
        'application/octet-stream',
      );
      let received = 0;
      for await (const chunk of await storage.get('big'))
        received += chunk.length;
      expect(received).toBe(size);
      await storage.delete('big');
      expect(await listKeys()).toEqual([]);
    } finally {
      storage.destroy();
      lister.destroy();
    }
  });
});
