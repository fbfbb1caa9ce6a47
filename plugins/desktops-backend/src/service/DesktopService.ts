import { Readable } from 'node:stream';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import {
  DesktopQuota,
  DesktopResources,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import {
  DesktopFileDownload,
  FileTooLargeError,
} from '@internal/backstage-plugin-desktops-node';
import { ImageCatalog } from '../images/catalog';
import { DesktopRecord, newDesktopId } from '../store';
import { defaultDesktopName } from './defaultDesktopName';
import { DesktopParts } from './DesktopParts';
import { finishStop } from './finishStop';
import { KeyedQueue } from './KeyedQueue';
import { overQuotaError } from './quota';

/** The image a desktop is made from, wherever it comes from. */
export type LaunchImage = {
  imageId: string;
  imageRef: string;
  imageTitle: string;
  resources: DesktopResources;
};

/**
 * The desktops lifecycle: reading, creating, starting, stopping, deleting
 * and renaming desktops, and their files. With the reconcile decisions
 * (reconciler/) it is the only code that changes a desktop's state, always
 * through `DesktopTransitions` (partly via `DesktopLauncher`).
 *
 * Each transition is written (a conditional update, see
 * `DesktopStore.transition`) before the runtime is acted on, and runtime
 * work for one desktop runs strictly one operation at a time in this process
 * (`DesktopParts.queue`), so a stop, a launch and the reconciler's
 * corrections never interleave on the same container.
 */
export class DesktopService {
  /** Quota check + insert/start, one at a time per owner. */
  private readonly ownerLocks = new KeyedQueue();
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly parts: DesktopParts,
    private readonly catalog: ImageCatalog,
  ) {}

  // ---- reading ----------------------------------------------------------

  async get(id: string): Promise<DesktopRecord> {
    const desktop = await this.parts.store.desktops.get(id);
    if (!desktop) throw new NotFoundError('Desktop not found');
    return desktop;
  }

  /** Undefined instead of a 404, for the permission resource loader. */
  async find(id: string): Promise<DesktopRecord | undefined> {
    return this.parts.store.desktops.get(id);
  }

  async findMany(ids: string[]): Promise<DesktopRecord[]> {
    return this.parts.store.desktops.getMany(ids);
  }

  async listMine(owner: string): Promise<DesktopRecord[]> {
    return this.parts.store.desktops.listByOwner(owner);
  }

  async listAll(): Promise<DesktopRecord[]> {
    return this.parts.store.desktops.listAll();
  }

  async quota(owner: string): Promise<DesktopQuota> {
    return this.parts.quotas.quotaFor(
      owner,
      await this.parts.quotas.roleOf(owner),
    );
  }

  // ---- lifecycle --------------------------------------------------------

  /**
   * Creates a desktop from the image catalog in `pending` and launches it in
   * the background. `requestedAt` is when the API call arrived (launch
   * latency starts there).
   */
  async create(input: {
    owner: string;
    imageId: string;
    name?: string;
    courseId?: string | null;
    requestedAt: Date;
  }): Promise<DesktopRecord> {
    const image = this.catalog.get(input.imageId);
    if (!image) {
      throw new InputError(`There is no image '${input.imageId}' to launch`);
    }
    return this.createFromImage({
      ...input,
      image: {
        imageId: image.id,
        imageRef: image.image,
        imageTitle: image.title,
        resources: image.resources,
      },
      launch: true,
    });
  }

  /**
   * Creates a desktop from any image (the catalog's, a saved image, a
   * course environment). With `launch`, it starts at once (quota checked);
   * without, it is created `stopped` and nothing runs until its owner
   * starts it (copies made for others arrive that way).
   */
  async createFromImage(input: {
    owner: string;
    image: LaunchImage;
    name?: string;
    courseId?: string | null;
    environmentVersion?: number | null;
    launch: boolean;
    requestedAt: Date;
  }): Promise<DesktopRecord> {
    const { image } = input;
    const role = await this.parts.quotas.roleOf(input.owner);
    const desktop = await this.ownerLocks.run(input.owner, async () => {
      if (input.launch) {
        const quota = await this.parts.quotas.quotaFor(input.owner, role);
        if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      }
      if (input.courseId) {
        const existing = await this.parts.store.desktops.findCourseDesktop(
          input.owner,
          input.courseId,
        );
        if (existing) {
          throw new ConflictError(
            'There is already a desktop of this course for this person',
          );
        }
      }
      const id = newDesktopId();
      if (input.launch) this.parts.launcher.reserve(id);
      try {
        return await this.parts.store.desktops.insert({
          id,
          owner: input.owner,
          name:
            input.name ??
            defaultDesktopName(
              image.imageTitle,
              (
                await this.parts.store.desktops.listByOwner(input.owner)
              ).map(d => d.name),
            ),
          imageId: image.imageId,
          imageRef: image.imageRef,
          imageTitle: image.imageTitle,
          courseId: input.courseId ?? null,
          environmentVersion: input.environmentVersion ?? null,
          resources: this.parts.quotas.resourcesFor(image.resources, role),
          initialState: input.launch ? 'pending' : 'stopped',
          launchRequestedAt: input.requestedAt.toISOString(),
        });
      } catch (error) {
        if (input.launch) this.parts.launcher.release(id);
        throw error;
      }
    });
    this.parts.transitions.publishChanged(desktop);
    if (!input.launch) return desktop;
    this.inBackground(desktop.id, async () => {
      const starting = await this.parts.transitions.move(
        desktop.id,
        'pending',
        'starting',
      );
      if (starting) {
        await this.parts.launcher.launch(starting);
      } else {
        this.parts.launcher.release(desktop.id);
      }
    });
    return desktop;
  }

  /**
   * Moves a desktop to another image, keeping its home: stops it if it
   * runs, points it at the image, and (if it was running) starts it again,
   * which recreates the container. Resolves once the change is written.
   */
  async changeImage(
    id: string,
    image: LaunchImage & { environmentVersion: number | null },
    requestedAt: Date,
  ): Promise<DesktopRecord> {
    const desktop = await this.get(id);
    if (desktop.state === 'pending' || desktop.state === 'starting') {
      throw new ConflictError(
        'The desktop is starting; update it once it is running or stopped',
      );
    }
    const wasRunning = desktop.state === 'running';
    if (wasRunning) await this.stop(id);
    // Queued behind the stop, so it sees the desktop stopped.
    const changed = await this.parts.queue.run(id, async () => {
      const role = await this.parts.quotas.roleOf(desktop.owner);
      return this.parts.store.desktops.changeImage(id, {
        ...image,
        resources: this.parts.quotas.resourcesFor(image.resources, role),
      });
    });
    if (!changed) {
      throw new ConflictError(
        'The desktop changed state meanwhile; reload and try again',
      );
    }
    this.parts.transitions.publishChanged(changed);
    return wasRunning ? this.start(id, requestedAt) : changed;
  }

  /** Starts a stopped (or failed) desktop again; its home is kept. */
  async start(id: string, requestedAt: Date): Promise<DesktopRecord> {
    const desktop = await this.get(id);
    if (desktop.state !== 'stopped' && desktop.state !== 'error') {
      throw new ConflictError(this.cannotStartMessage(desktop.state));
    }
    const role = await this.parts.quotas.roleOf(desktop.owner);
    const starting = await this.ownerLocks.run(desktop.owner, async () => {
      const quota = await this.parts.quotas.quotaFor(desktop.owner, role);
      if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      // Re-read the image's limits: the catalog or the owner's role may have
      // changed since the desktop was created.
      const base =
        this.catalog.get(desktop.imageId)?.resources ?? desktop.resources;
      this.parts.launcher.reserve(id);
      const moved = await this.parts.transitions.move(
        id,
        desktop.state,
        'starting',
        {
          stateReason: null,
          resources: this.parts.quotas.resourcesFor(base, role),
          launchRequestedAt: requestedAt.toISOString(),
        },
      );
      if (!moved) {
        this.parts.launcher.release(id);
        throw new ConflictError(
          'The desktop changed state meanwhile; reload and try again',
        );
      }
      return moved;
    });
    // After a crash the container's own filesystem (outside home) may hold
    // stale state, e.g. X server lock files; it is disposable, so a desktop
    // recovering from an error gets a fresh one. Home is a volume and kept.
    const recreate = desktop.state === 'error';
    this.inBackground(id, () =>
      this.parts.launcher.launch(starting, { recreate }),
    );
    return starting;
  }

  /**
   * Stops a desktop, keeping its home. Resolves once `stopping` is written;
   * the runtime stop follows in the background. A `reason` is kept in
   * stateReason (idle stop says why the desktop went away).
   */
  async stop(
    id: string,
    options?: { reason?: string },
  ): Promise<DesktopRecord> {
    const desktop = await this.get(id);
    if (desktop.state === 'stopped' || desktop.state === 'stopping') {
      return desktop;
    }
    if (desktop.state === 'pending') {
      throw new ConflictError(
        'The desktop is still being created; stop it once it is starting',
      );
    }
    const reason = options?.reason ?? null;
    const stopping = await this.parts.transitions.move(
      id,
      desktop.state,
      'stopping',
      {
        stateReason: reason,
      },
    );
    if (!stopping) {
      throw new ConflictError(
        'The desktop changed state meanwhile; reload and try again',
      );
    }
    // A launch in flight notices, and gives up instead of marking running.
    this.parts.launcher.abort(id);
    this.inBackground(id, () => finishStop(this.parts, id, reason));
    return stopping;
  }

  /**
   * Stops (if needed) and removes the desktop with its home volume. Its
   * shares go first, each published as revoked (by `by`, default the
   * owner), so nobody it was shared with stays connected meanwhile.
   */
  async delete(id: string, options?: { by?: string }): Promise<void> {
    const desktop = await this.get(id);
    const by = options?.by ?? desktop.owner;
    this.parts.launcher.abort(id);
    await this.revokeShares(id, by);
    let deleted = false;
    await this.parts.queue.run(id, async () => {
      const current = await this.parts.store.desktops.get(id);
      if (!current) return;
      if (
        current.state === 'running' ||
        current.state === 'starting' ||
        current.state === 'error'
      ) {
        await this.parts.transitions.move(id, current.state, 'stopping');
      }
      try {
        await this.parts.runtime.stop(id);
      } catch (error) {
        // Removal forces the container down anyway.
        this.parts.logger.warn(
          `Stopping desktop ${id} before removal failed: ${error}`,
        );
      }
      await this.parts.runtime.remove(id);
      await this.parts.passwords.forget(id);
      await this.parts.store.desktops.delete(id);
      deleted = true;
      this.parts.activity.forget(id);
      this.parts.transitions.publishDeleted(current.owner, id);
    });
    // An invitation made while the desktop was being removed.
    if (deleted) await this.revokeShares(id, by);
  }

  /**
   * Deletes the desktop's shares and publishes each as revoked. Outside the
   * desktop's queue: listeners (the gateway) may queue work on it.
   */
  private async revokeShares(id: string, by: string): Promise<void> {
    const shares = await this.parts.store.shares.deleteForDesktop(id);
    for (const share of shares) {
      await this.parts.shareChanges.publish({
        desktopId: id,
        grantee: share.grantee,
        before: share.role,
        after: null,
        changedBy: by,
      });
    }
  }

  async rename(id: string, name: string): Promise<DesktopRecord> {
    await this.get(id);
    const renamed = await this.parts.store.desktops.rename(id, name);
    if (!renamed) throw new NotFoundError('Desktop not found');
    this.parts.transitions.publishChanged(renamed);
    return renamed;
  }

  // ---- files ------------------------------------------------------------

  /**
   * Streams one file into `~/Uploads` of a running or stopped desktop,
   * within `desktops.files.maxUploadBytes`; a declared size over the limit
   * is refused before anything is read.
   */
  async uploadFile(
    id: string,
    file: { name: string; content: Readable; declaredBytes?: number },
  ): Promise<{ name: string; size: number }> {
    const maxBytes = this.parts.settings.files.maxUploadBytes;
    if (file.declaredBytes !== undefined && file.declaredBytes > maxBytes) {
      throw new FileTooLargeError(maxBytes);
    }
    return this.parts.runtime.uploadFile(id, {
      name: file.name,
      content: file.content,
      maxBytes,
    });
  }

  /**
   * Reads one file below the desktop's home, within
   * `desktops.files.maxDownloadBytes`.
   */
  async downloadFile(
    id: string,
    relativePath: string,
  ): Promise<DesktopFileDownload> {
    return this.parts.runtime.downloadFile(id, relativePath, {
      maxBytes: this.parts.settings.files.maxDownloadBytes,
    });
  }

  // ---- background work --------------------------------------------------

  /** Waits until background launches and stops have finished. */
  async settled(): Promise<void> {
    while (this.background.size > 0) {
      await Promise.allSettled([...this.background]);
    }
  }

  /** On shutdown: abandon launches (their rows stay `starting`; the next reconciler pass adopts or fails them). */
  async close(): Promise<void> {
    this.parts.launcher.abortAll();
    await this.settled();
    this.parts.transitions.close();
  }

  // ---- internals --------------------------------------------------------

  private inBackground(id: string, task: () => Promise<void>): void {
    const promise = this.parts.queue
      .run(id, task)
      .catch(error =>
        this.parts.logger.error(
          `Background work on desktop ${id} failed: ${stringifyError(error)}`,
        ),
      );
    this.background.add(promise);
    promise.finally(() => this.background.delete(promise));
  }

  private cannotStartMessage(state: DesktopState): string {
    switch (state) {
      case 'running':
        return 'The desktop is already running';
      case 'stopping':
        return 'The desktop is stopping; start it again once it has stopped';
      default:
        return 'The desktop is already starting';
    }
  }
}
