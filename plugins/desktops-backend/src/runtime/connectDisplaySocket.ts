import { constants, promises as fs } from 'node:fs';
import net from 'node:net';
import type { DisplayAddress } from '@internal/backstage-plugin-desktops-node';

/** Linux's O_PATH (not in Node's fs.constants): an fd naming an inode, no I/O. */
const O_PATH = 0o10000000;

/** The display socket is not what Xvnc would have made; never connected to. */
export class UntrustedDisplaySocketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedDisplaySocketError';
  }
}

type OnRead = net.OnReadOpts;

/**
 * Connects to a desktop's display without following anything the desktop
 * planted. A unix socket lives in a folder the desktop writes, so its last
 * path component may be a link to another desktop's socket, or be swapped
 * for one between a check and the connect.
 *
 * Why this is enough: the path is opened once with O_PATH | O_NOFOLLOW, which
 * yields the directory entry itself (a link stays a link). Its type and owner
 * are checked on that fd, and the connect goes through /proc/self/fd/<fd>,
 * which names that very inode, so there is no window for a swap. The folders
 * above the socket are root-owned and outside the desktop's reach.
 */
export async function connectDisplaySocket(
  address: DisplayAddress,
  options: { onread?: OnRead } = {},
): Promise<net.Socket> {
  if (address.kind === 'tcp') {
    return net.connect({
      host: address.host,
      port: address.port,
      onread: options.onread,
    });
  }
  const handle = await fs.open(address.path, O_PATH | constants.O_NOFOLLOW);
  try {
    const stat = await handle.stat();
    if (stat.isSymbolicLink()) {
      throw new UntrustedDisplaySocketError(
        `Refusing the display socket ${address.path}: it is a symbolic link (planted by the desktop?)`,
      );
    }
    if (!stat.isSocket()) {
      throw new UntrustedDisplaySocketError(
        `Refusing the display socket ${address.path}: it is not a socket`,
      );
    }
    if (stat.uid !== address.ownerUid) {
      throw new UntrustedDisplaySocketError(
        `Refusing the display socket ${address.path}: owned by uid ${stat.uid}, not the display's uid ${address.ownerUid}`,
      );
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const socket = net.connect({
    path: `/proc/self/fd/${handle.fd}`,
    onread: options.onread,
  });
  // The kernel resolved the path during connect(); the fd has done its job.
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    void handle.close().catch(() => undefined);
  };
  socket.once('connect', release);
  socket.once('error', release);
  socket.once('close', release);
  return socket;
}
