import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { usernameFromEntityRef } from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { FALLBACK_TIME_ZONE } from '@internal/backstage-plugin-courses-common';
import { CourseEnvironments } from './environments/CourseEnvironments';
import { DesktopService } from './service/DesktopService';
import { ClassSessionRunner } from './sessions/ClassSessionRunner';
import { SessionNotices } from './sessions/sessionNotices';
import { rostersFromMemberships } from './sessions/sessionRosters';
import { readClassSessionSettings } from './sessions/sessionSettings';
import { CoursesPluginMemberships } from './sharing/CourseMemberships';
import { DesktopsStore } from './store';

/**
 * Builds the class session runner (warm-up before each meeting, stop after
 * it; see sessions/ClassSessionRunner.ts) and schedules its ticks every
 * `desktops.sessions.tickSeconds` on Backstage's scheduler, in global
 * scope: one instance at a time acts, and whichever runs next continues.
 */
export async function createClassSessions(options: {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  store: DesktopsStore;
  service: DesktopService;
  environments: CourseEnvironments;
  memberships: CoursesPluginMemberships;
  notifications: NotificationService;
  signals: SignalsService;
  directory: AccountsDirectory;
  /** Viewers connected to this instance's gateway, per desktop. */
  connectedViewers: (desktopId: string) => number;
}): Promise<{ runner: ClassSessionRunner; close(): void }> {
  // Read first: bad config stops the backend here, naming the key.
  const settings = readClassSessionSettings(options.config);
  const { store, logger } = options;
  const runner = new ClassSessionRunner({
    sessions: store.sessions,
    runs: store.sessionRuns,
    rosters: rostersFromMemberships(
      options.memberships,
      options.config.getOptionalString('courses.defaultTimeZone') ??
        FALLBACK_TIME_ZONE,
    ),
    launcher: options.environments,
    readDesktop: id => store.desktops.get(id),
    listCourseDesktops: courseId => store.desktops.listByCourse(courseId),
    stop: (id, reason) => options.service.stop(id, { reason }),
    connectedViewers: options.connectedViewers,
    displayNames: async refs => {
      const names = await Promise.all(
        refs.map(async ref => {
          const user = await options.directory
            .getUserByRef(ref)
            .catch(() => undefined);
          return user?.displayName || usernameFromEntityRef(ref) || ref;
        }),
      );
      return new Map(refs.map((ref, i) => [ref, names[i]]));
    },
    notices: new SessionNotices({
      notifications: options.notifications,
      signals: options.signals,
      logger,
    }),
    logger,
    concurrency: settings.warmUpConcurrency,
  });
  await options.scheduler.scheduleTask({
    id: 'desktops-class-sessions',
    scope: 'global',
    frequency: { seconds: settings.tickSeconds },
    // A tick begins desktops for at most TICK_BUDGET_MS; a killed
    // backend's lock is freed after this.
    timeout: { minutes: 3 },
    // Not during startup: the courses plugin may not answer yet.
    initialDelay: { seconds: Math.min(settings.tickSeconds, 5) },
    fn: signal => runner.tick(new Date(), signal),
  });
  return { runner, close: () => runner.close() };
}
