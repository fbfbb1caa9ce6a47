import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { DisplayAddress } from '../../runtime/DesktopRuntime';

/** What a display says before any password is given. */
export type DisplayGreeting = {
  /** The 12-byte ProtocolVersion, e.g. `RFB 003.008\n`. */
  version: string;
  /** Security types offered to an RFB 3.8 client (2 = VncAuth, 1 = None). */
  securityTypes: number[];
};

export async function connectPlainly(address: DisplayAddress): Promise<Duplex> {
  const socket =
    address.kind === 'unix'
      ? net.connect({ path: address.path })
      : net.connect({ host: address.host, port: address.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Reads exactly the bytes asked for from a stream, in order. */
function byteReader(stream: Duplex, timeoutMs: number) {
  let buffered = Buffer.alloc(0);
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  /** Resolves on the next chunk or failure, or after `ms`. */
  const nextChunk = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  stream.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  stream.on('error', fail);
  stream.on('close', () =>
    fail(new Error('the display closed the connection')),
  );
  const deadline = Date.now() + timeoutMs;
  return async (count: number): Promise<Buffer> => {
    while (buffered.length < count) {
      if (failure) throw failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer within ${timeoutMs} ms`);
      await nextChunk(left);
      wake = undefined;
    }
    const out = buffered.subarray(0, count);
    buffered = buffered.subarray(count);
    return out;
  };
}

async function greetOnce(
  address: DisplayAddress,
  connect: (address: DisplayAddress) => Promise<Duplex>,
  timeoutMs: number,
): Promise<DisplayGreeting> {
  const stream = await connect(address);
  try {
    const read = byteReader(stream, timeoutMs);
    const version = (await read(12)).toString('latin1');
    stream.write(Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await read(1))[0];
    const securityTypes = count === 0 ? [] : [...(await read(count))];
    return { version, securityTypes };
  } finally {
    stream.destroy();
  }
}

/**
 * Connects to a display and reads its greeting and security types, without
 * authenticating. Retries until `timeoutMs` while the display is still
 * coming up (no socket yet, refused, closed before greeting).
 */
export async function readDisplayGreeting(
  address: DisplayAddress,
  connect: (address: DisplayAddress) => Promise<Duplex>,
  timeoutMs: number,
): Promise<DisplayGreeting> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await greetOnce(address, connect, 5_000);
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `The display at ${JSON.stringify(
            address,
          )} did not greet within ${timeoutMs} ms: ${error}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}
