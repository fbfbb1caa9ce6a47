import {
  ClassOccurrence,
  ClassSessionPhase,
} from '@internal/backstage-plugin-desktops-common';
import { occurrenceInWindow, SessionSchedule } from './occurrences';

/**
 * The course's meeting whose window [warmUpAt, stopAt) contains `now`
 * (the earliest-starting if two overlap), and where in it `now` is.
 */
export function meetingNow(
  sessions: SessionSchedule[],
  timeZone: string,
  now: Date,
): { occurrence: ClassOccurrence; phase: ClassSessionPhase } | undefined {
  const current = sessions
    .map(s => occurrenceInWindow(s, timeZone, now))
    .filter((o): o is ClassOccurrence => o !== undefined)
    .sort((a, b) => a.start.localeCompare(b.start))[0];
  if (!current) return undefined;
  const at = now.getTime();
  let phase: ClassSessionPhase = 'after-class';
  if (at < Date.parse(current.start)) phase = 'warming-up';
  else if (at < Date.parse(current.end)) phase = 'in-class';
  return { occurrence: current, phase };
}
