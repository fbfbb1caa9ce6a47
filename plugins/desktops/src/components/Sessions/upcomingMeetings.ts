import { DateTime } from 'luxon';
import type {
  ClassOccurrence,
  ClassSessionView,
} from '@internal/backstage-plugin-desktops-common';
import { localDateTime } from './scheduleText';

/** How far ahead the Sessions tab lists single meetings. */
export const UPCOMING_DAYS = 28;

/** A meeting in the upcoming list: scheduled, or cancelled (to restore). */
export type UpcomingMeeting = {
  sessionId: string;
  title: string;
  /** The local date it is scheduled on: what cancelling names. */
  date: string;
  start: string;
  end: string;
  cancelled: boolean;
};

/** The window the list covers, from `now`, as the occurrences route takes it. */
export function upcomingWindow(now: DateTime = DateTime.now()) {
  return {
    from: now.toUTC().toISO()!,
    to: now.plus({ days: UPCOMING_DAYS }).toUTC().toISO()!,
  };
}

/**
 * The meetings of the window, by start: those the occurrences route gives
 * (it leaves cancelled ones out) and the cancelled dates of the sessions
 * that fall in it, placed in the course's zone like the others.
 */
export function upcomingMeetings(
  occurrences: ClassOccurrence[],
  sessions: ClassSessionView[],
  zone: string,
  window: { from: string; to: string },
): UpcomingMeeting[] {
  const from = DateTime.fromISO(window.from);
  const to = DateTime.fromISO(window.to);
  // Sessions just read may know of a cancellation the occurrences read
  // before them do not: the meeting shows once, as cancelled.
  const cancelledKeys = new Set(
    sessions.flatMap(s => s.cancelledDates.map(date => `${s.id}/${date}`)),
  );
  const scheduled = occurrences
    .filter(o => !cancelledKeys.has(`${o.sessionId}/${o.date}`))
    .map(o => ({
      sessionId: o.sessionId,
      title: o.title,
      date: o.date,
      start: o.start,
      end: o.end,
      cancelled: false,
    }));
  const cancelled = sessions.flatMap(s =>
    s.cancelledDates.flatMap(date => {
      const start = localDateTime(date, s.startTime, zone);
      if (!start.isValid || start < from || start >= to) return [];
      return [
        {
          sessionId: s.id,
          title: s.title,
          date,
          start: start.toUTC().toISO()!,
          end: start.plus({ minutes: s.durationMinutes }).toUTC().toISO()!,
          cancelled: true,
        },
      ];
    }),
  );
  return [...scheduled, ...cancelled].sort(
    (a, b) =>
      Date.parse(a.start) - Date.parse(b.start) ||
      a.title.localeCompare(b.title),
  );
}
