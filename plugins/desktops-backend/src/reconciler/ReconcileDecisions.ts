import {
  RuntimeEvent,
  RuntimeStatus,
} from '@internal/backstage-plugin-desktops-node';
import { recoverRunIntervals } from '../quotas/recoverRunIntervals';
import { DesktopParts } from '../service/DesktopParts';
import { exitReason } from '../service/exitReason';
import { finishStop } from '../service/finishStop';
import { DesktopRecord } from '../store';

/**
 * A `pending` row that no launch in this process owns is left alone this
 * long, in case another backend instance is about to launch it.
 */
const ORPHANED_PENDING_GRACE_MS = 60_000;

/**
 * What to do about one desktop whose row and workload disagree: adopt it,
 * fail it with the reason, finish its stop, or stop a workload nobody
 * records. The `Reconciler` finds the candidates; every decision here runs
 * in the desktop's operation queue, after any lifecycle operation in flight.
 */
export class ReconcileDecisions {
  constructor(private readonly parts: DesktopParts) {}

  /**
   * Brings one desktop's row in line with its workload. Inspects the
   * runtime once it is its turn in the queue, so what it acts on is current.
   */
  async reconcile(id: string): Promise<void> {
    await this.parts.queue.run(id, () => this.reconcileNow(id));
  }

  /**
   * A running desktop looks consistent, but may have a display this backend
   * can't log in to (see failUnreachable). Cheap once a password is known.
   */
  async reconcileIfUnreachable(id: string): Promise<void> {
    if (await this.parts.passwords.usable(id)) return;
    await this.reconcile(id);
  }

  /**
   * A runtime event. A launch waiting for its display gives up at once if
   * its workload died, instead of waiting out the display timeout, and then
   * settles the desktop itself; otherwise the desktop is reconciled as
   * usual. Either way the event costs one `inspect`.
   */
  async onRuntimeEvent(event: RuntimeEvent): Promise<void> {
    const id = event.desktopId;
    const { launcher, runtime, store } = this.parts;
    if (event.type !== 'started' && launcher.hasStartedContainer(id)) {
      const status = await runtime.inspect(id);
      if (status?.state !== 'running') {
        const row = await store.desktops.get(id);
        const cutShort = launcher.abortExited(
          id,
          exitReason(status, row?.resources.memoryMiB ?? 0),
        );
        // The launch now fails the desktop with that reason and stops the
        // workload; a reconcile after it would only inspect the same exited
        // workload again.
        if (cutShort) return;
      }
    }
    await this.reconcile(id);
  }

  /**
   * At startup, before any decision: the run intervals a stopped backend
   * left open or never opened (see recoverRunIntervals).
   */
  async recoverRunIntervals(): Promise<void> {
    const { closed, opened } = await recoverRunIntervals(this.parts);
    if (closed.length > 0 || opened.length > 0) {
      this.parts.logger.info(
        `Running time after a restart: closed ${closed.length} interval(s) of desktops that stopped meanwhile, opened ${opened.length} for running desktops that had none`,
      );
    }
  }

  /** A workload labelled as ours with no row: stop it, never remove it. */
  async stopOrphan(status: RuntimeStatus): Promise<void> {
    const { queue, store, logger, runtime } = this.parts;
    await queue.run(status.desktopId, async () => {
      if (await store.desktops.get(status.desktopId)) return;
      logger.warn(
        `Desktop container of ${status.desktopId} (owner ${status.owner}) has no desktop record; stopping it and keeping it and its home for an administrator to inspect`,
      );
      await runtime.stop(status.desktopId);
    });
  }

  private async reconcileNow(id: string): Promise<void> {
    const { store, launcher, runtime, passwords, transitions, logger } =
      this.parts;
    const desktop = await store.desktops.get(id);
    if (!desktop) return;
    // A launch of this process is in flight or about to start: it will settle
    // the state itself.
    if (launcher.isInFlight(id)) return;
    const status = await runtime.inspect(id);
    const running = status?.state === 'running';

    // Stopping and stopped desktops are stopped anyway; the others would be
    // kept (or adopted) as running with a display nobody can log in to.
    const keepsRunning =
      desktop.state !== 'stopping' && desktop.state !== 'stopped';
    if (running && keepsRunning && !(await passwords.usable(id))) {
      await this.failUnreachable(desktop);
      return;
    }
    switch (desktop.state) {
      case 'running':
        if (!running) {
          await transitions.move(id, 'running', 'error', {
            stateReason: exitReason(status, desktop.resources.memoryMiB),
          });
          logger.info(
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
          await launcher.adopt(desktop);
        } else {
          await transitions.move(id, 'starting', 'error', {
            stateReason: status
              ? exitReason(status, desktop.resources.memoryMiB)
              : 'The launch was interrupted. Start the desktop again; your home folder is kept.',
          });
        }
        return;
      case 'error':
        if (running) await launcher.adopt(desktop);
        return;
      case 'stopping':
        // A stop that no operation of this process is finishing (a restart
        // interrupted it): finish it.
        await finishStop(this.parts, id, desktop.stateReason);
        return;
      case 'stopped':
        if (running) {
          logger.info(
            `Desktop ${id} is recorded as stopped but its container runs; stopping it`,
          );
          await runtime.stop(id);
        }
        return;
      case 'pending':
        if (running) {
          await launcher.adopt(desktop);
        } else if (
          Date.now() - Date.parse(desktop.updatedAt) >
          ORPHANED_PENDING_GRACE_MS
        ) {
          await transitions.move(id, 'pending', 'error', {
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
    const { logger, transitions, runtime } = this.parts;
    logger.warn(
      `Desktop ${desktop.id} runs but its display password is unknown here (started before an update, or under another desktops.displayPasswordKey); stopping it`,
    );
    if (desktop.state !== 'error') {
      const failed = await transitions.move(
        desktop.id,
        desktop.state,
        'error',
        {
          stateReason:
            'Labstage was updated while this desktop ran, and it can no longer be reached. Start it again; your home folder is kept.',
        },
      );
      if (!failed) return;
    }
    await runtime.stop(desktop.id);
  }
}
