import { WebSocket } from 'ws';
import { ByteQueue } from '../gateway/ByteQueue';

/** How a connection attempt ended (or that it is still open). */
export type RfbConnectionEnd = {
  /** HTTP status when the upgrade itself was refused. */
  httpStatus?: number;
  /** WebSocket close code and reason when an accepted connection closed. */
  code?: number;
  reason?: string;
  /** RFB bytes the client received before the end. */
  bytesReceived: number;
};

export type ServerInit = {
  width: number;
  height: number;
  bitsPerPixel: number;
  name: string;
};

export type FramebufferRect = {
  x: number;
  y: number;
  width: number;
  height: number;
  encoding: number;
  pixels: Buffer;
};

/**
 * A minimal browser-side RFB client over WebSocket, as noVNC speaks it to
 * the gateway: RFB 3.8, security type None, Raw encoding only.
 */
export class RfbTestClient {
  readonly ws: WebSocket;
  readonly ended: Promise<RfbConnectionEnd>;
  bytesReceived = 0;
  #queue = new ByteQueue();
  #serverInit?: ServerInit;

  constructor(url: string, protocols?: string[]) {
    this.ws = new WebSocket(url, protocols);
    this.ended = new Promise(resolve => {
      this.ws.on('unexpected-response', (request, response) => {
        resolve({
          httpStatus: response.statusCode,
          bytesReceived: this.bytesReceived,
        });
        response.resume();
        request.destroy();
        this.#queue.fail(
          new Error(`Upgrade refused with HTTP ${response.statusCode}`),
        );
      });
      this.ws.on('close', (code, reason) => {
        resolve({
          code,
          reason: reason.toString(),
          bytesReceived: this.bytesReceived,
        });
        this.#queue.fail(new Error(`Closed ${code} ${reason}`));
      });
      this.ws.on('error', error => {
        resolve({ reason: String(error), bytesReceived: this.bytesReceived });
        this.#queue.fail(error);
      });
    });
    this.ws.on('message', (data: Buffer) => {
      this.bytesReceived += data.length;
      this.#queue.push(data);
    });
  }

  /** Reads exactly `n` bytes, failing after `timeoutMs`. */
  async read(n: number, timeoutMs = 10_000): Promise<Buffer> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`Timed out reading ${n} RFB bytes`);
        this.#queue.fail(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.#queue.read(n), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  send(data: Buffer): void {
    this.ws.send(data);
  }

  /** RFB 3.8 with security type None, then ClientInit (shared). */
  async handshake(): Promise<ServerInit> {
    const version = (await this.read(12)).toString('latin1');
    if (version !== 'RFB 003.008\n')
      throw new Error(`Unexpected version ${version}`);
    this.send(Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await this.read(1))[0];
    const types = [...(await this.read(count))];
    if (!types.includes(1))
      throw new Error(`Security None not offered: ${types}`);
    this.send(Buffer.from([1]));
    const result = (await this.read(4)).readUInt32BE(0);
    if (result !== 0) throw new Error(`SecurityResult ${result}`);
    this.send(Buffer.from([1]));
    const init = await this.read(24);
    const nameLength = init.readUInt32BE(20);
    const name = (await this.read(nameLength)).toString('utf8');
    this.#serverInit = {
      width: init.readUInt16BE(0),
      height: init.readUInt16BE(2),
      bitsPerPixel: init[4],
      name,
    };
    return this.#serverInit;
  }

  /**
   * Reads server messages until a FramebufferUpdate; only Raw rectangles
   * are expected (the client announces only Raw).
   */
  async readFramebufferUpdate(timeoutMs = 10_000): Promise<FramebufferRect[]> {
    const bytesPerPixel = (this.#serverInit?.bitsPerPixel ?? 32) / 8;
    for (;;) {
      const type = (await this.read(1, timeoutMs))[0];
      switch (type) {
        case 0: {
          const count = (await this.read(3, timeoutMs)).readUInt16BE(1);
          const rects: FramebufferRect[] = [];
          for (let i = 0; i < count; i++) {
            const h = await this.read(12, timeoutMs);
            const rect = {
              x: h.readUInt16BE(0),
              y: h.readUInt16BE(2),
              width: h.readUInt16BE(4),
              height: h.readUInt16BE(6),
              encoding: h.readInt32BE(8),
            };
            if (rect.encoding !== 0) {
              throw new Error(`Unexpected encoding ${rect.encoding}`);
            }
            const pixels = await this.read(
              rect.width * rect.height * bytesPerPixel,
              timeoutMs,
            );
            rects.push({ ...rect, pixels });
          }
          return rects;
        }
        case 2: // Bell
          break;
        case 3: {
          const length = (await this.read(7, timeoutMs)).readInt32BE(3);
          await this.read(Math.abs(length), timeoutMs);
          break;
        }
        case 150: // EndOfContinuousUpdates
          break;
        case 248: {
          const head = await this.read(8, timeoutMs);
          await this.read(head[7], timeoutMs);
          break;
        }
        default:
          throw new Error(`Unexpected server message type ${type}`);
      }
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Opens a client and waits for the WebSocket to open (or the attempt to end). */
export async function openRfbClient(
  url: string,
  protocols?: string[],
): Promise<RfbTestClient> {
  const client = new RfbTestClient(url, protocols);
  await Promise.race([
    new Promise<void>(resolve => client.ws.once('open', () => resolve())),
    client.ended,
  ]);
  return client;
}
