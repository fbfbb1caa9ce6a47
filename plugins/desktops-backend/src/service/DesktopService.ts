import { EventEmitter } from 'node:events';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import {
  DesktopQuota,
  DesktopSignal,
  DesktopState,
  desktopSignalChannel,
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
} from '../runtime/DesktopRuntime';
import {
  DesktopRecord,
  DesktopsStore,
  newDesktopId,
  nowIso,
  TransitionPatch,
} from '../store';
import { generateVncPassword } from '../vnc/vncAuth';
import { waitForRfbGreeting } from './displayReady';
import { exitReason } from './exitReason';
import { launchSecondsHistogram } from './launchMetrics';
import { KeyedQueue } from './KeyedQueue';
import { presentDesktop } from './presenters';
import {
  clampResources,
  maxRunningFor,
  overQuotaError,
  Role,
  roleQuota,
} from './quota';
import { DesktopsSettings } from './settings';

/** Activity is written at most this often per desktop and kind. */
const ACTIVITY_WRITE_INTERVAL_MS = 30_000;
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
  /** How long a launch waits for the display's RFB greeting. Default 20 s. */
  readyTimeoutMs?: number;
};

/** A launch in flight in this process. */
type Launch = {
  controller: AbortController;
  /** Set once the runtime reports the workload running. */
  containerStarted: boolean;
};

/** Abort reason of a launch whose workload exited before its display answered. */
class WorkloadExited extends Error {}

function newLaunch(): Launch {
  return { controller: new AbortController(), containerStarted: false };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The desktops lifecycle: the only code that changes a desktop's state.
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
  private readonly directory: AccountsDirectory;
  private readonly signals: SignalsService;
  private readonly logger: LoggerService;
  private readonly settings: DesktopsSettings;
  private readonly readyTimeoutMs: number;

  /** Runtime operations, one at a time per desktop id. */
  private readonly queue = new KeyedQueue();
  /** Quota check + insert/start, one at a time per owner. */
  private readonly ownerLocks = new KeyedQueue();
  /** Launches owned by this process, from request until running or failed. */
  private readonly launches = new Map<string, Launch>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly lastActivityWrite = new Map<string, number>();
  private readonly events = new EventEmitter();
  private closed = false;

  constructor(options: DesktopServiceOptions) {
    this.store = options.store;
    this.runtime = options.runtime;
    this.catalog = options.catalog;
    this.directory = options.directory;
    this.signals = options.signals;
    this.logger = options.logger;
    this.settings = options.settings;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
    this.events.setMaxListeners(0);
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
    return this.quotaFor(owner, await this.roleOf(owner));
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
    const role = await this.roleOf(input.owner);
    const desktop = await this.ownerLocks.run(input.owner, async () => {
      const quota = await this.quotaFor(input.owner, role);
      if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      const id = newDesktopId();
      this.launches.set(id, newLaunch());
      try {
        return await this.store.desktops.insert({
          id,
          owner: input.owner,
          name:
            input.name ?? (await this.defaultName(input.owner, image.title)),
          imageId: image.id,
          imageRef: image.image,
          imageTitle: image.title,
          courseId: input.courseId ?? null,
          resources: clampResources(
            image.resources,
            roleQuota(this.settings, role),
          ),
          launchRequestedAt: input.requestedAt.toISOString(),
        });
      } catch (error) {
        this.launches.delete(id);
        throw error;
      }
    });
    this.publishChanged(desktop);
    this.inBackground(desktop.id, async () => {
      const starting = await this.move(desktop.id, 'pending', 'starting');
      if (starting) {
        await this.launch(starting);
      } else {
        this.launches.delete(desktop.id);
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
    const role = await this.roleOf(desktop.owner);
    const starting = await this.ownerLocks.run(desktop.owner, async () => {
      const quota = await this.quotaFor(desktop.owner, role);
      if (quota.running >= quota.maxRunning) throw overQuotaError(quota);
      // Re-read the image's limits: the catalog or the owner's role may have
      // changed since the desktop was created.
      const base =
        this.catalog.get(desktop.imageId)?.resources ?? desktop.resources;
      this.launches.set(id, newLaunch());
      const moved = await this.move(id, desktop.state, 'starting', {
        stateReason: null,
        resources: clampResources(base, roleQuota(this.settings, role)),
        launchRequestedAt: requestedAt.toISOString(),
      });
      if (!moved) {
        this.launches.delete(id);
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
    this.inBackground(id, () => this.launch(starting, { recreate }));
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
    const stopping = await this.move(id, desktop.state, 'stopping', {
      stateReason: reason,
    });
    if (!stopping) {
      throw new ConflictError(
        'The desktop changed state meanwhile; reload and try again',
      );
    }
    // A launch in flight notices, and gives up instead of marking running.
    this.launches.get(id)?.controller.abort();
    this.inBackground(id, () => this.finishStop(id, reason));
    return stopping;
  }

  /** Stops (if needed) and removes the desktop with its home volume. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    this.launches.get(id)?.controller.abort();
    await this.queue.run(id, async () => {
      const current = await this.store.desktops.get(id);
      if (!current) return;
      if (
        current.state === 'running' ||
        current.state === 'starting' ||
        current.state === 'error'
      ) {
        await this.move(id, current.state, 'stopping');
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
      await this.store.desktops.delete(id);
      this.forgetActivity(id);
      this.publish(current.owner, { type: 'desktop-deleted', id });
    });
  }

  async rename(id: string, name: string): Promise<DesktopRecord> {
    await this.get(id);
    const renamed = await this.store.desktops.rename(id, name);
    if (!renamed) throw new NotFoundError('Desktop not found');
    this.publishChanged(renamed);
    return renamed;
  }

  // ---- GatewayDesktops --------------------------------------------------

  async runningEndpoint(id: string): Promise<DisplayEndpoint | undefined> {
    const desktop = await this.store.desktops.get(id);
    if (desktop?.state !== 'running') return undefined;
    try {
      return await this.runtime.endpoint(id);
    } catch (error) {
      this.logger.warn(
        `No display endpoint for running desktop ${id}: ${error}`,
      );
      return undefined;
    }
  }

  recordActivity(id: string, kind: 'input' | 'viewer'): void {
    const key = `${id}:${kind}`;
    const now = Date.now();
    const last = this.lastActivityWrite.get(key);
    if (last !== undefined && now - last < ACTIVITY_WRITE_INTERVAL_MS) return;
    this.lastActivityWrite.set(key, now);
    this.store.desktops
      .recordActivity(id, kind, new Date(now).toISOString())
      .catch(error =>
        this.logger.warn(
          `Recording ${kind} activity of ${id} failed: ${error}`,
        ),
      );
  }

  onLeftRunning(listener: (desktopId: string) => void): () => void {
    this.events.on('left-running', listener);
    return () => {
      this.events.off('left-running', listener);
    };
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
   * A runtime event. A launch waiting for its display gives up at once if
   * its workload died, instead of waiting out the display timeout; then the
   * desktop is reconciled as usual.
   */
  async onRuntimeEvent(event: RuntimeEvent): Promise<void> {
    const launch = this.launches.get(event.desktopId);
    if (event.type !== 'started' && launch?.containerStarted) {
      const status = await this.runtime.inspect(event.desktopId);
      if (status?.state !== 'running') {
        const row = await this.store.desktops.get(event.desktopId);
        launch.controller.abort(
          new WorkloadExited(exitReason(status, row?.resources.memoryMiB ?? 0)),
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
    this.closed = true;
    for (const launch of this.launches.values()) launch.controller.abort();
    await this.settled();
    this.events.removeAllListeners();
  }

  // ---- internals --------------------------------------------------------

  private async reconcileNow(id: string): Promise<void> {
    const desktop = await this.store.desktops.get(id);
    if (!desktop) return;
    // A launch of this process is in flight or about to start: it will settle
    // the state itself.
    if (this.launches.has(id)) return;
    const status = await this.runtime.inspect(id);
    const running = status?.state === 'running';

    switch (desktop.state) {
      case 'running':
        if (!running) {
          await this.move(id, 'running', 'error', {
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
          await this.adopt(desktop);
        } else {
          await this.move(id, 'starting', 'error', {
            stateReason: status
              ? exitReason(status, desktop.resources.memoryMiB)
              : 'The launch was interrupted. Start the desktop again; your home folder is kept.',
          });
        }
        return;
      case 'error':
        if (running) await this.adopt(desktop);
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
          await this.adopt(desktop);
        } else if (
          Date.now() - Date.parse(desktop.updatedAt) >
          ORPHANED_PENDING_GRACE_MS
        ) {
          await this.move(id, 'pending', 'error', {
            stateReason: 'The launch was interrupted. Start the desktop again.',
          });
        }
        return;
      default:
        return;
    }
  }

  /**
   * Takes over a desktop whose container runs but whose row is not
   * `running` (e.g. the backend restarted mid-launch), once its display
   * answers.
   */
  private async adopt(desktop: DesktopRecord): Promise<void> {
    let from: DesktopState = desktop.state;
    if (from !== 'starting') {
      const starting = await this.move(desktop.id, from, 'starting', {
        stateReason: null,
      });
      if (!starting) return;
      from = 'starting';
    }
    try {
      const endpoint = await this.runtime.endpoint(desktop.id);
      await waitForRfbGreeting(endpoint, { timeoutMs: this.readyTimeoutMs });
    } catch (error) {
      await this.move(desktop.id, 'starting', 'error', {
        stateReason: `The desktop's display is not answering: ${message(
          error,
        )}`,
      });
      await this.runtime.stop(desktop.id).catch(() => undefined);
      return;
    }
    const status = await this.runtime.inspect(desktop.id);
    const adopted = await this.move(desktop.id, 'starting', 'running', {
      stateReason: null,
      runtimeHandle: status?.handle ?? desktop.runtimeHandle,
      startedAt: status?.startedAt ?? desktop.startedAt ?? nowIso(),
    });
    if (adopted) {
      this.logger.info(`Re-adopted running desktop ${desktop.id}`);
    }
  }

  /** Runs a launch for a desktop already moved to `starting`. */
  private async launch(
    desktop: DesktopRecord,
    options?: { recreate?: boolean },
  ): Promise<void> {
    const id = desktop.id;
    const launch = this.launches.get(id) ?? newLaunch();
    this.launches.set(id, launch);
    const { controller } = launch;
    try {
      if (controller.signal.aborted) return;
      if (options?.recreate) {
        await this.runtime.remove(id, { keepHome: true });
      }
      const { handle } = await this.runtime.start({
        desktopId: id,
        owner: desktop.owner,
        imageRef: desktop.imageRef,
        resources: desktop.resources,
        vncPassword: generateVncPassword(),
      });
      launch.containerStarted = true;
      // A stop or delete came in meanwhile; its own operation (queued behind
      // this one) stops the container.
      if (controller.signal.aborted) return;
      const endpoint = await this.runtime.endpoint(id);
      await waitForRfbGreeting(endpoint, {
        timeoutMs: this.readyTimeoutMs,
        signal: controller.signal,
      });
      const running = await this.move(id, 'starting', 'running', {
        runtimeHandle: handle,
        startedAt: nowIso(),
        stateReason: null,
      });
      if (running && desktop.launchRequestedAt) {
        const seconds =
          (Date.now() - Date.parse(desktop.launchRequestedAt)) / 1000;
        launchSecondsHistogram().record(seconds, { image: desktop.imageId });
        this.logger.info(
          `Desktop ${id} of ${desktop.owner} is running (${seconds.toFixed(
            2,
          )} s from request)`,
        );
      }
    } catch (error) {
      const exited =
        controller.signal.reason instanceof WorkloadExited
          ? controller.signal.reason
          : undefined;
      if (controller.signal.aborted && !exited) return;
      this.logger.warn(
        `Launching desktop ${id} failed: ${stringifyError(exited ?? error)}`,
      );
      const failed = await this.move(id, 'starting', 'error', {
        stateReason: exited
          ? exited.message
          : `The desktop could not start: ${message(error)}`,
      });
      if (failed) {
        // Leave nothing running behind a desktop shown as failed.
        await this.runtime
          .stop(id)
          .catch(e => this.logger.warn(`Stopping failed desktop ${id}: ${e}`));
      }
    } finally {
      if (this.launches.get(id) === launch) this.launches.delete(id);
    }
  }

  private async finishStop(id: string, reason: string | null): Promise<void> {
    try {
      await this.runtime.stop(id);
    } catch (error) {
      this.logger.warn(
        `Stopping desktop ${id} failed: ${stringifyError(error)}`,
      );
      await this.move(id, 'stopping', 'error', {
        stateReason: `The desktop could not be stopped: ${message(error)}`,
      });
      return;
    }
    await this.move(id, 'stopping', 'stopped', { stateReason: reason });
  }

  /** Every state change goes through here: store, signal, gateway hook. */
  private async move(
    id: string,
    from: DesktopState,
    to: DesktopState,
    patch?: TransitionPatch,
  ): Promise<DesktopRecord | undefined> {
    const updated = await this.store.desktops.transition(id, from, to, patch);
    if (updated) {
      this.publishChanged(updated);
      if (from === 'running') this.events.emit('left-running', id);
    }
    return updated;
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

  private publishChanged(desktop: DesktopRecord): void {
    this.publish(desktop.owner, {
      type: 'desktop-changed',
      desktop: presentDesktop(desktop),
    });
  }

  private publish(owner: string, signal: DesktopSignal): void {
    if (this.closed) return;
    this.signals
      .publish<DesktopSignal>({
        recipients: { type: 'user', entityRef: owner },
        channel: desktopSignalChannel(owner),
        message: signal,
      })
      .catch(error =>
        this.logger.warn(`Publishing a desktop signal failed: ${error}`),
      );
  }

  private forgetActivity(id: string) {
    this.lastActivityWrite.delete(`${id}:input`);
    this.lastActivityWrite.delete(`${id}:viewer`);
  }

  private async roleOf(owner: string): Promise<Role | undefined> {
    try {
      const user = await this.directory.getUserByRef(owner);
      return user?.role as Role | undefined;
    } catch (error) {
      // Without the directory the default quota still applies.
      this.logger.warn(`Looking up the role of ${owner} failed: ${error}`);
      return undefined;
    }
  }

  private async quotaFor(
    owner: string,
    role: Role | undefined,
  ): Promise<DesktopQuota> {
    return {
      maxRunning: maxRunningFor(this.settings, role),
      running: await this.store.desktops.countActive(owner),
    };
  }

  private async defaultName(owner: string, title: string): Promise<string> {
    const names = new Set(
      (await this.store.desktops.listByOwner(owner)).map(d => d.name),
    );
    const base = title.slice(0, 55);
    if (!names.has(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base} ${n}`;
      if (!names.has(candidate)) return candidate;
    }
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
