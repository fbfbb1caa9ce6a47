import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';

/**
 * The key of a meeting's run: its start. Run keys are compared as text, so
 * every caller's spelling of the same instant must become the same string:
 * ISO 8601 UTC with milliseconds, as occurrences.ts writes it.
 */
export function runKey(occurrenceStart: string): string {
  const dt = DateTime.fromISO(occurrenceStart, {
    zone: 'utc',
    setZone: true,
  });
  if (!dt.isValid) {
    throw new InputError(
      `The meeting start is not an ISO 8601 instant: ${JSON.stringify(
        occurrenceStart,
      )}`,
    );
  }
  return dt.toUTC().toISO()!;
}
