import { LoggerService } from '@backstage/backend-plugin-api';
import { ClassSession } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { AfterClassDeps, stopAfterClass } from './stopAfterClass';
import { occurrenceInWindow, occurrencesBetween } from './occurrences';
import { SessionRosters } from './sessionRosters';
import { warmUpMeeting, WarmUpDeps } from './warmUpMeeting';

/**
 * A zone's offset from UTC is within ±14 h (plus an hour of DST), so a
 * meeting placed in UTC is within this of where the course's zone puts
 * it: sessions with nothing that near need no roster read.
 */
const ZONE_MARGIN_HOURS = 16;

/**
 * How long one tick goes on beginning new desktops. The tick runs under
 * the scheduler's global lock, which a killed backend holds until the
 * task's timeout: short ticks keep that wait short; the next tick resumes
 * where this one stopped.
 */
export const TICK_BUDGET_MS = 90_000;

export type ClassSessionRunnerDeps = WarmUpDeps &
  Omit<AfterClassDeps, 'sessions' | 'runs' | 'notices' | 'logger'> & {
    rosters: SessionRosters;
    logger: LoggerService;
    /** Real time, for the tick's budget (not the schedule's clock). */
    clock?: () => number;
    budgetMs?: number;
  };

/**
 * The class session runner. Each tick, with the schedule's `now` (the
 * scheduler's time; a test's fake clock):
 * - a meeting whose warm-up window has begun (and whose class has not
 *   ended) is claimed once (`SessionStore.claimRun`) and warmed up, or
 *   resumed if it is still `warming` (a killed backend's run);
 * - a meeting past its stop time whose run has not ended gets its unused
 *   desktops stopped (see stopAfterClass).
 * State lives in the database, so any instance (one at a time: the
 * scheduler's global scope) continues what another began.
 */
export class ClassSessionRunner {
  private readonly controller = new AbortController();

  constructor(private readonly deps: ClassSessionRunnerDeps) {}

  async tick(now: Date, signal?: AbortSignal): Promise<void> {
    const aborted = signal
      ? AbortSignal.any([signal, this.controller.signal])
      : this.controller.signal;
    const clock = this.deps.clock ?? Date.now;
    const until = clock() + (this.deps.budgetMs ?? TICK_BUDGET_MS);
    const keepGoing = () => clock() < until;

    const sessions = await this.deps.sessions.listAll();
    const byId = new Map(sessions.map(s => [s.id, s]));
    const openRuns = (await this.deps.sessions.listOpenRuns()).filter(r =>
      byId.has(r.sessionId),
    );
    const near = sessions.filter(s => mayBeInWindow(s, now));
    const courseIds = [
      ...near.map(s => s.courseId),
      ...openRuns.map(r => byId.get(r.sessionId)!.courseId),
    ];
    if (courseIds.length === 0) return;
    const rosters = await this.deps.rosters.rostersOf(courseIds);

    for (const session of near) {
      if (aborted.aborted) return;
      const roster = rosters.get(session.courseId);
      if (!roster) continue;
      const occurrence = occurrenceInWindow(session, roster.timeZone, now);
      // After the class nothing is started any more: the stop is next.
      if (!occurrence || now >= new Date(occurrence.end)) continue;
      try {
        const { run } = await this.deps.sessions.claimRun(
          session.id,
          occurrence.start,
        );
        if (run.state !== 'warming') continue;
        await warmUpMeeting(this.deps, occurrence, roster, now, {
          signal: aborted,
          keepGoing,
        });
      } catch (error) {
        this.deps.logger.warn(
          `Warming up "${session.title}" of ${roster.code} failed: ${error}`,
        );
      }
    }

    for (const run of await this.deps.sessions.listOpenRuns()) {
      if (aborted.aborted) return;
      const session = byId.get(run.sessionId);
      const roster = session && rosters.get(session.courseId);
      if (!session || !roster) continue;
      try {
        await stopAfterClass(this.deps, run, session, roster, now);
      } catch (error) {
        this.deps.logger.warn(
          `Stopping the desktops of "${session.title}" of ${roster.code} failed: ${error}`,
        );
      }
    }
  }

  /** Stops a tick in progress from beginning or waiting for anything more. */
  close(): void {
    this.controller.abort();
  }
}

/**
 * Whether the session may have a meeting in its window at `now` in any
 * zone: placed in UTC, a meeting within the zone margin.
 */
function mayBeInWindow(session: ClassSession, now: Date): boolean {
  const at = DateTime.fromJSDate(now).toUTC();
  return (
    occurrencesBetween(
      session,
      'UTC',
      at.minus({ hours: ZONE_MARGIN_HOURS }),
      at.plus({ hours: ZONE_MARGIN_HOURS }),
      'window',
    ).length > 0
  );
}
