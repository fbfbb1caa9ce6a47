let last = 0;

/**
 * The current time as a fixed-width ISO 8601 string. Strictly increasing
 * within this process, so "newest first" has no ties between rows written in
 * the same millisecond.
 */
export function nowIso(): string {
  let now = Date.now();
  if (now <= last) {
    now = last + 1;
  }
  last = now;
  return new Date(now).toISOString();
}
