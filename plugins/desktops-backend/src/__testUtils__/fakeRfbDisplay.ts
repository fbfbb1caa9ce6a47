import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { ByteQueue } from '../gateway/ByteQueue';

/** A FramebufferUpdateRequest as the fake display received it. */
export type UpdateRequest = {
  incremental: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  at: number;
};

/** One client connection of a fake display, after the RFB handshake. */
export type FakeRfbSession = {
  socket: net.Socket;
  /** SetPixelFormat and SetEncodings the client sent, raw. */
  pixelFormat?: Buffer;
  encodings?: number[];
  send(data: Buffer): void;
  /**
   * Reads client messages up to the next FramebufferUpdateRequest (noting
   * pixel format and encodings on the way).
   */
  nextUpdateRequest(): Promise<UpdateRequest>;
  /** Resolves when the client has closed the connection. */
  closed: Promise<void>;
};

/** What the fake display does once a client has logged in. */
export type FakeDisplayScript = (session: FakeRfbSession) => Promise<void>;

export type FakeDisplayOptions = {
  width: number;
  height: number;
  /** Bytes of ServerInit after width and height; a bogus name length, say. */
  nameLength?: number;
  name?: string;
  /** Default: answers every update request with a full Raw frame in a new colour. */
  script?: FakeDisplayScript;
};

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function s32(n: number) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function rectHead(x: number, y: number, w: number, h: number, enc: number) {
  return Buffer.concat([u16(x), u16(y), u16(w), u16(h), s32(enc)]);
}

/** Server-to-client RFB messages, in the pixel format the thumbnail reader asks for. */
export const serverMessages = {
  /** A FramebufferUpdate carrying `rects` (each built below). */
  update(rects: Buffer[]): Buffer {
    return Buffer.concat([Buffer.from([0, 0]), u16(rects.length), ...rects]);
  },
  /** A Raw rectangle of one colour (R, G, B, pad per pixel). */
  raw(
    x: number,
    y: number,
    w: number,
    h: number,
    rgb: [number, number, number],
  ) {
    const pixels = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      pixels[i * 4] = rgb[0];
      pixels[i * 4 + 1] = rgb[1];
      pixels[i * 4 + 2] = rgb[2];
    }
    return Buffer.concat([rectHead(x, y, w, h, 0), pixels]);
  },
  /** A rectangle header alone: a hostile size or encoding. */
  header(x: number, y: number, w: number, h: number, encoding: number) {
    return rectHead(x, y, w, h, encoding);
  },
  copyRect(
    srcX: number,
    srcY: number,
    x: number,
    y: number,
    w: number,
    h: number,
  ) {
    return Buffer.concat([rectHead(x, y, w, h, 1), u16(srcX), u16(srcY)]);
  },
  desktopSize(w: number, h: number) {
    return rectHead(0, 0, w, h, -223);
  },
  bell(): Buffer {
    return Buffer.from([2]);
  },
  cutTextHeader(length: number): Buffer {
    return Buffer.concat([Buffer.from([3, 0, 0, 0]), s32(length)]);
  },
};

function session(socket: net.Socket, queue: ByteQueue): FakeRfbSession {
  const s: FakeRfbSession = {
    socket,
    send: data => {
      if (!socket.destroyed) socket.write(data);
    },
    closed: new Promise(resolve => socket.once('close', () => resolve())),
    async nextUpdateRequest() {
      for (;;) {
        const type = (await queue.read(1))[0];
        if (type === 0) {
          s.pixelFormat = await queue.read(19);
        } else if (type === 2) {
          const count = (await queue.read(3)).readUInt16BE(1);
          const list = await queue.read(4 * count);
          s.encodings = [...Array(count).keys()].map(i =>
            list.readInt32BE(4 * i),
          );
        } else if (type === 3) {
          const m = await queue.read(9);
          return {
            incremental: m[0] === 1,
            x: m.readUInt16BE(1),
            y: m.readUInt16BE(3),
            width: m.readUInt16BE(5),
            height: m.readUInt16BE(7),
            at: Date.now(),
          };
        } else {
          throw new Error(`The fake display got client message ${type}`);
        }
      }
    },
  };
  return s;
}

/** Answers every update request with a full Raw frame of a new colour. */
export const changingFrames =
  (width: number, height: number): FakeDisplayScript =>
  async s => {
    for (let n = 0; ; n++) {
      await s.nextUpdateRequest();
      s.send(
        serverMessages.update([
          serverMessages.raw(0, 0, width, height, [(n * 40) % 256, 100, 200]),
        ]),
      );
    }
  };

/**
 * A display on a unix socket that speaks the server side of RFB 3.8 with
 * VncAuth (any answer is accepted) and then runs `script`: a stand-in for
 * Xvnc in unit tests, and a display that misbehaves on purpose.
 */
export async function serveFakeRfbDisplay(
  socketPath: string,
  options: FakeDisplayOptions,
): Promise<{
  endpoint: DisplayEndpoint;
  /** Client connections open now (logged in or not). */
  openConnections(): number;
  /** Sessions that reached the script, in order. */
  sessions: FakeRfbSession[];
  close(): Promise<void>;
}> {
  fs.rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  const sessions: FakeRfbSession[] = [];
  const script =
    options.script ?? changingFrames(options.width, options.height);
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const queue = new ByteQueue();
    socket.on('data', (chunk: Buffer) => queue.push(chunk));
    socket.on('close', () => queue.fail(new Error('client gone')));
    const run = async () => {
      socket.write('RFB 003.008\n');
      await queue.read(12);
      socket.write(Buffer.from([1, 2]));
      await queue.read(1);
      socket.write(randomBytes(16));
      await queue.read(16);
      socket.write(Buffer.alloc(4));
      await queue.read(1);
      const name = Buffer.from(options.name ?? 'fake display');
      const init = Buffer.alloc(24);
      init.writeUInt16BE(options.width, 0);
      init.writeUInt16BE(options.height, 2);
      init.writeUInt32BE(options.nameLength ?? name.length, 20);
      socket.write(Buffer.concat([init, name]));
      const s = session(socket, queue);
      sessions.push(s);
      await script(s);
    };
    // The client hanging up ends the script's reads; that is its way out.
    run().catch(() => socket.destroy());
  });
  await new Promise<void>(resolve => server.listen(socketPath, resolve));
  return {
    endpoint: {
      kind: 'unix',
      path: socketPath,
      ownerUid: process.getuid?.() ?? 0,
      vncPassword: 'fakepass',
    },
    openConnections: () => sockets.size,
    sessions,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
