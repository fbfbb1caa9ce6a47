import { promises as fs } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PortForward } from '@kubernetes/client-node';
import { VNC_PORT, podName } from '../workload/naming';

/**
 * Brings a desktop's display to a unix socket of this process, through the
 * API server's port-forward: nothing here ever dials a pod IP, and the
 * gateway keeps connecting to a socket as it does with Docker. Each
 * connection to the socket is one port-forward stream to the pod's
 * 127.0.0.1:5901 (the kubelet's runtime enters the pod's network namespace
 * and dials there).
 *
 * The sockets sit in a folder only this process's user may enter, and the
 * gateway checks each socket's owner before it connects, as it does for a
 * Docker display socket.
 *
 * No back-pressure crosses the port-forward WebSocket, which is acceptable
 * for RFB: the display only sends frames the viewer asked for.
 */
export class DisplayForwarder {
  private readonly servers = new Map<string, Promise<net.Server>>();

  constructor(
    private readonly options: {
      portForward: PortForward;
      namespace: string;
      socketDir: string;
      logger: LoggerService;
    },
  ) {}

  socketPath(desktopId: string): string {
    return join(this.options.socketDir, `${desktopId}.sock`);
  }

  /** Serves the desktop's socket (once) and returns its path. */
  async ensure(desktopId: string): Promise<string> {
    let server = this.servers.get(desktopId);
    if (!server) {
      server = this.listen(desktopId);
      this.servers.set(desktopId, server);
      server.catch(() => this.servers.delete(desktopId));
    }
    await server;
    return this.socketPath(desktopId);
  }

  /** Stops serving the desktop's socket; open streams end with the pod. */
  async close(desktopId: string): Promise<void> {
    const server = this.servers.get(desktopId);
    this.servers.delete(desktopId);
    if (!server) return;
    const listening = await server.catch(() => undefined);
    await new Promise<void>(resolve =>
      listening ? listening.close(() => resolve()) : resolve(),
    );
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map(id => this.close(id)));
  }

  private async listen(desktopId: string): Promise<net.Server> {
    await fs.mkdir(this.options.socketDir, { recursive: true, mode: 0o700 });
    await fs.chmod(this.options.socketDir, 0o700);
    const path = this.socketPath(desktopId);
    await fs.rm(path, { force: true });
    const server = net.createServer(socket => this.forward(desktopId, socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  private forward(desktopId: string, socket: net.Socket): void {
    // The pod answers on the error channel when nothing listens yet (the
    // display still starting): the caller sees its connection close and
    // retries, as it would on a refused unix socket.
    const errors = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        // Each channel opens with its port number, which leaves an empty
        // first write here: only bytes are an error.
        if (chunk.length === 0) {
          done();
          return;
        }
        this.options.logger.debug(
          `Port-forward to desktop ${desktopId}: ${String(chunk)}`,
        );
        socket.destroy();
        done();
      },
    });
    socket.on('error', () => undefined);
    this.options.portForward
      .portForward(
        this.options.namespace,
        podName(desktopId),
        [VNC_PORT],
        socket,
        errors,
        socket,
      )
      .then(opened => {
        const ws = typeof opened === 'function' ? opened() : opened;
        if (!ws) {
          socket.destroy();
          return;
        }
        ws.on('close', () => socket.end());
        ws.on('error', () => socket.destroy());
        socket.on('close', () => ws.close());
      })
      .catch(error => {
        this.options.logger.debug(
          `Port-forward to desktop ${desktopId} failed: ${error}`,
        );
        socket.destroy();
      });
  }
}
