import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import {
  DesktopRuntime,
  ImageRegistry,
} from '@internal/backstage-plugin-desktops-node';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { pullCredentialsFor } from '../registry/imageReferences';
import { DesktopRecord } from '../store';
import { DesktopTransitions } from './DesktopTransitions';
import { DisplayPasswords } from './DisplayPasswords';
import { waitForRfbGreeting } from './displayReady';
import { errorMessage } from './errorMessage';
import { launchSecondsHistogram } from './launchMetrics';

/** A launch in flight in this process. */
type Launch = {
  controller: AbortController;
  /** Set once the runtime reports the workload running. */
  containerStarted: boolean;
  /**
   * Set once the display has answered: the launch only writes `running`
   * then, and an exit after that is the reconciler's to notice.
   */
  settling: boolean;
};

/** Abort reason of a launch whose workload exited before its display answered. */
class WorkloadExited extends Error {}

function newLaunch(): Launch {
  return {
    controller: new AbortController(),
    containerStarted: false,
    settling: false,
  };
}

export type DesktopLauncherOptions = {
  /** Where saved images and course environments are pulled from. */
  registry?: ImageRegistry;
  runtime: DesktopRuntime;
  transitions: DesktopTransitions;
  passwords: DisplayPasswords;
  logger: LoggerService;
  /** How long a launch waits for the display's RFB greeting. */
  readyTimeoutMs: number;
  /** `desktops.simulation.runningWorkloadIsReady`: benchmarks on simulated nodes only. */
  runningWorkloadIsReady?: boolean;
};

/**
 * Brings desktops in `starting` to `running` (or `error`): a fresh launch,
 * or the adoption of a container that already runs. Knows which launches
 * this process owns, so the reconciler leaves those alone, and lets a stop,
 * a delete or the workload's death cut a launch short.
 */
export class DesktopLauncher {
  private readonly launches = new Map<string, Launch>();

  constructor(private readonly options: DesktopLauncherOptions) {}

  /**
   * Claims the launch of `id` before its row is written, so a reconciler
   * pass in between does not fail a desktop that is about to start.
   */
  reserve(id: string): void {
    this.launches.set(id, newLaunch());
  }

  /** Gives up a reservation whose row was never moved to `starting`. */
  release(id: string): void {
    this.launches.delete(id);
  }

  isInFlight(id: string): boolean {
    return this.launches.has(id);
  }

  /** Whether the launch of `id` has got as far as a started container. */
  hasStartedContainer(id: string): boolean {
    return this.launches.get(id)?.containerStarted ?? false;
  }

  /** A stop or delete came in: the launch gives up instead of marking running. */
  abort(id: string): void {
    this.launches.get(id)?.controller.abort();
  }

  /**
   * The container died while its display was awaited: fail with why. True
   * if the launch took it and will settle the desktop as `error` itself;
   * false if there was nothing left to cut short (no launch, already
   * aborted, or past waiting for the display).
   */
  abortExited(id: string, reason: string): boolean {
    const launch = this.launches.get(id);
    if (!launch || launch.settling || launch.controller.signal.aborted) {
      return false;
    }
    launch.controller.abort(new WorkloadExited(reason));
    return true;
  }

  /** Until the display greets a viewer (simulated nodes: not at all). */
  private async waitForDisplay(id: string, signal?: AbortSignal) {
    if (this.options.runningWorkloadIsReady) return;
    const address = await this.options.runtime.endpoint(id);
    await waitForRfbGreeting(address, {
      timeoutMs: this.options.readyTimeoutMs,
      signal,
    });
  }

  abortAll(): void {
    for (const launch of this.launches.values()) launch.controller.abort();
  }

  /**
   * Takes over a desktop whose container runs but whose row is not
   * `running` (e.g. the backend restarted mid-launch), once its display
   * answers.
   */
  async adopt(desktop: DesktopRecord): Promise<void> {
    const { runtime, transitions, logger } = this.options;
    let from: DesktopState = desktop.state;
    if (from !== 'starting') {
      const starting = await transitions.move(desktop.id, from, 'starting', {
        stateReason: null,
      });
      if (!starting) return;
      from = 'starting';
    }
    try {
      await this.waitForDisplay(desktop.id);
    } catch (error) {
      await transitions.move(desktop.id, 'starting', 'error', {
        stateReason: `The desktop's display is not answering: ${errorMessage(
          error,
        )}`,
      });
      await runtime.stop(desktop.id).catch(() => undefined);
      return;
    }
    const status = await runtime.inspect(desktop.id);
    const adopted = await transitions.move(desktop.id, 'starting', 'running', {
      stateReason: null,
      runtimeHandle: status?.handle ?? desktop.runtimeHandle,
      startedAt: status?.startedAt ?? desktop.startedAt ?? nowIso(),
    });
    if (adopted) {
      logger.info(`Re-adopted running desktop ${desktop.id}`);
    }
  }

  /** Runs a launch for a desktop already moved to `starting`. */
  async launch(
    desktop: DesktopRecord,
    options?: { recreate?: boolean },
  ): Promise<void> {
    const { runtime, transitions, passwords, logger } = this.options;
    const id = desktop.id;
    const launch = this.launches.get(id) ?? newLaunch();
    this.launches.set(id, launch);
    const { controller } = launch;
    try {
      if (controller.signal.aborted) return;
      if (options?.recreate) {
        await runtime.remove(id, { keepHome: true });
      }
      const { handle } = await runtime.start({
        desktopId: id,
        owner: desktop.owner,
        imageRef: desktop.imageRef,
        resources: desktop.resources,
        // Written before the runtime acts, like every state change.
        vncPassword: await passwords.issue(id),
        pullCredentials: await pullCredentialsFor(
          this.options.registry,
          desktop.imageRef,
        ),
      });
      launch.containerStarted = true;
      // A stop or delete came in meanwhile; its own operation (queued behind
      // this one) stops the container.
      if (controller.signal.aborted) return;
      await this.waitForDisplay(id, controller.signal);
      launch.settling = true;
      // An abort that came in while the greeting was read still counts.
      controller.signal.throwIfAborted();
      const running = await transitions.move(id, 'starting', 'running', {
        runtimeHandle: handle,
        startedAt: nowIso(),
        stateReason: null,
      });
      if (running && desktop.launchRequestedAt) {
        const seconds =
          (Date.now() - Date.parse(desktop.launchRequestedAt)) / 1000;
        launchSecondsHistogram().record(seconds, { image: desktop.imageId });
        logger.info(
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
      logger.warn(
        `Launching desktop ${id} failed: ${stringifyError(exited ?? error)}`,
      );
      const failed = await transitions.move(id, 'starting', 'error', {
        stateReason: exited
          ? exited.message
          : `The desktop could not start: ${errorMessage(error)}`,
      });
      if (failed) {
        // Leave nothing running behind a desktop shown as failed.
        await runtime
          .stop(id)
          .catch(e => logger.warn(`Stopping failed desktop ${id}: ${e}`));
      }
    } finally {
      if (this.launches.get(id) === launch) this.launches.delete(id);
    }
  }
}
