import { DesktopRecord } from '../store';

/**
 * Input or a viewer this recently counts as someone using the desktop.
 * Open viewers write `lastViewerAt` every 30–60 s (gateway), so a
 * connected viewer always counts.
 */
export const RECENT_USE_MINUTES = 5;

/**
 * Whether someone is using a desktop at `now`: a viewer connected to this
 * instance's gateway, or input or viewer activity written within
 * {@link RECENT_USE_MINUTES} (by any instance). Unlike idle stop, the
 * desktop's start does not count: warm-up started it, not a student.
 */
export function desktopInUse(
  desktop: Pick<DesktopRecord, 'lastInputAt' | 'lastViewerAt'>,
  now: Date,
  connectedViewers: number,
): boolean {
  if (connectedViewers > 0) return true;
  const since = now.getTime() - RECENT_USE_MINUTES * 60_000;
  return [desktop.lastInputAt, desktop.lastViewerAt].some(
    at => at !== null && Date.parse(at) >= since,
  );
}
