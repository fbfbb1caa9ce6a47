import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DesktopService } from '../service/DesktopService';
import { DesktopsStore } from '../store';
import { CourseDirectory, CoursesPluginDirectory } from './CourseFacts';
import { HourBudgetStore } from './HourBudgetStore';
import { HourNoticeStore } from './HourNoticeStore';
import { HourQuotaEnforcer } from './HourQuotaEnforcer';
import { HourQuotas } from './HourQuotas';
import { readHourQuotaSettings } from './hourQuotaSettings';

/**
 * The hour quotas of a desktops backend: the service (budgets, grants,
 * usage; the launch check) and `scheduleChecks`, which stops desktops at
 * their limit. Bad `desktops.quotas.*` config throws here, at startup.
 * `courses` defaults to the courses plugin, read as this plugin.
 */
export function createHourQuotas(deps: {
  config: RootConfigService;
  store: Pick<DesktopsStore, 'knex' | 'runIntervals' | 'sessions'>;
  discovery: DiscoveryService;
  auth: AuthService;
  courses?: CourseDirectory;
}) {
  const settings = readHourQuotaSettings(deps.config);
  const quotas = new HourQuotas({
    runIntervals: deps.store.runIntervals,
    sessions: deps.store.sessions,
    budgets: new HourBudgetStore(deps.store.knex),
    courses:
      deps.courses ??
      new CoursesPluginDirectory({
        discovery: deps.discovery,
        auth: deps.auth,
        config: deps.config,
      }),
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
