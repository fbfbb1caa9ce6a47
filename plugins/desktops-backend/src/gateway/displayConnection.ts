import net from 'node:net';
import { connectDisplaySocket } from '../runtime/connectDisplaySocket';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { vncAuthResponse } from '@internal/backstage-plugin-desktops-node';
import { ByteQueue } from './ByteQueue';
import { ReadBufferPool } from './ReadBufferPool';

export const RFB_VERSION_3_8 = Buffer.from('RFB 003.008\n', 'latin1');
const SECURITY_VNC_AUTH = 2;

/**
 * Receives every read of the display socket. `buffer` comes from `pool` and
 * holds `length` bytes; the reader owns it and gives it back to the pool
 * once nothing refers to it any more (at once if it copied the bytes).
 */
export type DisplayReader = (buffer: Buffer, length: number) => void;

/** A display socket that reads into pooled buffers instead of 'data' events. */
export interface DisplaySocket {
  readonly socket: net.Socket;
  setReader(reader: DisplayReader): void;
}

export class DisplayHandshakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisplayHandshakeError';
  }
}

/**
 * Opens the display's RFB socket (refusing links and foreign sockets, see
 * connectDisplaySocket) and authenticates to it as an RFB 3.8
 * client with VncAuth, the password only the gateway knows. Resolves with the
 * socket, paused, right after SecurityResult OK: the display then waits for
 * the ClientInit, which the gateway forwards from the browser.
 *
 * The socket never emits 'data': every read goes to the current reader.
 */
export async function openDisplay(
  endpoint: DisplayEndpoint,
  options: { timeoutMs: number; pool: ReadBufferPool },
): Promise<DisplaySocket> {
  const { pool } = options;
  const queue = new ByteQueue();
  let reader: DisplayReader = (buffer, length) => {
    queue.push(Buffer.from(buffer.subarray(0, length)));
    pool.give(buffer);
  };
  // Node calls `buffer` after each callback for the next read's buffer.
  const onread = {
    buffer: () => pool.take(),
    callback: (length: number, buffer: Uint8Array) => {
      reader(buffer as Buffer, length);
      return true;
    },
  };
  const socket = await connectAcceptingBacklog(
    endpoint,
    onread,
    Date.now() + options.timeoutMs,
  );
  socket.setNoDelay(true);
  const onError = (error: Error) => queue.fail(error);
  const onClose = () =>
    queue.fail(
      new DisplayHandshakeError(
        'The display closed the connection during the handshake',
      ),
    );
  socket.on('error', onError);
  socket.on('close', onClose);
  const timer = setTimeout(
    () =>
      queue.fail(
        new DisplayHandshakeError(
          'The display did not complete the RFB handshake in time',
        ),
      ),
    options.timeoutMs,
  );
  try {
    await authenticate(socket, queue, endpoint.vncPassword);
    const rest = queue.takeRest();
    if (rest.length > 0) {
      // RFB servers speak only after ClientInit; anything else is a bug.
      throw new DisplayHandshakeError(
        'The display sent data before ClientInit',
      );
    }
    // Held until the relay attaches its reader, so nothing can be lost.
    socket.pause();
    return {
      socket,
      setReader(next) {
        reader = next;
      },
    };
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
    socket.off('error', onError);
    socket.off('close', onClose);
  }
}

/**
 * Xvnc listens with a short backlog, and a non-blocking connect to a full
 * unix socket backlog fails at once with EAGAIN instead of waiting: 30
 * viewers opening together (a classroom grid) lost about two thirds of their
 * connects. Those are retried, briefly and with jitter, until the deadline.
 */
async function connectAcceptingBacklog(
  endpoint: DisplayEndpoint,
  onread: net.OnReadOpts,
  deadline: number,
): Promise<net.Socket> {
  for (let attempt = 1; ; attempt++) {
    const socket = await connectDisplaySocket(endpoint, { onread });
    const failure = await new Promise<NodeJS.ErrnoException | undefined>(
      resolve => {
        socket.once('connect', () => resolve(undefined));
        socket.once('error', resolve);
      },
    );
    if (!failure) return socket;
    socket.destroy();
    if (failure.code !== 'EAGAIN' || Date.now() >= deadline) throw failure;
    const backoffMs = Math.min(attempt, 10) * 10 * (0.5 + Math.random());
    await new Promise(resolve => setTimeout(resolve, backoffMs));
  }
}

async function authenticate(
  socket: net.Socket,
  queue: ByteQueue,
  password: string,
) {
  const version = (await queue.read(12)).toString('latin1');
  const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
  if (
    !match ||
    Number(match[1]) < 3 ||
    (Number(match[1]) === 3 && Number(match[2]) < 8)
  ) {
    throw new DisplayHandshakeError(
      `The display speaks an unsupported RFB version ${JSON.stringify(
        version,
      )}`,
    );
  }
  socket.write(RFB_VERSION_3_8);

  const count = (await queue.read(1))[0];
  if (count === 0) {
    throw new DisplayHandshakeError(
      `The display refused the connection: ${await readReason(queue)}`,
    );
  }
  const types = [...(await queue.read(count))];
  if (!types.includes(SECURITY_VNC_AUTH)) {
    throw new DisplayHandshakeError(
      `The display does not offer VncAuth (offers ${types.join(', ')})`,
    );
  }
  socket.write(Buffer.from([SECURITY_VNC_AUTH]));
  const challenge = await queue.read(16);
  socket.write(vncAuthResponse(password, challenge));

  const result = (await queue.read(4)).readUInt32BE(0);
  if (result !== 0) {
    throw new DisplayHandshakeError(
      `The display refused the VNC password: ${await readReason(queue)}`,
    );
  }
}

async function readReason(queue: ByteQueue): Promise<string> {
  const length = (await queue.read(4)).readUInt32BE(0);
  return (await queue.read(Math.min(length, 1024))).toString('utf8');
}
