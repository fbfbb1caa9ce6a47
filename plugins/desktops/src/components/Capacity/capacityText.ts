import { DateTime, Interval } from 'luxon';
import type { CapacityReport } from '@internal/backstage-plugin-desktops-common';

/** "5 more desktops fit now", "1 more desktop fits now", "No more desktops fit now". */
export function fitsNowText(count: number): string {
  if (count <= 0) return 'No more desktops fit now';
  return count === 1
    ? '1 more desktop fits now'
    : `${count} more desktops fit now`;
}

/** "Short by 3 desktops", "Short by 1 desktop". */
export function shortByText(shortBy: number): string {
  return `Short by ${shortBy} ${shortBy === 1 ? 'desktop' : 'desktops'}`;
}

export const SOURCE_TEXT: Record<CapacityReport['source'], string> = {
  docker: 'Docker host',
  kubernetes: 'Kubernetes cluster (Ready, schedulable nodes)',
};

/**
 * "Tue, Dec 1, 8:50 – 10:15 AM" in the viewer's zone and locale; a range
 * over midnight names both days.
 */
export function meetingTimeText(start: string, end: string): string {
  const interval = Interval.fromDateTimes(
    DateTime.fromISO(start),
    DateTime.fromISO(end),
  );
  if (!interval.isValid) return '—';
  return interval.toLocaleString({
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** Share of `total` that `part` takes, 0–100, for a bar. */
export function percentOf(part: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.max(0, (part / total) * 100));
}
