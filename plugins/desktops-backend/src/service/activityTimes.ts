import { DesktopRecord } from '../store';

function latest(...times: Array<string | null>): string | null {
  const present = times.filter((t): t is string => t !== null);
  return present.length > 0 ? present.sort()[present.length - 1] : null;
}

/** When the owner last worked in the desktop, as shown: input or its start. */
export function lastActiveAt(record: DesktopRecord): string | null {
  return latest(record.lastInputAt, record.startedAt);
}

/** When the desktop was last used, for idle stop: input, a viewer, or its start. */
export function lastUsedAt(record: DesktopRecord): string | null {
  return latest(record.lastInputAt, record.lastViewerAt, record.startedAt);
}
