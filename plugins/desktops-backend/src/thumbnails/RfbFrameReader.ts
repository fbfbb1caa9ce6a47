import type net from 'node:net';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { openDisplay } from '../gateway/displayConnection';
import { ByteQueue } from '../gateway/ByteQueue';
import { ReadBufferPool } from '../gateway/ReadBufferPool';
import { Framebuffer, WIRE_BYTES_PER_PIXEL } from './Framebuffer';
import { checkScreenSize, RFB_LIMITS, RfbProtocolError } from './rfbLimits';

const ENCODING_RAW = 0;
const ENCODING_COPY_RECT = 1;
const PSEUDO_DESKTOP_SIZE = -223;

/**
 * The display's bytes waiting unread past which its socket is paused, so a
 * display that sends faster than the reader decodes cannot grow memory.
 */
const INPUT_HIGH_WATER = 1024 * 1024;

/** Rows of a Raw rectangle are read at most this many bytes at a time. */
const RAW_READ_BYTES = 256 * 1024;

const pool = new ReadBufferPool(64 * 1024, 32);

/**
 * 32 bits per pixel, depth 24, little endian, true colour, red in the low
 * byte: on the wire each pixel is R, G, B, pad.
 */
const SET_PIXEL_FORMAT = Buffer.from([
  0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 0, 8, 16, 0, 0, 0,
]);

function setEncodings(encodings: number[]): Buffer {
  const message = Buffer.alloc(4 + 4 * encodings.length);
  message[0] = 2;
  message.writeUInt16BE(encodings.length, 2);
  encodings.forEach((e, i) => message.writeInt32BE(e, 4 + 4 * i));
  return message;
}

function updateRequest(incremental: boolean, fb: Framebuffer): Buffer {
  const message = Buffer.alloc(10);
  message[0] = 3;
  message[1] = incremental ? 1 : 0;
  message.writeUInt16BE(fb.width, 6);
  message.writeUInt16BE(fb.height, 8);
  return message;
}

export type RfbFrameReaderOptions = {
  /** Least time between two update requests. */
  intervalMs: number;
  /** Connecting, logging in and ServerInit must finish within this. */
  handshakeTimeoutMs: number;
  /**
   * Called after each update that changed pixels, with the screen; awaited
   * before the next update is asked for, so the screen does not change
   * while it runs.
   */
  onFrame: (screen: Framebuffer) => Promise<void>;
};

/**
 * A low-rate RFB client for thumbnails: logs in to a display directly (as
 * the gateway does, with the desktop's VNC password), asks for an update at
 * most every `intervalMs`, and keeps a copy of the screen from Raw and
 * CopyRect rectangles (and DesktopSize when the screen is resized). It only
 * reads: it never sends input, and nothing records it as viewer activity.
 *
 * The display is untrusted (see rfbLimits): it ends with an RfbProtocolError
 * on anything it did not ask for or any size beyond the limits.
 */
export class RfbFrameReader {
  /** Settles when the reader ends: resolves after close(), rejects on failure. */
  readonly done: Promise<void>;
  #screen: Framebuffer;
  #closed = false;
  #wake?: () => void;

  private constructor(
    private readonly socket: net.Socket,
    private readonly input: ByteQueue,
    screen: Framebuffer,
    private readonly options: RfbFrameReaderOptions,
  ) {
    this.#screen = screen;
    this.done = this.#run();
    // The owner of the reader learns of failures through `done`.
    this.done.catch(() => undefined);
  }

  static async open(
    endpoint: DisplayEndpoint,
    options: RfbFrameReaderOptions,
  ): Promise<RfbFrameReader> {
    const deadline = Date.now() + options.handshakeTimeoutMs;
    const display = await openDisplay(endpoint, {
      timeoutMs: options.handshakeTimeoutMs,
      pool,
    });
    const { socket } = display;
    // Paused past 1 MiB unread; closed, it stops at once.
    const input = new ByteQueue({
      backPressure: { flow: socket, highWater: INPUT_HIGH_WATER },
      failFast: true,
    });
    display.setReader((buffer, length) => {
      input.push(Buffer.from(buffer.subarray(0, length)));
      pool.give(buffer);
    });
    socket.on('error', error => input.fail(error));
    socket.on('close', () =>
      input.fail(new Error('The display closed the connection')),
    );
    const timer = setTimeout(
      () =>
        input.fail(
          new RfbProtocolError('The display did not send ServerInit in time'),
        ),
      Math.max(0, deadline - Date.now()),
    );
    try {
      socket.resume();
      socket.write(Buffer.from([1])); // ClientInit: shared
      const init = await input.read(24);
      const width = init.readUInt16BE(0);
      const height = init.readUInt16BE(2);
      checkScreenSize(width, height, 'ServerInit');
      const nameLength = init.readUInt32BE(20);
      if (nameLength > RFB_LIMITS.maxNameBytes) {
        throw new RfbProtocolError(
          `The display sent a ${nameLength}-byte desktop name; at most ${RFB_LIMITS.maxNameBytes} is accepted`,
        );
      }
      await input.skip(nameLength);
      socket.write(SET_PIXEL_FORMAT);
      socket.write(
        setEncodings([ENCODING_COPY_RECT, ENCODING_RAW, PSEUDO_DESKTOP_SIZE]),
      );
      return new RfbFrameReader(
        socket,
        input,
        new Framebuffer(width, height),
        options,
      );
    } catch (error) {
      socket.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The screen as of the last update. */
  get screen(): Framebuffer {
    return this.#screen;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.destroy();
    this.input.fail(new Error('The thumbnail reader was closed'));
    this.#wake?.();
  }

  async #run(): Promise<void> {
    let incremental = false;
    try {
      while (!this.#closed) {
        const askedAt = Date.now();
        this.socket.write(updateRequest(incremental, this.#screen));
        const { changed, resized } = await this.#readUntilUpdate();
        // After a resize the whole new screen is needed.
        incremental = !resized;
        if (changed && !this.#closed) await this.options.onFrame(this.#screen);
        await this.#sleep(this.options.intervalMs - (Date.now() - askedAt));
      }
    } catch (error) {
      if (this.#closed) return;
      this.close();
      throw error;
    }
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.#closed) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** Reads server messages up to and including one FramebufferUpdate. */
  async #readUntilUpdate(): Promise<{ changed: boolean; resized: boolean }> {
    let others = 0;
    let skipped = 0;
    for (;;) {
      const type = (await this.input.read(1))[0];
      if (type === 0) return this.#readUpdate();
      if (++others > RFB_LIMITS.maxMessagesBetweenUpdates) {
        throw new RfbProtocolError(
          `The display sent over ${RFB_LIMITS.maxMessagesBetweenUpdates} messages without a screen update`,
        );
      }
      if (type === 2) continue; // Bell
      if (type === 3) {
        // ServerCutText: the clipboard is not the reader's business.
        const length = Math.abs((await this.input.read(7)).readInt32BE(3));
        skipped += length;
        if (length > RFB_LIMITS.maxCutTextBytes) {
          throw new RfbProtocolError(
            `The display sent ${length} bytes of clipboard text; at most ${RFB_LIMITS.maxCutTextBytes} is accepted`,
          );
        }
        if (skipped > RFB_LIMITS.maxCutTextBytesBetweenUpdates) {
          throw new RfbProtocolError(
            `The display sent over ${RFB_LIMITS.maxCutTextBytesBetweenUpdates} bytes of clipboard text without a screen update`,
          );
        }
        await this.input.skip(length);
        continue;
      }
      throw new RfbProtocolError(
        type === 1
          ? 'The display sent a colour map for a true-colour pixel format'
          : `The display sent an unknown message type ${type}`,
      );
    }
  }

  async #readUpdate(): Promise<{ changed: boolean; resized: boolean }> {
    const count = (await this.input.read(3)).readUInt16BE(1);
    let changed = false;
    let resized = false;
    for (let i = 0; i < count; i++) {
      const head = await this.input.read(12);
      const x = head.readUInt16BE(0);
      const y = head.readUInt16BE(2);
      const w = head.readUInt16BE(4);
      const h = head.readUInt16BE(6);
      const encoding = head.readInt32BE(8);
      if (encoding === PSEUDO_DESKTOP_SIZE) {
        checkScreenSize(w, h, 'a DesktopSize update');
        this.#screen = new Framebuffer(w, h);
        changed = resized = true;
        continue;
      }
      const screen = this.#screen;
      if (!screen.contains(x, y, w, h)) {
        throw new RfbProtocolError(
          `The display sent a ${w}x${h} rectangle at ${x},${y}, outside its ${screen.width}x${screen.height} screen`,
        );
      }
      if (encoding === ENCODING_RAW) {
        await this.#readRaw(screen, x, y, w, h);
      } else if (encoding === ENCODING_COPY_RECT) {
        const source = await this.input.read(4);
        const srcX = source.readUInt16BE(0);
        const srcY = source.readUInt16BE(2);
        if (!screen.contains(srcX, srcY, w, h)) {
          throw new RfbProtocolError(
            `The display sent a CopyRect from ${srcX},${srcY} (${w}x${h}), outside its ${screen.width}x${screen.height} screen`,
          );
        }
        screen.copyRect(srcX, srcY, x, y, w, h);
      } else {
        throw new RfbProtocolError(
          `The display sent encoding ${encoding}, which the thumbnail reader did not ask for`,
        );
      }
      if (w > 0 && h > 0) changed = true;
    }
    return { changed, resized };
  }

  async #readRaw(
    screen: Framebuffer,
    x: number,
    y: number,
    w: number,
    h: number,
  ): Promise<void> {
    const rowBytes = w * WIRE_BYTES_PER_PIXEL;
    if (rowBytes === 0 || h === 0) return;
    const rowsPerRead = Math.max(1, Math.floor(RAW_READ_BYTES / rowBytes));
    for (let row = 0; row < h; row += rowsPerRead) {
      const rows = Math.min(rowsPerRead, h - row);
      screen.putRows(x, y + row, w, await this.input.read(rows * rowBytes));
    }
  }
}
