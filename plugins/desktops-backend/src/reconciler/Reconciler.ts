import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { DesktopRuntime } from '@internal/backstage-plugin-desktops-node';
import { lastUsedAt } from '../service/activityTimes';
import { DesktopService } from '../service/DesktopService';
import { DesktopRecord } from '../store';
import { IdleStopExemptions } from './IdleStopExemptions';
import { ReconcileDecisions } from './ReconcileDecisions';

export type ReconcilerOptions = {
  /** Lists desktops and stops idle ones. */
  service: DesktopService;
  decisions: ReconcileDecisions;
  runtime: DesktopRuntime;
  logger: LoggerService;
  /** `desktops.idleStopMinutes`; 0 disables idle stop. */
  idleStopMinutes: number;
  /** Idle desktops to leave running (class warm-ups); none if absent. */
  idleStopExemptions?: IdleStopExemptions;
  /** The time idle stop compares with; a test's fake clock. */
  clock?: () => Date;
};

/**
 * Corrects the desktops table from what the runtime actually runs. Runs a
 * full pass at start and periodically (the plugin schedules `runOnce`), and
 * a single-desktop pass on every runtime event, so a crash shows up within
 * moments instead of at the next pass. Also stops idle desktops.
 *
 * The decisions per desktop live in `ReconcileDecisions`, which run in the
 * desktop's operation queue; this class only finds candidates.
 */
export class Reconciler {
  private readonly service: DesktopService;
  private readonly decisions: ReconcileDecisions;
  private readonly runtime: DesktopRuntime;
  private readonly logger: LoggerService;
  private readonly idleStopMinutes: number;
  private readonly idleStopExemptions?: IdleStopExemptions;
  private readonly clock: () => Date;
  private unwatch?: () => void;
  private running?: Promise<void>;
  /** The first pass recovers the run intervals; later ones need not. */
  private intervalsRecovered = false;

  constructor(options: ReconcilerOptions) {
    this.service = options.service;
    this.decisions = options.decisions;
    this.runtime = options.runtime;
    this.logger = options.logger;
    this.idleStopMinutes = options.idleStopMinutes;
    this.idleStopExemptions = options.idleStopExemptions;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Subscribes to runtime events. Call `runOnce` for the full passes. */
  watch(): void {
    if (this.unwatch) return;
    this.unwatch = this.runtime.watch(event => {
      this.decisions
        .onRuntimeEvent(event)
        .catch(error =>
          this.logger.warn(
            `Reconciling desktop ${event.desktopId} after '${
              event.type
            }' failed: ${stringifyError(error)}`,
          ),
        );
    });
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** One full pass; concurrent calls share the pass in progress. */
  runOnce(): Promise<void> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async pass(): Promise<void> {
    if (!this.intervalsRecovered) {
      // Before the decisions: they change rows (a desktop that died while
      // no backend ran would be charged until now).
      try {
        await this.decisions.recoverRunIntervals();
        this.intervalsRecovered = true;
      } catch (error) {
        this.logger.warn(
          `Recovering the desktops' running time failed (retried on the next pass): ${stringifyError(
            error,
          )}`,
        );
      }
    }
    const [statuses, rows] = await Promise.all([
      this.runtime.list(),
      this.service.listAll(),
    ]);
    const rowById = new Map(rows.map(row => [row.id, row]));
    const statusById = new Map(statuses.map(s => [s.desktopId, s]));
    const work: Promise<void>[] = [];
    const now = this.clock();

    for (const status of statuses) {
      if (!rowById.has(status.desktopId) && status.state === 'running') {
        work.push(this.decisions.stopOrphan(status));
      }
    }

    for (const row of rows) {
      const status = statusById.get(row.id);
      const containerRuns = status?.state === 'running';
      const consistent =
        (row.state === 'running' && containerRuns) ||
        ((row.state === 'stopped' || row.state === 'error') && !containerRuns);
      if (!consistent) {
        work.push(this.decisions.reconcile(row.id));
      } else if (row.state === 'running' && this.isIdle(lastUsedAt(row), now)) {
        work.push(this.stopIdleUnlessExempt(row, now));
      } else if (row.state === 'running') {
        work.push(this.decisions.reconcileIfUnreachable(row.id));
      }
    }

    const results = await Promise.allSettled(work);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.warn(
          `Reconciling a desktop failed: ${stringifyError(result.reason)}`,
        );
      }
    }
  }

  private isIdle(lastUsed: string | null, now: Date): boolean {
    if (this.idleStopMinutes <= 0 || lastUsed === null) return false;
    return now.getTime() - Date.parse(lastUsed) > this.idleStopMinutes * 60_000;
  }

  private async stopIdleUnlessExempt(
    row: DesktopRecord,
    now: Date,
  ): Promise<void> {
    let exempt: boolean;
    try {
      exempt = (await this.idleStopExemptions?.isExempt(row, now)) ?? false;
    } catch (error) {
      // A stop can't be taken back for the student: keep the desktop
      // until the next pass can tell.
      this.logger.warn(
        `Not stopping idle desktop ${
          row.id
        } this time: whether a class session needs it could not be read: ${stringifyError(
          error,
        )}`,
      );
      exempt = true;
    }
    if (exempt) {
      await this.decisions.reconcileIfUnreachable(row.id);
      return;
    }
    await this.stopIdle(row.id);
  }

  private async stopIdle(id: string): Promise<void> {
    const minutes = this.idleStopMinutes;
    const label = minutes === 1 ? 'minute' : 'minutes';
    this.logger.info(
      `Stopping desktop ${id}: idle for over ${minutes} ${label}`,
    );
    await this.service.stop(id, {
      reason: `Stopped after ${minutes} ${label} without use`,
    });
  }
}
