import { DateTime } from 'luxon';
import { occurrencesBetween } from '../sessions/occurrences';
import { SessionRosters } from '../sessions/sessionRosters';
import { SessionStore } from '../store';
import { IdleStopExemptions } from './IdleStopExemptions';

/**
 * Idle stop spares a course desktop from the warm-up of a meeting of its
 * course until `idleStopMinutes` after the class starts: the warm-up
 * starts desktops up to two hours before class for students who are not
 * there yet, so idle time counts from the class start at the earliest,
 * never from the warm-up (which would stop them before or just as class
 * begins, and the warm-up, having recorded them started, would not start
 * them again).
 */
export function classIdleStopExemptions(deps: {
  sessions: Pick<SessionStore, 'listForCourse'>;
  /** For the course's zone, which places its meetings. */
  rosters: SessionRosters;
  idleStopMinutes: number;
}): IdleStopExemptions {
  return {
    async isExempt(desktop, now) {
      if (!desktop.courseId) return false;
      const sessions = await deps.sessions.listForCourse(desktop.courseId);
      if (sessions.length === 0) return false;
      const roster = (await deps.rosters.rostersOf([desktop.courseId])).get(
        desktop.courseId,
      );
      if (!roster) return false;
      const at = DateTime.fromJSDate(now).toUTC();
      // Meetings whose window reaches into [now - idle time, now].
      const from = at.minus({ minutes: deps.idleStopMinutes });
      const to = at.plus({ milliseconds: 1 });
      return sessions.some(session =>
        occurrencesBetween(session, roster.timeZone, from, to, 'window').some(
          o =>
            DateTime.fromISO(o.warmUpAt) <= at &&
            at <
              DateTime.fromISO(o.start).plus({
                minutes: deps.idleStopMinutes,
              }),
        ),
      );
    },
  };
}
