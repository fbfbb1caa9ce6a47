// A minimal RFB 3.8 client for the benchmarks: handshake (None or VncAuth),
// Raw framebuffer updates, and the few server messages Xvnc sends unasked.
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
// The file itself, not the package: Node's type stripping cannot load the
// package index (its imports have no extensions).
import { vncAuthResponse } from '../../plugins/desktops-node/src/vnc/vncAuth.ts';

/** A byte pipe to an RFB server: a unix socket or a WebSocket. */
export interface Transport {
  write(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  /** `code` is the WebSocket close code (none for a unix socket). */
  onClose(listener: (code?: number) => void): void;
  close(): void;
}

export function unixTransport(path: string): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(path);
    socket.setNoDelay(true);
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        write: data => socket.write(data),
        onData: listener => socket.on('data', listener),
        onClose: listener => socket.on('close', () => listener()),
        close: () => socket.destroy(),
      }),
    );
  });
}

export function webSocketTransport(url: string): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['binary'], { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)),
    );
    ws.once('open', () =>
      resolve({
        write: data => ws.send(data),
        onData: listener => ws.on('message', data => listener(data as Buffer)),
        onClose: listener => ws.on('close', code => listener(code)),
        close: () => ws.terminate(),
      }),
    );
  });
}

export type ServerInit = {
  width: number;
  height: number;
  bytesPerPixel: number;
  name: string;
};

export class RfbClient {
  readonly #transport: Transport;
  #buffered: Buffer[] = [];
  #bufferedBytes = 0;
  #waiter?: () => void;
  #closed = false;
  /** Framebuffer bytes received, for throughput figures. */
  bytesReceived = 0;
  init?: ServerInit;

  constructor(transport: Transport) {
    this.#transport = transport;
    transport.onData(data => {
      this.bytesReceived += data.length;
      this.#buffered.push(data);
      this.#bufferedBytes += data.length;
      this.#waiter?.();
    });
    transport.onClose(() => {
      this.#closed = true;
      this.#waiter?.();
    });
  }

  async #read(n: number): Promise<Buffer> {
    while (this.#bufferedBytes < n) {
      if (this.#closed)
        throw new Error(`connection closed while waiting for ${n} bytes`);
      await new Promise<void>(resolve => (this.#waiter = resolve));
      this.#waiter = undefined;
    }
    const all =
      this.#buffered.length === 1
        ? this.#buffered[0]
        : Buffer.concat(this.#buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#buffered = rest.length ? [rest] : [];
    this.#bufferedBytes = rest.length;
    return out;
  }

  /** Version, security (None, or VncAuth with `password`), ClientInit/ServerInit. */
  async handshake(password?: string): Promise<ServerInit> {
    const version = (await this.#read(12)).toString('latin1');
    if (!version.startsWith('RFB '))
      throw new Error(`not RFB: ${JSON.stringify(version)}`);
    this.#transport.write(Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await this.#read(1))[0];
    if (count === 0) throw new Error('server refused the connection');
    const types = [...(await this.#read(count))];
    if (types.includes(1)) {
      this.#transport.write(Buffer.from([1]));
    } else if (types.includes(2) && password) {
      this.#transport.write(Buffer.from([2]));
      const challenge = await this.#read(16);
      this.#transport.write(vncAuthResponse(password, challenge));
    } else {
      throw new Error(`no usable security type in ${types.join(',')}`);
    }
    if ((await this.#read(4)).readUInt32BE(0) !== 0)
      throw new Error('security handshake failed');
    this.#transport.write(Buffer.from([1])); // shared
    const head = await this.#read(24);
    const name = (await this.#read(head.readUInt32BE(20))).toString('utf8');
    this.init = {
      width: head.readUInt16BE(0),
      height: head.readUInt16BE(2),
      bytesPerPixel: head[4] / 8,
      name,
    };
    // Raw only, so byte counts are the framebuffer's and parsing stays simple.
    this.#transport.write(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));
    return this.init;
  }

  requestUpdate(incremental: boolean, x = 0, y = 0, w?: number, h?: number) {
    const msg = Buffer.alloc(10);
    msg[0] = 3;
    msg[1] = incremental ? 1 : 0;
    msg.writeUInt16BE(x, 2);
    msg.writeUInt16BE(y, 4);
    msg.writeUInt16BE(w ?? this.init!.width, 6);
    msg.writeUInt16BE(h ?? this.init!.height, 8);
    this.#transport.write(msg);
  }

  sendKey(keysym: number, down: boolean) {
    const msg = Buffer.alloc(8);
    msg[0] = 4;
    msg[1] = down ? 1 : 0;
    msg.writeUInt32BE(keysym, 4);
    this.#transport.write(msg);
  }

  /** Reads server messages until a FramebufferUpdate; returns its pixel bytes. */
  async readFramebufferUpdate(): Promise<Buffer[]> {
    for (;;) {
      const type = (await this.#read(1))[0];
      if (type === 0) {
        const rects = (await this.#read(3)).readUInt16BE(1);
        const pixels: Buffer[] = [];
        for (let i = 0; i < rects; i++) {
          const header = await this.#read(12);
          const w = header.readUInt16BE(4);
          const h = header.readUInt16BE(6);
          const encoding = header.readInt32BE(8);
          if (encoding !== 0)
            throw new Error(`unexpected encoding ${encoding}`);
          pixels.push(await this.#read(w * h * this.init!.bytesPerPixel));
        }
        return pixels;
      }
      if (type === 2) continue; // Bell
      if (type === 3) {
        const len = (await this.#read(7)).readUInt32BE(3);
        await this.#read(len);
        continue;
      }
      throw new Error(`unexpected server message ${type}`);
    }
  }

  close() {
    this.#transport.close();
  }
}

/** True if any pixel of a Raw (32 bpp) buffer is not black. */
export function hasNonBlackPixel(pixels: Buffer[]): boolean {
  return pixels.some(buf => {
    for (let i = 0; i + 3 < buf.length; i += 4) {
      if (buf[i] | buf[i + 1] | buf[i + 2]) return true;
    }
    return false;
  });
}
