import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * Zone names as the IANA database spells them (`UTC`, `Europe/Berlin`,
 * `America/Argentina/Buenos_Aires`, `Etc/GMT+5`). Checked before asking
 * the runtime because Intl also accepts offsets such as `+01:00`, which
 * have no daylight saving rules and so would move a weekly class by an
 * hour twice a year.
 */
const ianaNamePattern = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/;

/** Whether `zone` is an IANA time zone name this runtime knows. @public */
export function isValidTimeZone(zone: string): boolean {
  return ianaNamePattern.test(zone) && IANAZone.isValidZone(zone);
}

/**
 * The zone a course's class sessions are expressed in, an IANA name.
 *
 * @public
 */
export const courseTimeZoneSchema = z
  .string({ error: 'Time zone must be a string' })
  .trim()
  .max(64, 'Time zone must be at most 64 characters')
  .refine(isValidTimeZone, {
    error: issue =>
      `Unknown time zone '${issue.input}'. Use an IANA name like Europe/Berlin`,
  });

/** Used when neither the request nor the configuration names a zone. @public */
export const FALLBACK_TIME_ZONE = 'UTC';
