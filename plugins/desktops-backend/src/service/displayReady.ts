import { connectDisplaySocket } from '../runtime/connectDisplaySocket';
import { DisplayAddress } from '@internal/backstage-plugin-desktops-node';

const GREETING_BYTES = 12; // "RFB 003.008\n"
const RETRY_MS = 150;

/**
 * Connects once and resolves with the display's first 12 bytes; rejects if
 * the connection fails, closes early or stays silent for `timeoutMs`.
 */
async function readGreeting(
  address: DisplayAddress,
  timeoutMs: number,
): Promise<Buffer> {
  const socket = await connectDisplaySocket(address);
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      if (error) reject(error);
      else resolve(received.subarray(0, GREETING_BYTES));
    };
    timer = setTimeout(() => finish(new Error('no greeting')), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= GREETING_BYTES) finish();
    });
    socket.on('error', error => finish(error));
    socket.on('close', () => finish(new Error('closed before the greeting')));
  });
}

/**
 * Waits until the desktop's display server answers with an RFB protocol
 * greeting, i.e. until a viewer could connect. Until then the socket may not
 * exist yet or refuse connections, so this retries until `timeoutMs`.
 * Only the greeting is read; no authentication is attempted. The socket is
 * opened the way the gateway opens it (connectDisplaySocket), so a link the
 * desktop planted fails the probe too.
 */
export async function waitForRfbGreeting(
  address: DisplayAddress,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) {
      throw new Error('Stopped while waiting for the display');
    }
    try {
      const greeting = await readGreeting(
        address,
        Math.max(1, Math.min(5000, deadline - Date.now())),
      );
      if (greeting.toString('latin1').startsWith('RFB ')) return;
      throw new Error(
        `The display answered with something other than RFB (${JSON.stringify(
          greeting.toString('latin1'),
        )})`,
      );
    } catch (error) {
      if (String(error).includes('other than RFB')) throw error;
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, RETRY_MS));
  }
  throw new Error(
    `The desktop's display did not answer within ${Math.max(
      1,
      Math.round(options.timeoutMs / 1000),
    )} seconds`,
    { cause: lastError },
  );
}
