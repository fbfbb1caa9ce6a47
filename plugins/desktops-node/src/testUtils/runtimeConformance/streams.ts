import { Readable } from 'node:stream';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A buffer as a stream of small chunks: an HTTP body of unknown length. */
export function chunked(data: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize)
    chunks.push(data.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}
