import { LoggerService } from '@backstage/backend-plugin-api';
import { ClassSession } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { DesktopRecord, SessionRunStore, SessionStore } from '../store';
import { ClassSessionRun } from '../store/SessionStore';
import { desktopInUse } from './desktopInUse';
import { classEndedReason, SessionNotices } from './sessionNotices';
import { CourseRoster } from './sessionRosters';

/** How long a student still using their desktop after class keeps it. */
export const STOP_NOTICE_MINUTES = 5;

export type AfterClassDeps = {
  sessions: SessionStore;
  runs: SessionRunStore;
  listCourseDesktops: (courseId: string) => Promise<DesktopRecord[]>;
  /** Stops a desktop, keeping its home (DesktopService.stop). */
  stop: (id: string, reason: string) => Promise<unknown>;
  /** Viewers connected to this instance's gateway. */
  connectedViewers: (desktopId: string) => number;
  notices: SessionNotices;
  logger: LoggerService;
};

/**
 * The meeting's end and stop time, from its start and the session's
 * current minutes (elapsed time, as occurrences.ts places them): a
 * meeting cancelled or moved after its warm-up still gets its desktops
 * stopped.
 */
export function meetingTimes(session: ClassSession, occurrenceStart: string) {
  const start = DateTime.fromISO(occurrenceStart, { zone: 'utc' });
  const end = start.plus({ minutes: session.durationMinutes });
  return {
    start: start.toISO()!,
    end: end.toISO()!,
    stopAt: end.plus({ minutes: session.afterEndMinutes }).toISO()!,
  };
}

/**
 * After a meeting's stop time: every enrolled student's course desktop
 * still running stops with the reason shown to them (home kept), unless
 * someone is using it; then its owner is told it stops in
 * {@link STOP_NOTICE_MINUTES} minutes, and it stops then whatever happens.
 * The run is `ended` once nothing is left to stop or wait for. Desktops
 * of instructors are their own, not the class's. Returns whether it ended.
 */
export async function stopAfterClass(
  deps: AfterClassDeps,
  run: ClassSessionRun,
  session: ClassSession,
  roster: CourseRoster,
  now: Date,
): Promise<boolean> {
  const times = meetingTimes(session, run.occurrenceStart);
  if (now.getTime() < Date.parse(times.stopAt)) return false;
  const students = new Set(roster.students);
  const desktops = (await deps.listCourseDesktops(roster.courseId)).filter(d =>
    students.has(d.owner),
  );
  const notices = await deps.runs.stopNoticesOf(
    run.sessionId,
    run.occurrenceStart,
  );
  const reason = classEndedReason(times, roster.timeZone);
  let waiting = false;
  for (const desktop of desktops) {
    // One that is starting is looked at again by the next tick.
    if (desktop.state === 'pending' || desktop.state === 'starting') {
      waiting = true;
      continue;
    }
    if (desktop.state !== 'running') continue;
    try {
      const noticedAt = notices.get(desktop.id);
      if (noticedAt !== undefined) {
        const due = Date.parse(noticedAt) + STOP_NOTICE_MINUTES * 60_000;
        if (now.getTime() >= due) await deps.stop(desktop.id, reason);
        else waiting = true;
      } else if (
        desktopInUse(desktop, now, deps.connectedViewers(desktop.id))
      ) {
        waiting = true;
        const first = await deps.runs.recordStopNotice(
          run.sessionId,
          run.occurrenceStart,
          desktop.id,
          now.toISOString(),
        );
        if (first) {
          await deps.notices.stopsSoon(
            desktop.owner,
            desktop.id,
            { sessionId: run.sessionId, start: times.start },
            STOP_NOTICE_MINUTES,
          );
        }
      } else {
        await deps.stop(desktop.id, reason);
      }
    } catch (error) {
      waiting = true;
      deps.logger.warn(
        `Stopping desktop ${desktop.id} after ${roster.code}'s class failed: ${error}`,
      );
    }
  }
  if (waiting) return false;
  await deps.sessions.markRun(run.sessionId, run.occurrenceStart, 'ended');
  return true;
}
