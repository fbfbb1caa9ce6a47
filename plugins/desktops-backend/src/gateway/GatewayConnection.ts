import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConnectMode } from '@internal/backstage-plugin-desktops-common';
import { RawData, WebSocket } from 'ws';
import { ByteQueue } from './ByteQueue';
import { GatewayCloseCode } from './closeCodes';
import {
  DisplaySocket,
  openDisplay,
  RFB_VERSION_3_8,
} from './displayConnection';
import { GatewayDesktops } from './GatewayDesktops';
import { GatewayMetrics } from './GatewayMetrics';
import { ReadBufferPool } from './ReadBufferPool';
import {
  RfbClientMessageFilter,
  RfbProtocolError,
} from './RfbClientMessageFilter';

const SECURITY_NONE = 1;

/** Pause reading the display while this much is queued for the browser. */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
const LOW_WATER_BYTES = 1024 * 1024;
/**
 * Reads under this share of a pooled buffer are copied and the buffer reused
 * at once, so every buffer held until its send completes carries at least
 * that much of `bufferedAmount`: pooled memory held by a connection stays
 * within twice the high-water mark.
 */
const COPY_READS_BELOW_FRACTION = 1 / 2;
/** Fallback check while paused, in case no send callback is left to fire. */
const DRAIN_POLL_MS = 20;
const INPUT_ACTIVITY_THROTTLE_MS = 1000;
const METRICS_FLUSH_MS = 1000;
const DISPLAY_CLOSE_GRACE_MS = 5000;
const DISPLAY_CLOSE_POLL_MS = 200;

export type GatewayConnectionOptions = {
  ws: WebSocket;
  desktopId: string;
  userEntityRef: string;
  mode: ConnectMode;
  desktops: GatewayDesktops;
  logger: LoggerService;
  metrics: GatewayMetrics;
  /** Display read buffers, shared by the gateway's connections. */
  readBuffers: ReadBufferPool;
  displayHandshakeTimeoutMs: number;
  browserHandshakeTimeoutMs: number;
  viewerActivityIntervalMs: number;
  /**
   * Whether this control connection's input may pass now (the owner's
   * always does; anyone else's while they hold the control). Asked when
   * the relay starts; the gateway calls `setInputAllowed` on changes.
   */
  inputAllowed: (connection: GatewayConnection) => boolean;
  /** Called once the relay runs (both handshakes done). */
  onRelayStarted?: (connection: GatewayConnection) => void;
  /** Called once, when the connection has ended for any reason. */
  onEnd: () => void;
};

/**
 * One browser ↔ display RFB session. The gateway authenticates to the
 * display itself (VncAuth), then offers the browser security type None: the
 * ticket already authenticated the browser, and the VNC password never
 * leaves the backend.
 */
export class GatewayConnection {
  /** Names this connection in presence and the audit log. */
  readonly id = randomUUID();
  readonly desktopId: string;
  readonly userEntityRef: string;
  /** What the ticket allowed; a view connection never becomes control. */
  readonly mode: ConnectMode;
  /** The desktop's owner, known once `start` has looked the desktop up. */
  owner?: string;
  /** When the relay started; undefined before. */
  relayingSince?: Date;
  /** Why the connection ended, once it has. */
  endReason?: string;
  #filter?: RfbClientMessageFilter;
  /** The grant behind this control connection is gone: no input, ever. */
  #inputWithdrawn = false;
  readonly #o: GatewayConnectionOptions;
  readonly #browserQueue = new ByteQueue();
  #display?: net.Socket;
  #displayReads?: DisplaySocket;
  #ended = false;
  #relaying = false;
  #timers: NodeJS.Timeout[] = [];
  #lastInputActivity = 0;
  #bytesToBrowser = 0;
  #bytesToDesktop = 0;
  #displayPaused = false;
  #browserPaused = false;

  constructor(options: GatewayConnectionOptions) {
    this.#o = options;
    this.desktopId = options.desktopId;
    this.userEntityRef = options.userEntityRef;
    this.mode = options.mode;
    const { ws } = options;
    // Buffer the browser's bytes from the first moment; the relay takes over
    // the listener once both handshakes are done.
    ws.on('message', this.#onHandshakeMessage);
    ws.on('close', () => this.#end());
    ws.on('error', error => {
      this.#o.logger.debug(`Gateway WebSocket error: ${error}`);
      this.#end();
    });
  }

  /** Runs the session; resolves when it is established or has failed. */
  async start(): Promise<void> {
    const { desktops, desktopId, logger } = this.#o;
    try {
      const [endpoint, owner] = await Promise.all([
        desktops.runningEndpoint(desktopId),
        desktops.ownerOf(desktopId),
      ]);
      if (this.#ended) return;
      this.owner = owner;
      if (!endpoint || !owner) {
        this.#refuse(GatewayCloseCode.NotRunning, 'The desktop is not running');
        return;
      }
      let opened: DisplaySocket;
      try {
        opened = await openDisplay(endpoint, {
          timeoutMs: this.#o.displayHandshakeTimeoutMs,
          pool: this.#o.readBuffers,
        });
      } catch (error) {
        logger.warn(
          `Could not open the display of desktop ${desktopId}: ${error}`,
        );
        this.#refuse(
          GatewayCloseCode.DisplayError,
          'Could not connect to the desktop display',
        );
        return;
      }
      const display = opened.socket;
      if (this.#ended) {
        display.destroy();
        return;
      }
      this.#display = display;
      this.#displayReads = opened;
      display.on('close', () => void this.#displayClosed());
      display.on('error', error => {
        logger.warn(
          `Display connection of desktop ${desktopId} failed: ${error}`,
        );
        this.close(
          GatewayCloseCode.DisplayError,
          'Lost the connection to the desktop display',
        );
      });

      const clientInitAndRest = await this.#browserHandshake();
      if (this.#ended) return;
      this.#startRelay(clientInitAndRest);
    } catch (error) {
      if (error instanceof RfbProtocolError) {
        this.#refuse(GatewayCloseCode.ProtocolError, error.message);
        return;
      }
      if (!this.#ended) {
        logger.warn(
          `Gateway connection to desktop ${desktopId} failed: ${error}`,
        );
        this.#refuse(
          GatewayCloseCode.DisplayError,
          'The desktop connection failed',
        );
      }
    }
  }

  /**
   * Xvnc goes away a moment before the lifecycle hears that the container
   * stopped, so a display that closes is given a short while to turn out to
   * be a stopped desktop (code DesktopStopped, via onLeftRunning or the
   * check here) before it counts as the display ending the session.
   */
  async #displayClosed(): Promise<void> {
    const deadline = Date.now() + DISPLAY_CLOSE_GRACE_MS;
    while (!this.#ended && Date.now() < deadline) {
      const endpoint = await this.#o.desktops
        .runningEndpoint(this.desktopId)
        .catch(() => 'unknown' as const);
      if (endpoint === undefined) {
        this.close(GatewayCloseCode.DesktopStopped, 'The desktop was stopped');
        return;
      }
      await new Promise(resolve => setTimeout(resolve, DISPLAY_CLOSE_POLL_MS));
    }
    this.close(
      GatewayCloseCode.DisplayClosed,
      'The desktop display closed the connection',
    );
  }

  /** `view` once the grant behind a control connection stopped allowing control. */
  get currentMode(): ConnectMode {
    return this.mode === 'control' && !this.#inputWithdrawn
      ? 'control'
      : 'view';
  }

  /** True while this connection's keys and pointer reach the desktop. */
  get hasInput(): boolean {
    return this.#filter?.mode === 'control';
  }

  /** True once the relay runs and until the connection ends. */
  get relaying(): boolean {
    return this.#relaying && !this.#ended;
  }

  /**
   * Lets input pass or drops it from the next message on (see
   * RfbClientMessageFilter.setMode). A view connection, or one whose input
   * was withdrawn, stays view whatever is asked. Returns whether it changed.
   */
  setInputAllowed(allowed: boolean): boolean {
    const filter = this.#filter;
    if (!filter) return false;
    const mode: ConnectMode =
      allowed && this.mode === 'control' && !this.#inputWithdrawn
        ? 'control'
        : 'view';
    if (filter.mode === mode) return false;
    filter.setMode(mode);
    return true;
  }

  /**
   * The grant behind this connection no longer allows control (a share was
   * downgraded to viewer): input is dropped from now on and never passes
   * again on this connection, even if the control is later handed to this
   * user (they reconnect with a new control ticket for that).
   */
  withdrawInput(): boolean {
    this.#inputWithdrawn = true;
    return this.setInputAllowed(false);
  }

  /** Ends the session with a close code and a reason the viewer can show. */
  close(code: number, reason: string): void {
    if (this.#ended) return;
    this.endReason = reason;
    const { ws } = this.#o;
    if (
      ws.readyState === WebSocket.OPEN ||
      ws.readyState === WebSocket.CONNECTING
    ) {
      // Close reasons are limited to 123 bytes.
      ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
    }
    this.#end();
  }

  #refuse(code: number, reason: string) {
    if (this.#ended) return;
    this.#o.metrics.attempt(this.mode, 'refused');
    this.close(code, reason);
  }

  /**
   * RFB 3.8 server side towards the browser, security type None. Returns
   * the ClientInit and anything the browser sent after it.
   */
  async #browserHandshake(): Promise<Buffer> {
    const { ws } = this.#o;
    const queue = this.#browserQueue;
    const timer = setTimeout(
      () =>
        queue.fail(
          new RfbProtocolError(
            'The viewer did not complete the RFB handshake in time',
          ),
        ),
      this.#o.browserHandshakeTimeoutMs,
    );
    try {
      ws.send(RFB_VERSION_3_8);
      const version = (await queue.read(12)).toString('latin1');
      const minor = /^RFB 003\.00([378])\n$/.exec(version)?.[1];
      if (!minor) {
        throw new RfbProtocolError(
          `Unsupported RFB version from the viewer: ${JSON.stringify(version)}`,
        );
      }
      if (minor === '3') {
        // RFB 3.3: the server picks the type, and None has no SecurityResult.
        ws.send(u32(SECURITY_NONE));
      } else {
        ws.send(Buffer.from([1, SECURITY_NONE]));
        const chosen = (await queue.read(1))[0];
        if (chosen !== SECURITY_NONE) {
          throw new RfbProtocolError(
            `The viewer chose unsupported security type ${chosen}`,
          );
        }
        if (minor === '8') ws.send(u32(0));
      }
      const clientInit = await queue.read(1);
      // Always shared: a viewer must not be able to disconnect the others.
      clientInit[0] = 1;
      return Buffer.concat([clientInit, queue.takeRest()]);
    } finally {
      clearTimeout(timer);
    }
  }

  #onHandshakeMessage = (data: RawData, isBinary: boolean) => {
    if (!isBinary) {
      this.#browserQueue.fail(new RfbProtocolError('Text frames are not RFB'));
      return;
    }
    this.#browserQueue.push(toBuffer(data));
  };

  #startRelay(clientInitAndRest: Buffer) {
    const { ws, desktops, desktopId, metrics, mode } = this.#o;
    const display = this.#display!;
    const inputAllowed =
      mode === 'control' && !this.#inputWithdrawn && this.#o.inputAllowed(this);
    const filter = new RfbClientMessageFilter(
      inputAllowed ? 'control' : 'view',
      event => {
        if (event.input && event.forwarded) this.#recordInput();
      },
    );
    this.#filter = filter;

    ws.off('message', this.#onHandshakeMessage);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.#ended) return;
      if (!isBinary) {
        this.close(GatewayCloseCode.ProtocolError, 'Text frames are not RFB');
        return;
      }
      this.#toDisplay(filter, toBuffer(data));
    });

    const pool = this.#o.readBuffers;
    const copyBelow = pool.bufferSize * COPY_READS_BELOW_FRACTION;
    this.#displayReads!.setReader((buffer, length) => {
      this.#bytesToBrowser += length;
      if (length < copyBelow) {
        const copy = Buffer.allocUnsafe(length);
        buffer.copy(copy, 0, 0, length);
        pool.give(buffer);
        ws.send(copy, { binary: true }, this.#afterSendToBrowser);
      } else {
        // ws writes the buffer itself (server frames are not masked), so it
        // is only free again once the send has completed.
        ws.send(buffer.subarray(0, length), { binary: true }, error => {
          pool.give(buffer);
          this.#afterSendToBrowser(error);
        });
      }
      if (!this.#displayPaused && ws.bufferedAmount > HIGH_WATER_BYTES) {
        this.#displayPaused = true;
        display.pause();
        this.#pollBrowserDrain();
      }
    });

    display.resume();

    this.#relaying = true;
    this.relayingSince = new Date();
    metrics.attempt(mode, 'accepted');
    metrics.opened(mode);
    // Before any byte is filtered: a protocol error in the first bytes ends
    // the connection, and its end must follow its start.
    this.#o.onRelayStarted?.(this);
    // the first byte is ClientInit, always forwarded; the rest is filtered
    this.#writeToDisplay([clientInitAndRest.subarray(0, 1)]);
    if (clientInitAndRest.length > 1) {
      this.#toDisplay(filter, clientInitAndRest.subarray(1));
    }

    desktops.recordActivity(desktopId, 'viewer');
    this.#timers.push(
      setInterval(
        () => desktops.recordActivity(desktopId, 'viewer'),
        this.#o.viewerActivityIntervalMs,
      ),
      setInterval(() => this.#flushByteMetrics(), METRICS_FLUSH_MS),
    );
  }

  #toDisplay(filter: RfbClientMessageFilter, chunk: Buffer) {
    let slices: Buffer[];
    try {
      slices = filter.push(chunk);
    } catch (error) {
      const message =
        error instanceof RfbProtocolError ? error.message : String(error);
      this.close(GatewayCloseCode.ProtocolError, message);
      return;
    }
    this.#writeToDisplay(slices);
  }

  #writeToDisplay(slices: Buffer[]) {
    if (slices.length === 0) return;
    const display = this.#display!;
    // The display went away and #displayClosed is finding out why: input
    // meanwhile has nowhere to go.
    if (!display.writable) return;
    const data = slices.length === 1 ? slices[0] : Buffer.concat(slices);
    this.#bytesToDesktop += data.length;
    if (!display.write(data) && !this.#browserPaused) {
      this.#browserPaused = true;
      this.#o.ws.pause();
      display.once('drain', () => {
        this.#browserPaused = false;
        if (!this.#ended) this.#o.ws.resume();
      });
    }
  }

  #afterSendToBrowser = (error?: Error) => {
    if (!error) this.#resumeDisplayIfDrained();
  };

  #pollBrowserDrain() {
    const timer = setInterval(() => {
      if (this.#ended || !this.#displayPaused) {
        clearInterval(timer);
        return;
      }
      this.#resumeDisplayIfDrained();
    }, DRAIN_POLL_MS);
    this.#timers.push(timer);
  }

  #resumeDisplayIfDrained() {
    if (
      this.#displayPaused &&
      !this.#ended &&
      this.#o.ws.bufferedAmount <= LOW_WATER_BYTES
    ) {
      this.#displayPaused = false;
      this.#display?.resume();
    }
  }

  #recordInput() {
    const now = Date.now();
    if (now - this.#lastInputActivity >= INPUT_ACTIVITY_THROTTLE_MS) {
      this.#lastInputActivity = now;
      this.#o.desktops.recordActivity(this.desktopId, 'input');
    }
  }

  #flushByteMetrics() {
    this.#o.metrics.bytes('to_browser', this.#bytesToBrowser);
    this.#o.metrics.bytes('to_desktop', this.#bytesToDesktop);
    this.#bytesToBrowser = 0;
    this.#bytesToDesktop = 0;
  }

  #end() {
    if (this.#ended) return;
    this.#ended = true;
    this.endReason ??= 'The viewer closed the connection';
    for (const timer of this.#timers) clearInterval(timer);
    this.#browserQueue.fail(new Error('Connection closed'));
    this.#display?.destroy();
    if (this.#relaying) {
      this.#flushByteMetrics();
      this.#o.metrics.closed(this.mode);
    }
    const { ws } = this.#o;
    if (
      ws.readyState === WebSocket.OPEN ||
      ws.readyState === WebSocket.CONNECTING
    ) {
      ws.close(GatewayCloseCode.DisplayClosed, 'Connection closed');
    }
    this.#o.onEnd();
  }
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
