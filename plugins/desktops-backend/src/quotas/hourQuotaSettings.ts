import { RootConfigService } from '@backstage/backend-plugin-api';

/** `desktops.quotas.checkEverySeconds` when unset. */
export const DEFAULT_HOUR_CHECK_SECONDS = 60;

export type HourQuotaSettings = {
  /** `desktops.quotas.defaultWeeklyHours`; null (absent): no limit. */
  defaultWeeklyHours: number | null;
  /** `desktops.quotas.checkEverySeconds`. */
  checkEverySeconds: number;
};

/** Reads `desktops.quotas.*`; throws naming the bad key. */
export function readHourQuotaSettings(
  config: RootConfigService,
): HourQuotaSettings {
  const hours =
    config.getOptionalNumber('desktops.quotas.defaultWeeklyHours') ?? null;
  if (hours !== null && !(hours >= 0 && hours <= 168)) {
    throw new Error(
      `desktops.quotas.defaultWeeklyHours must be from 0 to 168 hours (leave it out for no limit), got ${hours}`,
    );
  }
  const seconds =
    config.getOptionalNumber('desktops.quotas.checkEverySeconds') ??
    DEFAULT_HOUR_CHECK_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error(
      `desktops.quotas.checkEverySeconds must be a whole number of seconds from 1 to 3600, got ${seconds}`,
    );
  }
  return { defaultWeeklyHours: hours, checkEverySeconds: seconds };
}
