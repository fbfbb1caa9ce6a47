import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { FALLBACK_TIME_ZONE } from '@internal/backstage-plugin-courses-common';
import { DesktopService } from '../service/DesktopService';
import { DesktopsStore } from '../store';
import { rostersFromMemberships } from '../sessions/sessionRosters';
import { CoursesPluginMemberships } from '../sharing/CourseMemberships';
import { CourseDirectory } from './CourseFacts';
import { HourBudgetStore } from './HourBudgetStore';
import { HourNoticeStore } from './HourNoticeStore';
import { HourQuotaEnforcer } from './HourQuotaEnforcer';
import { HourQuotas } from './HourQuotas';
import { RecordedMeetingStore } from './RecordedMeetings';
import { readHourQuotaSettings } from './hourQuotaSettings';

/**
 * The hour quotas of a desktops backend: the service (budgets, grants,
 * usage; the launch check) and `scheduleChecks`, which stops desktops at
 * their limit. Bad `desktops.quotas.*` config throws here, at startup.
 * `courses` defaults to the courses plugin's memberships, read as this
 * plugin (the scheduler's check acts for no user), as the class session
 * runner reads them; a course without a zone is in
 * `courses.defaultTimeZone`, else UTC.
 */
export function createHourQuotas(deps: {
  config: RootConfigService;
  store: Pick<DesktopsStore, 'knex' | 'runIntervals' | 'sessions'>;
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  courses?: CourseDirectory;
}) {
  const settings = readHourQuotaSettings(deps.config);
  const quotas = new HourQuotas({
    runIntervals: deps.store.runIntervals,
    sessions: deps.store.sessions,
    recordedMeetings: new RecordedMeetingStore(deps.store.knex),
    budgets: new HourBudgetStore(deps.store.knex),
    courses:
      deps.courses ??
      rostersFromMemberships(
        new CoursesPluginMemberships(deps),
        deps.config.getOptionalString('courses.defaultTimeZone') ??
          FALLBACK_TIME_ZONE,
      ),
    configDefaults: {
      weeklyHours: settings.defaultWeeklyHours,
      classTimeCounts: false,
    },
  });

  /**
   * Schedules the check every `desktops.quotas.checkEverySeconds`, global:
   * one backend instance checks for all (the stops and notices are shared).
   */
  const scheduleChecks = async (parts: {
    scheduler: SchedulerService;
    service: DesktopService;
    notifications: NotificationService;
    logger: LoggerService;
  }) => {
    const enforcer = new HourQuotaEnforcer({
      quotas,
      service: parts.service,
      notices: new HourNoticeStore(deps.store.knex),
      notifications: parts.notifications,
      logger: parts.logger,
    });
    await parts.scheduler.scheduleTask({
      id: 'desktops-hour-quotas',
      scope: 'global',
      frequency: { seconds: settings.checkEverySeconds },
      timeout: { minutes: 2 },
      initialDelay: { seconds: settings.checkEverySeconds },
      fn: async () => {
        await enforcer.checkOnce();
      },
    });
    return enforcer;
  };

  return { quotas, scheduleChecks };
}
