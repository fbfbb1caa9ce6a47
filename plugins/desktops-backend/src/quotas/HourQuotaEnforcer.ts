import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { HourUsage } from '@internal/backstage-plugin-desktops-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DesktopService } from '../service/DesktopService';
import { DesktopRecord } from '../store';
import { HourNoticeStore } from './HourNoticeStore';
import {
  CourseWeek,
  exhaustedReason,
  formatHours,
  HourQuotas,
} from './HourQuotas';

const HOUR = 3600;

/** What one check did, for logs and tests. */
export type HourCheckResult = {
  /** Desktops stopped at their limit. */
  stopped: string[];
  /** Students (refs) sent the near-the-limit notice. */
  warned: string[];
  /** Desktops at their limit left running: a session of the course runs. */
  exempt: string[];
};

/**
 * The periodic hour check (`desktops.quotas.checkEverySeconds`): every
 * running course desktop whose owner has used their week's hours stops,
 * with the reason kept on the desktop (home kept, as every stop), unless a
 * session of the course is running; from 90% the owner gets one notice
 * per course and week.
 */
export class HourQuotaEnforcer {
  constructor(
    private readonly deps: {
      quotas: HourQuotas;
      service: Pick<DesktopService, 'listAll' | 'stop'>;
      notices: HourNoticeStore;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  async checkOnce(now: Date = new Date()): Promise<HourCheckResult> {
    const result: HourCheckResult = { stopped: [], warned: [], exempt: [] };
    const byCourse = new Map<string, DesktopRecord[]>();
    for (const desktop of await this.deps.service.listAll()) {
      if (desktop.state !== 'running' || !desktop.courseId) continue;
      const list = byCourse.get(desktop.courseId) ?? [];
      list.push(desktop);
      byCourse.set(desktop.courseId, list);
    }
    for (const [courseId, desktops] of byCourse) {
      try {
        // No limit: nothing to ask the courses plugin.
        if ((await this.deps.quotas.budget(courseId)).weeklyHours === null) {
          continue;
        }
        const week = await this.deps.quotas.courseWeek(courseId, now);
        for (const desktop of desktops) {
          try {
            await this.checkDesktop(week, desktop, now, result);
          } catch (error) {
            // One desktop's trouble (say, a 409 because it is already
            // stopping) must not spare the course's other desktops.
            this.deps.logger.warn(
              `Checking the desktop hours of desktop ${
                desktop.id
              } (course ${courseId}) failed: ${stringifyError(error)}`,
            );
          }
        }
      } catch (error) {
        // One course's trouble (say, the courses plugin) must not spare
        // the others.
        this.deps.logger.error(
          `Checking the desktop hours of course ${courseId} failed: ${stringifyError(
            error,
          )}`,
        );
      }
    }
    return result;
  }

  private async checkDesktop(
    week: CourseWeek,
    desktop: DesktopRecord,
    now: Date,
    result: HourCheckResult,
  ) {
    const usage = await this.deps.quotas.usageIn(week, desktop.owner, now);
    if (usage.state === 'ok') return;
    if (usage.state === 'exhausted' && !week.runningSession) {
      const reason = exhaustedReason(week, usage);
      this.deps.logger.info(
        `Stopping desktop ${desktop.id} of ${desktop.owner}: ${reason}`,
      );
      await this.deps.service.stop(desktop.id, { reason });
      result.stopped.push(desktop.id);
      await this.notify(desktop, {
        title: `Your desktop for ${week.course.code} was stopped`,
        description: reason,
      });
      return;
    }
    if (usage.state === 'exhausted') result.exempt.push(desktop.id);
    const claimed = await this.deps.notices.claim({
      courseId: week.course.courseId,
      student: desktop.owner,
      weekStart: week.weekStart,
      kind: 'warning',
      at: now.toISOString(),
    });
    if (!claimed) return;
    result.warned.push(desktop.owner);
    await this.notify(desktop, warningNotice(week, usage));
  }

  private async notify(
    desktop: DesktopRecord,
    payload: { title: string; description: string },
  ) {
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: desktop.owner },
        payload: {
          ...payload,
          link: `/desktops/${desktop.id}`,
          topic: 'Desktop hours',
        },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Telling ${
          desktop.owner
        } about their desktop hours failed: ${stringifyError(error)}`,
      );
    }
  }
}

/** "6.5 of 20 h" and what happens at the limit. */
function warningNotice(week: CourseWeek, usage: HourUsage) {
  const allowance = ((usage.budgetSeconds ?? 0) + usage.extraSeconds) / HOUR;
  return {
    title: `You have used ${formatHours(
      usage.usedSeconds / HOUR,
    )} of your ${formatHours(allowance)} weekly desktop hours for ${
      week.course.code
    }`,
    description:
      'At the limit your desktop stops (your home is kept), unless a class session of the course is running. Ask your instructor if you need extra hours.',
  };
}
