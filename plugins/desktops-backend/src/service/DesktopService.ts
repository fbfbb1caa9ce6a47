import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import {
  DesktopQuota,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { GatewayDesktops } from '../gateway/GatewayDesktops';
import { ImageCatalog } from '../images/catalog';
import {
  DesktopRuntime,
  DisplayEndpoint,
  RuntimeEvent,
  RuntimeStatus,
} from '@internal/backstage-plugin-desktops-node';
import { DesktopRecord, DesktopsStore, newDesktopId } from '../store';
import { errorMessage } from './errorMessage';
import { exitReason } from './exitReason';
import { ActivityKind, ActivityRecorder } from './ActivityRecorder';
import { defaultDesktopName } from './defaultDesktopName';
import { DesktopLauncher } from './DesktopLauncher';
import { DesktopTransitions } from './DesktopTransitions';
import { DisplayPasswords } from './DisplayPasswords';
import { KeyedQueue } from './KeyedQueue';
import { OwnerQuotas } from './OwnerQuotas';
import { overQuotaError } from './quota';
import { DesktopsSettings } from './settings';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
/**
 * A `pending` row that no launch in this process owns is left alone this
 * long, in case another backend instance is about to launch it.
 */
const ORPHANED_PENDING_GRACE_MS = 60_000;

export type DesktopServiceOptions = {
  store: DesktopsStore;
  runtime: DesktopRuntime;
  catalog: ImageCatalog;
  directory: AccountsDirectory;
  signals: SignalsService;
  logger: LoggerService;
  settings: DesktopsSettings;
  /** Seals display passwords in the database (`desktops.displayPasswordKey`). */
  vault: VncPasswordVault;
  /** How long a launch waits for the display's RFB greeting. Default 20 s. */
  readyTimeoutMs?: number;
};

/**
 * The desktops lifecycle: the only entry point that changes a desktop's
 * state (through `DesktopTransitions`, partly via `DesktopLauncher`).
 *
 * Each transition is written (a conditional update, see
 * `DesktopStore.transition`) before the runtime is acted on, and runtime
 * work for one desktop runs strictly one operation at a time in this process
 * (`KeyedQueue`), so a stop, a launch and the reconciler's corrections never
 * interleave on the same container.
 */
export class DesktopService implements GatewayDesktops {
  private readonly store: DesktopsStore;
  private readonly runtime: DesktopRuntime;
  private readonly catalog: ImageCatalog;
  private readonly logger: LoggerService;
  private readonly transitions: DesktopTransitions;
  private readonly activity: ActivityRecorder;
  private readonly quotas: OwnerQuotas;
  private readonly passwords: DisplayPasswords;

  /** Runtime operations, one at a time per desktop id. */
  private readonly queue = new KeyedQueue();
  /** Quota check + insert/start, one at a time per owner. */
  private readonly ownerLocks = new KeyedQueue();
  /** Launches owned by this process, from request until running or failed. */
  private readonly launcher: DesktopLauncher;
  private readonly background = new Set<Promise<unknown>>();

  constructor(options: DesktopServiceOptions) {
    const { store, logger } = options;
    this.store = store;
    this.runtime = options.runtime;
    this.catalog = options.catalog;
    this.logger = logger;
    this.transitions = new DesktopTransitions(store, options.signals, logger);
    this.passwords = new DisplayPasswords(
      store.displayPasswords,
      options.vault,
      logger,
    );
    this.launcher = new DesktopLauncher({
      runtime: options.runtime,
      transitions: this.transitions,
      passwords: this.passwords,
      logger,
      readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
    });
    this.activity = new ActivityRecorder(store, logger);
    this.quotas = new OwnerQuotas(
      store,
      options.directory,
      options.settings,
      logger,
    );
  }

  // ---- reading ----------------------------------------------------------

  async get(id: string): Promise<DesktopRecord> {
    const desktop = await this.store.desktops.get(id);
    if (!desktop) throw new NotFoundError('Desktop not found');
    return desktop;
  }

  /** Undefined instead of a 404, for the permission resource loader. */
  async find(id: string): Promise<DesktopRecord | undefined> {
    return this.store.desktops.get(id);
  }

  async findMany(ids: string[]): Promise<DesktopRecord[]> {
    return this.store.desktops.getMany(ids);
  }

  async listMine(owner: string): Promise<DesktopRecord[]> {
    return this.store.desktops.listByOwner(owner);
  }

  async listAll(): Promise<DesktopRecord[]> {
    return this.store.desktops.listAll();
  }

  async listInStates(states: readonly DesktopState[]) {
    return this.store.desktops.listInStates(states);
  }

  async quota(owner: string): Promise<DesktopQuota> {
    return this.quotas.quotaFor(owner, await this.quotas.roleOf(owner));
  }

  // ---- lifecycle --------------------------------------------------------

  /**
   * Creates a desktop in `pending` and launches it in the background.
   * `requestedAt` is when the API call arrived (launch latency starts there).
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
    const role = await this.quotas.roleOf(input.owner);
    const desktop = await this.ownerLocks.run(input.owner, async () => {
      const quota = await this.quotas.quotaFor(input.owner, role);
      if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      const id = newDesktopId();
      this.launcher.reserve(id);
      try {
        return await this.store.desktops.insert({
          id,
          owner: input.owner,
          name:
            input.name ??
            defaultDesktopName(
              image.title,
              (
                await this.store.desktops.listByOwner(input.owner)
              ).map(d => d.name),
            ),
          imageId: image.id,
          imageRef: image.image,
          imageTitle: image.title,
          courseId: input.courseId ?? null,
          resources: this.quotas.resourcesFor(image.resources, role),
          launchRequestedAt: input.requestedAt.toISOString(),
        });
      } catch (error) {
        this.launcher.release(id);
        throw error;
      }
    });
    this.transitions.publishChanged(desktop);
    this.inBackground(desktop.id, async () => {
      const starting = await this.transitions.move(
        desktop.id,
        'pending',
        'starting',
      );
      if (starting) {
        await this.launcher.launch(starting);
      } else {
        this.launcher.release(desktop.id);
      }
    });
    return desktop;
  }

  /** Starts a stopped (or failed) desktop again; its home is kept. */
  async start(id: string, requestedAt: Date): Promise<DesktopRecord> {
    const desktop = await this.get(id);
    if (desktop.state !== 'stopped' && desktop.state !== 'error') {
      throw new ConflictError(this.cannotStartMessage(desktop.state));
    }
    const role = await this.quotas.roleOf(desktop.owner);
    const starting = await this.ownerLocks.run(desktop.owner, async () => {
      const quota = await this.quotas.quotaFor(desktop.owner, role);
      if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      // Re-read the image's limits: the catalog or the owner's role may have
      // changed since the desktop was created.
      const base =
        this.catalog.get(desktop.imageId)?.resources ?? desktop.resources;
      this.launcher.reserve(id);
      const moved = await this.transitions.move(id, desktop.state, 'starting', {
        stateReason: null,
        resources: this.quotas.resourcesFor(base, role),
        launchRequestedAt: requestedAt.toISOString(),
      });
      if (!moved) {
        this.launcher.release(id);
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
    this.inBackground(id, () => this.launcher.launch(starting, { recreate }));
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
    const stopping = await this.transitions.move(
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
    this.launcher.abort(id);
    this.inBackground(id, () => this.finishStop(id, reason));
    return stopping;
  }

  /** Stops (if needed) and removes the desktop with its home volume. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    this.launcher.abort(id);
    await this.queue.run(id, async () => {
      const current = await this.store.desktops.get(id);
      if (!current) return;
      if (
        current.state === 'running' ||
        current.state === 'starting' ||
        current.state === 'error'
      ) {
        await this.transitions.move(id, current.state, 'stopping');
      }
      try {
        await this.runtime.stop(id);
      } catch (error) {
        // Removal forces the container down anyway.
        this.logger.warn(
          `Stopping desktop ${id} before removal failed: ${error}`,
        );
      }
      await this.runtime.remove(id);
      await this.passwords.forget(id);
      await this.store.desktops.delete(id);
      this.activity.forget(id);
      this.transitions.publishDeleted(current.owner, id);
    });
  }

  async rename(id: string, name: string): Promise<DesktopRecord> {
    await this.get(id);
    const renamed = await this.store.desktops.rename(id, name);
    if (!renamed) throw new NotFoundError('Desktop not found');
    this.transitions.publishChanged(renamed);
    return renamed;
  }

  // ---- GatewayDesktops --------------------------------------------------

  async runningEndpoint(id: string): Promise<DisplayEndpoint | undefined> {
    const desktop = await this.store.desktops.get(id);
    if (desktop?.state !== 'running') return undefined;
    try {
      const address = await this.runtime.endpoint(id);
      const vncPassword = await this.passwords.current(id);
      if (vncPassword === undefined) {
        this.logger.warn(
          `Running desktop ${id} has no usable display password; a restart gives it a new one`,
        );
        return undefined;
      }
      return { ...address, vncPassword };
    } catch (error) {
      this.logger.warn(
        `No display endpoint for running desktop ${id}: ${error}`,
      );
      return undefined;
    }
  }

  recordActivity(id: string, kind: ActivityKind): void {
    this.activity.record(id, kind);
  }

  onLeftRunning(listener: (desktopId: string) => void): () => void {
    return this.transitions.onLeftRunning(listener);
  }

  // ---- reconciliation (used by the Reconciler) ----------------------------

  /**
   * Brings one desktop's row in line with its workload. Runs in the
   * desktop's queue, after any operation in flight, and inspects the runtime
   * itself then, so what it acts on is current.
   */
  async reconcile(id: string): Promise<void> {
    await this.queue.run(id, () => this.reconcileNow(id));
  }

  /**
   * A running desktop looks consistent, but may have a display this backend
   * can't log in to (see failUnreachable). Cheap once a password is known.
   */
  async reconcileIfUnreachable(id: string): Promise<void> {
    if (await this.passwords.usable(id)) return;
    await this.reconcile(id);
  }

  /**
   * A runtime event. A launch waiting for its display gives up at once if
   * its workload died, instead of waiting out the display timeout; then the
   * desktop is reconciled as usual.
   */
  async onRuntimeEvent(event: RuntimeEvent): Promise<void> {
    const id = event.desktopId;
    if (event.type !== 'started' && this.launcher.hasStartedContainer(id)) {
      const status = await this.runtime.inspect(id);
      if (status?.state !== 'running') {
        const row = await this.store.desktops.get(id);
        this.launcher.abortExited(
          id,
          exitReason(status, row?.resources.memoryMiB ?? 0),
        );
      }
    }
    await this.reconcile(event.desktopId);
  }

  /** A workload labelled as ours with no row: stop it, never remove it. */
  async stopOrphan(status: RuntimeStatus): Promise<void> {
    await this.queue.run(status.desktopId, async () => {
      if (await this.store.desktops.get(status.desktopId)) return;
      this.logger.warn(
        `Desktop container of ${status.desktopId} (owner ${status.owner}) has no desktop record; stopping it and keeping it and its home for an administrator to inspect`,
      );
      await this.runtime.stop(status.desktopId);
    });
  }

  /** Waits until background launches and stops have finished. */
  async settled(): Promise<void> {
    while (this.background.size > 0) {
      await Promise.allSettled([...this.background]);
    }
  }

  /** On shutdown: abandon launches (their rows stay `starting`; the next reconciler pass adopts or fails them). */
  async close(): Promise<void> {
    this.launcher.abortAll();
    await this.settled();
    this.transitions.close();
  }

  // ---- internals --------------------------------------------------------

  private async reconcileNow(id: string): Promise<void> {
    const desktop = await this.store.desktops.get(id);
    if (!desktop) return;
    // A launch of this process is in flight or about to start: it will settle
    // the state itself.
    if (this.launcher.isInFlight(id)) return;
    const status = await this.runtime.inspect(id);
    const running = status?.state === 'running';

    // Stopping and stopped desktops are stopped anyway; the others would be
    // kept (or adopted) as running with a display nobody can log in to.
    const keepsRunning = desktop.state !== 'stopping' && desktop.state !== 'stopped';
    if (running && keepsRunning && !(await this.passwords.usable(id))) {
      await this.failUnreachable(desktop);
      return;
    }
    switch (desktop.state) {
      case 'running':
        if (!running) {
          await this.transitions.move(id, 'running', 'error', {
            stateReason: exitReason(status, desktop.resources.memoryMiB),
          });
          this.logger.info(
            `Desktop ${id} is no longer running (${
              status
                ? `exit code ${status.exitCode}, oom ${status.oomKilled}`
                : 'container gone'
            })`,
          );
        }
        return;
      case 'starting':
        if (running) {
          await this.launcher.adopt(desktop);
        } else {
          await this.transitions.move(id, 'starting', 'error', {
            stateReason: status
              ? exitReason(status, desktop.resources.memoryMiB)
              : 'The launch was interrupted. Start the desktop again; your home folder is kept.',
          });
        }
        return;
      case 'error':
        if (running) await this.launcher.adopt(desktop);
        return;
      case 'stopping':
        // A stop that no operation of this process is finishing (a restart
        // interrupted it): finish it.
        await this.finishStop(id, desktop.stateReason);
        return;
      case 'stopped':
        if (running) {
          this.logger.info(
            `Desktop ${id} is recorded as stopped but its container runs; stopping it`,
          );
          await this.runtime.stop(id);
        }
        return;
      case 'pending':
        if (running) {
          await this.launcher.adopt(desktop);
        } else if (
          Date.now() - Date.parse(desktop.updatedAt) >
          ORPHANED_PENDING_GRACE_MS
        ) {
          await this.transitions.move(id, 'pending', 'error', {
            stateReason: 'The launch was interrupted. Start the desktop again.',
          });
        }
        return;
      default:
        return;
    }
  }

  /**
   * A running desktop whose display password this backend can't produce:
   * no viewer could ever connect, so say so and stop it rather than show it
   * as running.
   */
  private async failUnreachable(desktop: DesktopRecord): Promise<void> {
    this.logger.warn(
      `Desktop ${desktop.id} runs but its display password is unknown here (started before an update, or under another desktops.displayPasswordKey); stopping it`,
    );
    if (desktop.state !== 'error') {
      const failed = await this.transitions.move(desktop.id, desktop.state, 'error', {
        stateReason:
          'Labstage was updated while this desktop ran, and it can no longer be reached. Start it again; your home folder is kept.',
      });
      if (!failed) return;
    }
    await this.runtime.stop(desktop.id);
  }

  private async finishStop(id: string, reason: string | null): Promise<void> {
    try {
      await this.runtime.stop(id);
    } catch (error) {
      this.logger.warn(
        `Stopping desktop ${id} failed: ${stringifyError(error)}`,
      );
      await this.transitions.move(id, 'stopping', 'error', {
        stateReason: `The desktop could not be stopped: ${errorMessage(error)}`,
      });
      return;
    }
    await this.transitions.move(id, 'stopping', 'stopped', {
      stateReason: reason,
    });
  }

  private inBackground(id: string, task: () => Promise<void>): void {
    const promise = this.queue
      .run(id, task)
      .catch(error =>
        this.logger.error(
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
