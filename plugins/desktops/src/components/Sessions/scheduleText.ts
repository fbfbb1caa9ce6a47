import { DateTime, Info } from 'luxon';
import type {
  ClassSession,
  Weekday,
} from '@internal/backstage-plugin-desktops-common';

/**
 * Session times in words, in the course's time zone. The sentences around
 * them are English, so the names of days and months are too, whatever the
 * browser's locale.
 */
const LOCALE = 'en-GB';

const at = (iso: string, zone: string) =>
  DateTime.fromISO(iso, { zone }).setLocale(LOCALE);

/** A local date and time of the course, e.g. 2026-12-01 and 09:00. */
export function localDateTime(date: string, time: string, zone: string) {
  return DateTime.fromISO(`${date}T${time}`, { zone }).setLocale(LOCALE);
}

/** "9:00" */
export function timeOfDay(iso: string, zone: string): string {
  return at(iso, zone).toFormat('H:mm');
}

/** "1 Dec", with the year when it is not the current one: "5 Jan 2027". */
function dayAndMonth(dt: DateTime, zone: string): string {
  const thisYear = DateTime.now().setZone(zone).year;
  return dt.toFormat(dt.year === thisYear ? 'd LLL' : 'd LLL yyyy');
}

/** "Tue 1 Dec 9:00" */
export function meetingText(iso: string, zone: string): string {
  const dt = at(iso, zone);
  return `${dt.toFormat('ccc')} ${dayAndMonth(dt, zone)} ${dt.toFormat(
    'H:mm',
  )}`;
}

/** "Tue 1 Dec 9:00–10:30" */
export function meetingSpanText(
  startIso: string,
  endIso: string,
  zone: string,
): string {
  return `${meetingText(startIso, zone)}–${timeOfDay(endIso, zone)}`;
}

/**
 * "Tue 9:00" when the meeting is less than a week of calendar days away
 * (the weekday alone then names one day), else "Tue 8 Dec 9:00".
 */
export function soonMeetingText(iso: string, zone: string): string {
  const dt = at(iso, zone);
  const today = DateTime.now().setZone(zone).startOf('day');
  const daysAway = dt.startOf('day').diff(today, 'days').days;
  return daysAway >= 0 && daysAway < 7
    ? dt.toFormat('ccc H:mm')
    : meetingText(iso, zone);
}

/** "Tue", "Tue and Thu", "Mon, Wed and Fri" */
export function weekdaysText(weekdays: readonly Weekday[]): string {
  const names = Info.weekdays('short', { locale: LOCALE });
  const days = weekdays.map(d => names[d - 1]);
  if (days.length <= 1) return days.join('');
  return `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
}

/** The fields that say when a session meets. */
export type ScheduleFields = Pick<
  ClassSession,
  | 'kind'
  | 'startDate'
  | 'startTime'
  | 'durationMinutes'
  | 'weekdays'
  | 'untilDate'
>;

/**
 * "Once, Tue 1 Dec 9:00–10:30" or "Weekly on Tue and Thu, 9:00–10:30,
 * from 1 Dec until 18 Dec" (without "until" when the series has no end).
 */
export function scheduleText(session: ScheduleFields, zone: string): string {
  const start = localDateTime(session.startDate, session.startTime, zone);
  if (!start.isValid) return `${session.startDate} ${session.startTime}`;
  const end = start.plus({ minutes: session.durationMinutes });
  const hours = `${start.toFormat('H:mm')}–${end.toFormat('H:mm')}`;
  if (session.kind === 'once') {
    return `Once, ${start.toFormat('ccc')} ${dayAndMonth(
      start,
      zone,
    )} ${hours}`;
  }
  const from = `from ${dayAndMonth(start, zone)}`;
  const until = session.untilDate
    ? ` until ${dayAndMonth(
        DateTime.fromISO(session.untilDate, { zone }).setLocale(LOCALE),
        zone,
      )}`
    : '';
  return `Weekly on ${weekdaysText(
    session.weekdays,
  )}, ${hours}, ${from}${until}`;
}

/** "Desktops start 10 min before and stop 15 min after the end if unused" */
export function warmUpText(
  session: Pick<ClassSession, 'warmUpMinutes' | 'afterEndMinutes'>,
): string {
  const start =
    session.warmUpMinutes > 0
      ? `Desktops start ${session.warmUpMinutes} min before`
      : 'Desktops start at the start';
  const stop =
    session.afterEndMinutes > 0
      ? `stop ${session.afterEndMinutes} min after the end if unused`
      : 'stop at the end if unused';
  return `${start} and ${stop}`;
}
