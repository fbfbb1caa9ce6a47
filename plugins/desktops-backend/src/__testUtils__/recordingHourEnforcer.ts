import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { HourNoticeStore } from '../quotas/HourNoticeStore';
import { HourQuotaEnforcer } from '../quotas/HourQuotaEnforcer';
import { RecordingNotifications } from './recordingNotifications';

type EnforcerOptions = ConstructorParameters<typeof HourQuotaEnforcer>[0];

/**
 * The hour check on `knex` over `quotas` and `service`, its notices to the
 * students kept in `notifications` (and `logger` a mock unless given).
 */
export function recordingHourEnforcer(
  knex: Knex,
  quotas: EnforcerOptions['quotas'],
  service: EnforcerOptions['service'],
  logger: LoggerService = mockServices.logger.mock(),
) {
  const notifications = new RecordingNotifications();
  const enforcer = new HourQuotaEnforcer({
    quotas,
    service,
    notices: new HourNoticeStore(knex),
    notifications,
    logger,
  });
  return { enforcer, notifications, logger };
}
