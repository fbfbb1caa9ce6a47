import { DateTime } from 'luxon';

/** "Nov 29, 2026, 9:02:11 AM" in the viewer's locale and zone; "—" if invalid. */
export function formatTime(iso: string): string {
  const dt = DateTime.fromISO(iso);
  return dt.isValid
    ? dt.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : '—';
}

/** "idle for 1 min", "idle for 12 min". */
export function idleText(minutes: number): string {
  return `idle for ${minutes} min`;
}
