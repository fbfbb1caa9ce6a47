import { DateTime } from 'luxon';
import {
  HOUR_WARNING_PERCENT,
  type HourUsage,
  type HourUsageState,
} from '@internal/backstage-plugin-desktops-common';

const SECONDS_PER_HOUR = 3600;

/**
 * Seconds as hours with at most one decimal: 23400 → "6.5", 72000 → "20".
 * Used time is rounded down, so the meter never reads "20 of 20 h" before
 * the hours are really used up.
 */
export function hoursText(seconds: number, round: 'down' | 'nearest'): string {
  const tenths = (seconds / SECONDS_PER_HOUR) * 10;
  const rounded = round === 'down' ? Math.floor(tenths) : Math.round(tenths);
  return String(rounded / 10);
}

/** "6.5 of 20 h this week"; without a limit "6.5 h used this week". */
export function meterSummary(usage: HourUsage): string {
  const used = hoursText(usage.usedSeconds, 'down');
  if (usage.budgetSeconds === null) return `${used} h used this week`;
  return `${used} of ${hoursText(usage.budgetSeconds, 'nearest')} h this week`;
}

/** "+2 h granted", or nothing without extra hours. */
export function grantedText(extraSeconds: number): string | undefined {
  return extraSeconds > 0
    ? `+${hoursText(extraSeconds, 'nearest')} h granted`
    : undefined;
}

/** Percent of the allowance (budget + extra) used, 0–100, for the bar. */
export function usedPercent(usage: HourUsage): number {
  if (usage.budgetSeconds === null) return 0;
  const allowance = usage.budgetSeconds + usage.extraSeconds;
  if (allowance <= 0) return 100;
  return Math.min(100, (usage.usedSeconds / allowance) * 100);
}

export const NO_LIMIT_TEXT = 'No weekly limit';

export const WARNING_TEXT = `You have used ${HOUR_WARNING_PERCENT}% of this week's desktop hours`;

export const EXHAUSTED_TEXT =
  "This week's hours are used up; your desktop runs only during class. Ask your instructor for extra hours.";

/**
 * "Week of Nov 30 · resets Mon 00:00 (course time)". The week is the
 * course's: it starts on Monday in the course's time zone, which the
 * server already applied to `weekStart`.
 */
export function weekText(weekStart: string): string {
  const monday = DateTime.fromISO(weekStart);
  const of = monday.isValid
    ? `Week of ${monday.toLocaleString({ month: 'short', day: 'numeric' })} · `
    : '';
  return `${of}resets Mon 00:00 (course time)`;
}

/** The instructors' word for a student's state. */
export const STATE_TEXT: Record<HourUsageState, string> = {
  ok: 'Within hours',
  warning: `${HOUR_WARNING_PERCENT}% used`,
  exhausted: 'Used up',
};

/** "20 h", "20 h + 2 h", "No limit": what a student may use this week. */
export function allowanceText(usage: HourUsage): string {
  if (usage.budgetSeconds === null) return 'No limit';
  const budget = `${hoursText(usage.budgetSeconds, 'nearest')} h`;
  const extra = usage.extraSeconds
    ? ` + ${hoursText(usage.extraSeconds, 'nearest')} h`
    : '';
  return budget + extra;
}

/** "20 h" or "no limit", for a weekly hours setting. */
export function weeklyHoursText(weeklyHours: number | null): string {
  return weeklyHours === null ? 'no limit' : `${weeklyHours} h`;
}
