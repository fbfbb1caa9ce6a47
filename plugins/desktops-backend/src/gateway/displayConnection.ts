import net from 'node:net';
import { DisplayEndpoint } from '../runtime/DesktopRuntime';
import { vncAuthResponse } from '../vnc/vncAuth';
import { ByteQueue } from './ByteQueue';

export const RFB_VERSION_3_8 = Buffer.from('RFB 003.008\n', 'latin1');
const SECURITY_VNC_AUTH = 2;

export class DisplayHandshakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisplayHandshakeError';
  }
}

/**
 * Opens the display's RFB socket and authenticates to it as an RFB 3.8
 * client with VncAuth, the password only the gateway knows. Resolves with the
 * socket, paused, right after SecurityResult OK: the display then waits for
 * the ClientInit, which the gateway forwards from the browser.
 */
export async function openDisplay(
  endpoint: DisplayEndpoint,
  options: { timeoutMs: number },
): Promise<net.Socket> {
  const socket =
    endpoint.kind === 'unix'
      ? net.connect({ path: endpoint.path })
      : net.connect({ host: endpoint.host, port: endpoint.port });
  socket.setNoDelay(true);
  const queue = new ByteQueue();
  const onData = (chunk: Buffer) => queue.push(chunk);
  const onError = (error: Error) => queue.fail(error);
  const onClose = () =>
    queue.fail(new DisplayHandshakeError('The display closed the connection during the handshake'));
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('close', onClose);
  const timer = setTimeout(
    () => queue.fail(new DisplayHandshakeError('The display did not complete the RFB handshake in time')),
    options.timeoutMs,
  );
  try {
    await authenticate(socket, queue, endpoint.vncPassword);
    const rest = queue.takeRest();
    if (rest.length > 0) {
      // RFB servers speak only after ClientInit; anything else is a bug.
      throw new DisplayHandshakeError('The display sent data before ClientInit');
    }
    // Held until the relay attaches its reader, so nothing can be lost.
    socket.pause();
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('close', onClose);
  }
}

async function authenticate(socket: net.Socket, queue: ByteQueue, password: string) {
  const version = (await queue.read(12)).toString('latin1');
  const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
  if (!match || Number(match[1]) < 3 || (Number(match[1]) === 3 && Number(match[2]) < 8)) {
    throw new DisplayHandshakeError(`The display speaks an unsupported RFB version ${JSON.stringify(version)}`);
  }
  socket.write(RFB_VERSION_3_8);

  const count = (await queue.read(1))[0];
  if (count === 0) {
    throw new DisplayHandshakeError(`The display refused the connection: ${await readReason(queue)}`);
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
    throw new DisplayHandshakeError(`The display refused the VNC password: ${await readReason(queue)}`);
  }
}

async function readReason(queue: ByteQueue): Promise<string> {
  const length = (await queue.read(4)).readUInt32BE(0);
  return (await queue.read(Math.min(length, 1024))).toString('utf8');
}
