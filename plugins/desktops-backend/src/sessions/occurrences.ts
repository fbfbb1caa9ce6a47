import {
  ClassOccurrence,
  ClassSession,
} from '@internal/backstage-plugin-desktops-common';
import { DateTime, IANAZone } from 'luxon';

/**
 * Where the meetings of a session series fall, in UTC. Pure: the caller
 * gives the course's IANA zone and the instants.
 *
 * Local times that DST makes odd:
 * - A start time that doesn't exist (the hour skipped on a spring-forward
 *   day) moves forward by the gap, as luxon does: 02:30 on the day Berlin
 *   goes from 02:00 to 03:00 becomes 03:30 CEST.
 * - A start time that exists twice (the hour repeated on a fall-back day)
 *   is the first of the two: 02:30 on the day Berlin goes back from 03:00
 *   to 02:00 is 02:30 CEST, not CET (luxon alone would pick the second).
 * Durations and the warm-up and after-end minutes are elapsed time.
 */

/** The fields of a session that place its meetings. */
export type SessionSchedule = Pick<
  ClassSession,
  | 'id'
  | 'courseId'
  | 'title'
  | 'kind'
  | 'startDate'
  | 'startTime'
  | 'durationMinutes'
  | 'weekdays'
  | 'untilDate'
  | 'warmUpMinutes'
  | 'afterEndMinutes'
  | 'cancelledDates'
>;

/**
 * An instant: a Date, a luxon DateTime or an ISO 8601 string (UTC when it
 * gives no offset, never the server's zone).
 */
export type Instant = Date | string | DateTime;

/**
 * Which span of a meeting a window query matches: `class` is
 * [start, end); `window` is [warmUpAt, stopAt), when its desktops run.
 */
export type OccurrenceSpan = 'class' | 'window';

/** Throws unless `zone` is an IANA zone name this runtime knows. */
export function assertTimeZone(zone: string): void {
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new Error(
      `Unknown time zone ${JSON.stringify(
        zone,
      )}: sessions need an IANA time zone name such as "Europe/Berlin"`,
    );
  }
}

function toUtc(instant: Instant, label: string): DateTime {
  let dt: DateTime;
  if (DateTime.isDateTime(instant)) dt = instant;
  else if (instant instanceof Date) dt = DateTime.fromJSDate(instant);
  else dt = DateTime.fromISO(instant, { zone: 'utc', setZone: true });
  if (!dt.isValid) {
    throw new Error(
      `${label} is not a valid instant: ${JSON.stringify(String(instant))}`,
    );
  }
  return dt.toUTC();
}

/**
 * The start of the meeting scheduled on local `date` at local `time`. luxon
 * moves a time in a DST gap forward; of two possible offsets the earlier
 * instant is taken.
 */
function localStart(date: string, time: string, zone: string): DateTime {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) {
    throw new Error(
      `Session date ${date} at ${time} is not a valid time in ${zone}: ${local.invalidExplanation}`,
    );
  }
  return local
    .getPossibleOffsets()
    .reduce((first, dt) => (dt.toMillis() < first.toMillis() ? dt : first));
}

function occurrenceOn(
  session: SessionSchedule,
  date: string,
  zone: string,
): ClassOccurrence {
  const start = localStart(date, session.startTime, zone).toUTC();
  const end = start.plus({ minutes: session.durationMinutes });
  return {
    sessionId: session.id,
    courseId: session.courseId,
    title: session.title,
    date,
    start: start.toISO()!,
    end: end.toISO()!,
    warmUpAt: start.minus({ minutes: session.warmUpMinutes }).toISO()!,
    stopAt: end.plus({ minutes: session.afterEndMinutes }).toISO()!,
  };
}

/**
 * The dates the series meets on, ascending, from local date `from` on
 * (inclusive), cancelled ones left out. Dates are walked as plain calendar
 * days (in UTC, which has no DST), so the walk never skips or repeats one.
 * Unbounded for a weekly series without a last date: stop consuming.
 */
function* meetingDates(
  session: SessionSchedule,
  from: DateTime,
): Generator<string> {
  const first = DateTime.fromISO(session.startDate, { zone: 'utc' });
  let last: DateTime | undefined = first;
  if (session.kind === 'weekly') {
    last = session.untilDate
      ? DateTime.fromISO(session.untilDate, { zone: 'utc' })
      : undefined;
  }
  const weekdays = new Set<number>(session.weekdays);
  const cancelled = new Set(session.cancelledDates);
  if (session.kind === 'weekly' && weekdays.size === 0) return;
  let day = from < first ? first : from;
  while (last === undefined || day <= last) {
    const date = day.toISODate()!;
    if (
      (session.kind === 'once' || weekdays.has(day.weekday)) &&
      !cancelled.has(date)
    ) {
      yield date;
    }
    day = day.plus({ days: 1 });
  }
}

/** Local calendar date of `instant` in `zone`, as a UTC-midnight DateTime. */
function calendarDay(instant: DateTime, zone: string): DateTime {
  return DateTime.fromISO(instant.setZone(zone).toISODate()!, { zone: 'utc' });
}

/**
 * How many calendar days before an instant's local date a meeting whose
 * span contains the instant may have been scheduled: the longest span
 * (2 h warm-up + 12 h + 4 h after) is under a day, and a DST gap can push
 * a start past midnight.
 */
const DAYS_BEFORE = 2;

/**
 * The meetings whose span (see {@link OccurrenceSpan}; `class` unless
 * told) overlaps the half-open window [from, to), in order of start.
 */
export function occurrencesBetween(
  session: SessionSchedule,
  zone: string,
  from: Instant,
  to: Instant,
  span: OccurrenceSpan = 'class',
): ClassOccurrence[] {
  assertTimeZone(zone);
  const windowStart = toUtc(from, 'The window start');
  const windowEnd = toUtc(to, 'The window end');
  if (windowEnd <= windowStart) return [];
  const lastDay = calendarDay(windowEnd, zone).plus({ days: 1 });
  const found: ClassOccurrence[] = [];
  for (const date of meetingDates(
    session,
    calendarDay(windowStart, zone).minus({ days: DAYS_BEFORE }),
  )) {
    if (DateTime.fromISO(date, { zone: 'utc' }) > lastDay) break;
    const o = occurrenceOn(session, date, zone);
    const [spanStart, spanEnd] =
      span === 'class' ? [o.start, o.end] : [o.warmUpAt, o.stopAt];
    if (
      toUtc(spanStart, 'start') < windowEnd &&
      toUtc(spanEnd, 'end') > windowStart
    ) {
      found.push(o);
    }
  }
  return found;
}

/** The first meeting that starts strictly after `after`, if any is left. */
export function nextOccurrence(
  session: SessionSchedule,
  zone: string,
  after: Instant,
): ClassOccurrence | undefined {
  assertTimeZone(zone);
  const at = toUtc(after, 'The instant');
  for (const date of meetingDates(
    session,
    calendarDay(at, zone).minus({ days: DAYS_BEFORE }),
  )) {
    const o = occurrenceOn(session, date, zone);
    if (toUtc(o.start, 'start') > at) return o;
  }
  return undefined;
}

/**
 * The meeting in its window at `at` (warmUpAt <= at < stopAt), if any:
 * what the warm-up tick starts desktops for and a restart resumes. At most
 * one: meetings are on different days and a window is shorter than a day.
 */
export function occurrenceInWindow(
  session: SessionSchedule,
  zone: string,
  at: Instant,
): ClassOccurrence | undefined {
  const instant = toUtc(at, 'The instant');
  return occurrencesBetween(
    session,
    zone,
    instant,
    instant.plus({ milliseconds: 1 }),
    'window',
  )[0];
}
