import { randomBytes } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { encodeThumbnail } from './encodeThumbnail';
import { Framebuffer } from './Framebuffer';
import { RfbFrameReader } from './RfbFrameReader';
import { ThumbnailSettings } from './thumbnailSettings';

/**
 * Where the thumbnails come from: a running desktop's display, and word when
 * it stops. Deliberately without `recordActivity`: a thumbnail reader is not
 * a viewer, so an open classroom grid never keeps a desktop from idle stop.
 */
export interface ThumbnailDisplays {
  runningEndpoint(desktopId: string): Promise<DisplayEndpoint | undefined>;
  onLeftRunning(listener: (desktopId: string) => void): () => void;
}

/** The latest picture of a desktop. */
export type Thumbnail = {
  image: Buffer;
  contentType: string;
  width: number;
  height: number;
  /** 1 for the first picture of this reader, then counting up. */
  frame: number;
  /** Changes with every picture, across readers too. */
  etag: string;
  capturedAt: string;
};

class DesktopNotRunningError extends Error {}

/** One desktop someone is looking at. */
type Watch = {
  desktopId: string;
  lastAskedAt: number;
  reader?: RfbFrameReader;
  thumbnail?: Thumbnail;
  frames: number;
  /** Makes ETags of different readers of the same desktop differ. */
  epoch: string;
  failure?: { error: Error; at: number };
  waiters: Set<() => void>;
  closed: boolean;
};

/**
 * Thumbnails of running desktops, made on the server: one low-rate reader
 * per desktop however many grids show it, opened on the first request and
 * closed once nobody has asked for `lingerMs`, or at once when the desktop
 * stops. A reader that fails is remembered for `retryAfterFailureMs`, so a
 * broken display is not dialled again on every request.
 */
export class DesktopThumbnails {
  readonly #watches = new Map<string, Watch>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly displays: ThumbnailDisplays,
    private readonly settings: ThumbnailSettings,
    private readonly logger: LoggerService,
  ) {
    this.#sweeper = setInterval(
      () => this.#sweep(),
      Math.max(250, Math.min(settings.lingerMs / 3, 5_000)),
    );
    this.#sweeper.unref();
    this.#unsubscribe = displays.onLeftRunning(id => {
      const watch = this.#watches.get(id);
      if (watch) this.#drop(watch);
    });
  }

  /**
   * The desktop's latest picture. The first request starts its reader and
   * waits up to `firstFrameWaitMs` for a picture. ConflictError when the
   * desktop does not run; ServiceUnavailableError when there is no picture
   * (yet, or the display could not be read).
   */
  async latest(desktopId: string): Promise<Thumbnail> {
    const now = Date.now();
    let watch = this.#watches.get(desktopId);
    if (
      watch?.failure &&
      now - watch.failure.at >= this.settings.retryAfterFailureMs
    ) {
      this.#drop(watch);
      watch = undefined;
    }
    if (!watch) {
      if (this.#watches.size >= this.settings.maxReaders) {
        throw new ServiceUnavailableError(
          `Thumbnails are being made for ${this.settings.maxReaders} desktops already (desktops.thumbnails.maxReaders); try again later`,
        );
      }
      watch = this.#start(desktopId);
    }
    watch.lastAskedAt = now;
    if (!watch.thumbnail && !watch.failure) {
      await this.#firstPicture(watch);
      watch.lastAskedAt = Date.now();
    }
    if (watch.thumbnail) return watch.thumbnail;
    if (watch.failure) throw this.#refusal(watch.failure.error);
    throw new ServiceUnavailableError(
      'There is no picture of this desktop yet; ask again in a moment',
    );
  }

  /** Desktops whose display a reader is connected to right now. */
  readingNow(): string[] {
    return [...this.#watches.values()]
      .filter(w => w.reader)
      .map(w => w.desktopId);
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#unsubscribe();
    for (const watch of [...this.#watches.values()]) this.#drop(watch);
  }

  #start(desktopId: string): Watch {
    const watch: Watch = {
      desktopId,
      lastAskedAt: Date.now(),
      frames: 0,
      epoch: randomBytes(6).toString('base64url'),
      waiters: new Set(),
      closed: false,
    };
    this.#watches.set(desktopId, watch);
    void this.#open(watch);
    return watch;
  }

  async #open(watch: Watch): Promise<void> {
    try {
      const endpoint = await this.displays.runningEndpoint(watch.desktopId);
      if (!endpoint) {
        throw new DesktopNotRunningError(
          'The desktop is not running, or its display cannot be reached',
        );
      }
      if (watch.closed) return;
      const reader = await RfbFrameReader.open(endpoint, {
        intervalMs: this.settings.intervalMs,
        handshakeTimeoutMs: this.settings.handshakeTimeoutMs,
        onFrame: screen => this.#picture(watch, screen),
      });
      if (watch.closed) {
        reader.close();
        return;
      }
      watch.reader = reader;
      this.logger.debug(`Thumbnail reader of desktop ${watch.desktopId} open`);
      reader.done.catch(error => this.#fail(watch, error));
    } catch (error) {
      this.#fail(watch, error as Error);
    }
  }

  async #picture(watch: Watch, screen: Framebuffer): Promise<void> {
    const image = await encodeThumbnail(screen, this.settings);
    if (watch.closed) return;
    watch.frames += 1;
    watch.thumbnail = {
      image: image.bytes,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      frame: watch.frames,
      etag: `"${watch.epoch}-${watch.frames}"`,
      capturedAt: new Date().toISOString(),
    };
    this.#wake(watch);
  }

  #fail(watch: Watch, error: Error): void {
    if (watch.closed) return;
    if (!(error instanceof DesktopNotRunningError)) {
      this.logger.warn(
        `Thumbnail reader of desktop ${watch.desktopId} failed: ${error.message}`,
      );
    }
    watch.reader?.close();
    watch.reader = undefined;
    watch.thumbnail = undefined;
    watch.failure = { error, at: Date.now() };
    this.#wake(watch);
  }

  #refusal(error: Error): Error {
    return error instanceof DesktopNotRunningError
      ? new ConflictError(error.message)
      : new ServiceUnavailableError(
          `The desktop's display could not be read: ${error.message}`,
        );
  }

  #firstPicture(watch: Watch): Promise<void> {
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        watch.waiters.delete(done);
        resolve();
      };
      timer = setTimeout(done, this.settings.firstFrameWaitMs);
      watch.waiters.add(done);
    });
  }

  #wake(watch: Watch): void {
    for (const waiter of [...watch.waiters]) waiter();
  }

  #drop(watch: Watch): void {
    watch.closed = true;
    if (watch.reader) {
      this.logger.debug(
        `Thumbnail reader of desktop ${watch.desktopId} closed`,
      );
    }
    watch.reader?.close();
    watch.reader = undefined;
    if (this.#watches.get(watch.desktopId) === watch) {
      this.#watches.delete(watch.desktopId);
    }
    this.#wake(watch);
  }

  #sweep(): void {
    const now = Date.now();
    for (const watch of [...this.#watches.values()]) {
      // A request waiting for the first picture is still asking.
      const asking = watch.waiters.size > 0;
      if (!asking && now - watch.lastAskedAt > this.settings.lingerMs) {
        this.#drop(watch);
      }
    }
  }
}
