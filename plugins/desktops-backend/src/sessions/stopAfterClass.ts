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
export function meetingTimes(
  session: ClassSession,
  occurrenceStart: string,
): StopTimes {
  const start = DateTime.fromISO(occurrenceStart, { zone: 'utc' });
  const end = start.plus({ minutes: session.durationMinutes });
  return {
    start: start.toISO()!,
    end: end.toISO()!,
    stopAt: end.plus({ minutes: session.afterEndMinutes }).toISO()!,
  };
}

/** When a meeting's desktops stop: `end` is null once its session is gone. */
export type StopTimes = { start: string; end: string | null; stopAt: string };

/** When a desktop's current run began (its launch, while it starts). */
function currentStartOf(desktop: DesktopRecord): number {
  const at =
    desktop.state === 'running'
      ? desktop.startedAt ?? desktop.launchRequestedAt
      : desktop.launchRequestedAt ?? desktop.startedAt;
  return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
}

/**
 * After a meeting's stop time, the desktops the class is responsible for
 * stop with the reason shown to their owner (home kept): those the warm-up
 * started or found running (the run's outcomes) and whose current run
 * began before the stop time. A desktop started again later (homework) is
 * its owner's, and so are instructors' and anyone's not warmed. One in use
 * gets a notice that it stops in {@link STOP_NOTICE_MINUTES} minutes, and
 * stops then whatever happens; a notice older than the desktop's current
 * start does not count. Nothing stops while another meeting of the course
 * is in its window (`otherMeetingOpen`): it warmed, or is using, the same
 * course desktops; this run waits for it to end. The run is `ended` once
 * nothing is left to stop or wait for. Returns whether it ended.
 */
export async function stopAfterClass(
  deps: AfterClassDeps,
  run: ClassSessionRun,
  times: StopTimes,
  roster: CourseRoster,
  now: Date,
  otherMeetingOpen: boolean,
): Promise<boolean> {
  const stopAt = Date.parse(times.stopAt);
  if (now.getTime() < stopAt) return false;
  const warmed = new Set(
    (await deps.runs.outcomesOf(run.sessionId, run.occurrenceStart)).flatMap(
      o => (o.desktopId ? [o.desktopId] : []),
    ),
  );
  const desktops = (await deps.listCourseDesktops(roster.courseId)).filter(
    d =>
      warmed.has(d.id) &&
      ['pending', 'starting', 'running'].includes(d.state) &&
      currentStartOf(d) < stopAt,
  );
  if (desktops.length > 0 && otherMeetingOpen) return false;
  const notices = await deps.runs.stopNoticesOf(
    run.sessionId,
    run.occurrenceStart,
  );
  const reason = classEndedReason(times, roster.timeZone);
  let waiting = false;
  for (const desktop of desktops) {
    // One that is starting is looked at again by the next tick.
    if (desktop.state !== 'running') {
      waiting = true;
      continue;
    }
    try {
      const noticedAt = notices.get(desktop.id);
      if (
        noticedAt !== undefined &&
        Date.parse(noticedAt) >= currentStartOf(desktop)
      ) {
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
            now,
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
