import {
  FALLBACK_TIME_ZONE,
  isValidTimeZone,
} from '@internal/backstage-plugin-courses-common';
import { DateTime } from 'luxon';

/** The zone this browser runs in, or UTC if it reports none the API accepts. */
export function browserTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : FALLBACK_TIME_ZONE;
}

/**
 * The zones to choose from: the browser's list, plus UTC and `current`
 * when the list lacks them (some browsers leave UTC out, and a course may
 * hold an alias such as Asia/Calcutta that the list spells differently).
 */
export function timeZoneOptions(current?: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add(FALLBACK_TIME_ZONE);
  if (current) zones.add(current);
  return [...zones].sort();
}

/** The zone's offset from UTC now, e.g. `UTC+01:00`, to tell zones apart. */
export function currentOffset(zone: string): string {
  const now = DateTime.now().setZone(zone);
  return now.isValid ? `UTC${now.toFormat('ZZ')}` : '';
}
