import { ClassSession } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';

/** The window columns of a run (see migration 20261129154400). */
export type RunWindowColumns = {
  course_id: string | null;
  warm_up_at: string | null;
  stop_at: string | null;
};

/**
 * The course and [warmUpAt, stopAt) of the meeting of `session` that
 * starts at `occurrenceStart` (a run key), as the run records them when it
 * is claimed. The minutes are elapsed time (see occurrences.ts), so no
 * zone is needed. All null when the session is gone.
 */
export function runWindowColumns(
  session: ClassSession | undefined,
  occurrenceStart: string,
): RunWindowColumns {
  if (!session) return { course_id: null, warm_up_at: null, stop_at: null };
  const start = DateTime.fromISO(occurrenceStart, { zone: 'utc' });
  const end = start.plus({ minutes: session.durationMinutes });
  return {
    course_id: session.courseId,
    warm_up_at: start.minus({ minutes: session.warmUpMinutes }).toISO()!,
    stop_at: end.plus({ minutes: session.afterEndMinutes }).toISO()!,
  };
}
