import { LoggerService } from '@backstage/backend-plugin-api';
import { ClassSession } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { ClassSessionRun } from '../store/SessionStore';
import { runKey } from '../store/runKey';
import {
  AfterClassDeps,
  meetingTimes,
  stopAfterClass,
  StopTimes,
} from './stopAfterClass';
import { occurrenceInWindow, occurrencesBetween } from './occurrences';
import { SessionRosters } from './sessionRosters';
import { warmUpMeeting, WarmUpDeps } from './warmUpMeeting';

const runKeyOf = (sessionId: string, start: string) =>
  `${sessionId} ${runKey(start)}`;

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

type OpenRun = {
  run: ClassSessionRun;
  courseId: string;
  title: string;
  times: StopTimes;
};

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
 *   desktops stopped (see stopAfterClass); this comes first, so a slow
 *   warm-up never delays it, and each wait for a starting desktop ends
 *   with the tick's budget (the next tick resumes).
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
    const openRuns = await this.openRunsWithTimes(byId);
    const near = sessions.filter(s => mayBeInWindow(s, now));
    const courseIds = [
      ...near.map(s => s.courseId),
      ...openRuns.map(r => r.courseId),
    ];
    if (courseIds.length === 0) return;
    const rosters = await this.deps.rosters.rostersOf(courseIds);

    // The stop first, and every tick: a slow warm-up of one class must
    // not hold up the end of another.
    for (const { run, times, courseId, title } of openRuns) {
      if (aborted.aborted) return;
      const roster = rosters.get(courseId);
      if (!roster) continue;
      const otherMeetingOpen = meetingsOpenAt(
        sessions.filter(s => s.courseId === courseId),
        openRuns.filter(o => o.courseId === courseId),
        roster.timeZone,
        now,
      ).some(key => key !== runKeyOf(run.sessionId, run.occurrenceStart));
      try {
        await stopAfterClass(
          this.deps,
          run,
          times,
          roster,
          now,
          otherMeetingOpen,
        );
      } catch (error) {
        this.deps.logger.warn(
          `Stopping the desktops of "${title}" of ${roster.code} failed: ${error}`,
        );
      }
    }

    for (const session of near) {
      if (aborted.aborted) return;
      const roster = rosters.get(session.courseId);
      if (!roster) continue;
      const occurrence = occurrenceInWindow(session, roster.timeZone, now);
      // After the class nothing is started any more: the stop is next.
      if (!occurrence || now >= new Date(occurrence.end)) continue;
      try {
        const { run, claimed } = await this.deps.sessions.claimRun(
          session.id,
          occurrence.start,
        );
        // Deleted since this tick read it: no orphan run is left behind.
        if (claimed && !(await this.deps.sessions.get(session.id))) {
          await this.deps.runs.dropUnstartedRun(session.id, occurrence.start);
          continue;
        }
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
  }

  /**
   * The runs not ended yet, with their course and stop times: from the
   * session, or as the run recorded them once the session is deleted (its
   * warmed desktops still stop after the class). A deleted session's run
   * without a recorded window is left alone.
   */
  private async openRunsWithTimes(byId: Map<string, ClassSession>) {
    const open: OpenRun[] = [];
    for (const run of await this.deps.sessions.listOpenRuns()) {
      const session = byId.get(run.sessionId);
      if (session) {
        open.push({
          run,
          courseId: session.courseId,
          title: session.title,
          times: meetingTimes(session, run.occurrenceStart),
        });
        continue;
      }
      const recorded = await this.deps.runs.recordedWindowOf(
        run.sessionId,
        run.occurrenceStart,
      );
      if (!recorded) continue;
      open.push({
        run,
        courseId: recorded.courseId,
        title: 'a deleted session',
        times: {
          start: run.occurrenceStart,
          end: null,
          stopAt: recorded.stopAt,
        },
      });
    }
    return open;
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

/**
 * The meetings of one course in their window [warmUpAt, stopAt) at `now`:
 * as scheduled, and the open runs whose stop time has not come (a meeting
 * moved or deleted during its warm-up), as run keys.
 */
function meetingsOpenAt(
  sessions: ClassSession[],
  runs: OpenRun[],
  timeZone: string,
  now: Date,
): string[] {
  const scheduled = sessions
    .map(s => occurrenceInWindow(s, timeZone, now))
    .filter(o => o !== undefined)
    .map(o => runKeyOf(o!.sessionId, o!.start));
  const running = runs
    .filter(r => now.getTime() < Date.parse(r.times.stopAt))
    .map(r => runKeyOf(r.run.sessionId, r.run.occurrenceStart));
  return [...scheduled, ...running];
}
