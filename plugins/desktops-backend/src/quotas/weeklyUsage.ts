import { DateTime, Interval } from 'luxon';

/*
 * Week windows and used time for the weekly hour quotas. Pure functions:
 * the caller gives the clock (`now`) and the intervals, so the same inputs
 * always give the same answer, and tests need no fake timers.
 *
 * Instants are ISO 8601 strings (as stored) or luxon DateTimes; all date
 * maths is luxon's, in the course's IANA zone.
 */

/** An instant as stored (ISO 8601) or already parsed. */
export type Instant = string | DateTime;

/** A stretch of running time; `endedAt` null while it still runs. */
export type RunSpan = { startedAt: string; endedAt: string | null };

/** A stretch of class time (a session, from its start to its end). */
export type ClassWindow = { start: Instant; end: Instant };

function toDateTime(value: Instant, what: string, zone?: string): DateTime {
  let parsed: DateTime;
  if (typeof value === 'string') {
    // Without a zone, keep the offset written in the string.
    parsed = DateTime.fromISO(value, { zone: zone ?? 'utc', setZone: !zone });
  } else {
    parsed = zone ? value.setZone(zone) : value;
  }
  if (!parsed.isValid) {
    throw new Error(
      `${what} is not a valid instant (${JSON.stringify(
        typeof value === 'string' ? value : value.toString(),
      )}): ${parsed.invalidExplanation ?? parsed.invalidReason}`,
    );
  }
  return parsed;
}

/**
 * The week `at` falls in, in `zone`: from Monday 00:00 local time to the
 * next Monday 00:00 local time. Wall-clock arithmetic, so a week in which
 * the clocks change is 167 or 169 hours long, not 168.
 */
export function weekWindow(at: Instant, zone: string): Interval {
  if (!DateTime.local().setZone(zone).isValid) {
    throw new Error(`Unknown time zone ${JSON.stringify(zone)}`);
  }
  // ISO weeks (Monday first) whatever the process's locale.
  const start = toDateTime(at, 'The time', zone).startOf('week', {
    useLocaleWeeks: false,
  });
  return Interval.fromDateTimes(start, start.plus({ weeks: 1 }));
}

/**
 * The ISO date (`2026-11-30`) of the Monday that starts the week of `at`
 * in `zone`: how `hour_grants.week_start` names a week.
 */
export function weekStartDate(at: Instant, zone: string): string {
  return weekWindow(at, zone).start!.toISODate()!;
}

/** [start, end) as a luxon Interval; null when it is empty or reversed. */
function span(start: DateTime, end: DateTime): Interval | null {
  if (end <= start) return null;
  return Interval.fromDateTimes(start, end);
}

/**
 * Seconds of running time within `window`, counting only the past (up to
 * `now`; an interval still open runs until `now`).
 *
 * Overlapping run intervals count once: the quota is of a student's hours,
 * and a desktop recorded twice (or two desktops of one course) must not
 * charge double. Unless `classTimeCounts`, the parts that fall within a
 * class window are left out; class windows may overlap one another (they
 * are merged first, so an overlap is not subtracted twice).
 */
export function usedSeconds(
  intervals: readonly RunSpan[],
  window: Interval,
  options: {
    now: Instant;
    classWindows?: readonly ClassWindow[];
    classTimeCounts?: boolean;
  },
): number {
  if (!window.isValid) {
    throw new Error(`The week window is not valid: ${window.invalidReason}`);
  }
  const now = toDateTime(options.now, 'Now');
  const until = DateTime.min(window.end!, now);
  const counted = span(window.start!, until);
  if (!counted) return 0;

  const runs = Interval.merge(
    intervals.flatMap(interval => {
      const start = toDateTime(interval.startedAt, 'An interval start');
      const end =
        interval.endedAt === null
          ? now
          : toDateTime(interval.endedAt, 'An interval end');
      const run = span(start, end);
      const clipped = run && run.intersection(counted);
      return clipped ? [clipped] : [];
    }),
  );

  const classes =
    options.classTimeCounts === true
      ? []
      : Interval.merge(
          (options.classWindows ?? []).flatMap(w => {
            const s = span(
              toDateTime(w.start, 'A class start'),
              toDateTime(w.end, 'A class end'),
            );
            return s ? [s] : [];
          }),
        );

  let milliseconds = 0;
  for (const run of runs) {
    const parts = classes.length > 0 ? run.difference(...classes) : [run];
    for (const part of parts) milliseconds += part.toDuration().toMillis();
  }
  return milliseconds / 1000;
}
