import { RootConfigService as Config } from '@backstage/backend-plugin-api';
import {
  FALLBACK_TIME_ZONE,
  isValidTimeZone,
} from '@internal/backstage-plugin-courses-common';

/**
 * `courses.defaultTimeZone`: the zone of courses created without one, of
 * the demo course and of courses that existed before courses had zones.
 * A wrong name stops the backend at start rather than giving courses a zone
 * nothing can schedule in.
 */
export function readDefaultTimeZone(config: Config): string {
  const zone = config.getOptionalString('courses.defaultTimeZone')?.trim();
  if (!zone) return FALLBACK_TIME_ZONE;
  if (!isValidTimeZone(zone)) {
    throw new Error(
      `courses.defaultTimeZone: unknown time zone '${zone}'. Use an IANA name like Europe/Berlin`,
    );
  }
  return zone;
}
