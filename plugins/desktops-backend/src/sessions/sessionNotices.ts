import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ClassOccurrence,
  DesktopPresenceSignal,
  desktopPresenceChannel,
} from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { CourseRoster } from './sessionRosters';

const TOPIC = 'Class sessions';
/** Names listed in the instructors' notification; the Sessions tab has all. */
const NAMES_LISTED = 5;

/** `9:00`: a meeting's local time in the course's zone. */
export function localTime(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' })
    .setZone(timeZone)
    .toFormat('H:mm');
}

/** `Tue 9:00`: a meeting's local weekday and time. */
function localDayAndTime(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' })
    .setZone(timeZone)
    .setLocale('en-US')
    .toFormat('ccc H:mm');
}

/** Why a desktop stopped after its class, shown to the student. */
export function classEndedReason(
  occurrence: { end: string | null },
  timeZone: string,
): string {
  // A deleted session's end is not known any more.
  if (occurrence.end === null) return 'Class is over (your home is kept)';
  return `Class ended at ${localTime(
    occurrence.end,
    timeZone,
  )} (your home is kept)`;
}

/** A student could not get a desktop: who and why. */
export type WarmUpProblem = { student: string; reason: string };

/**
 * The notifications of class sessions. A failed send is logged, never
 * thrown: the desktops matter more than the message about them. Each has
 * a scope per meeting, so the notifications backend updates one entry
 * instead of adding another.
 */
export class SessionNotices {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      /** Tells an open viewer too: a student typing there sees no notification. */
      signals?: SignalsService;
      logger: LoggerService;
    },
  ) {}

  /** "Class starts at 9:00: your desktop is ready". */
  async desktopReady(
    student: string,
    desktopId: string,
    occurrence: ClassOccurrence,
    roster: CourseRoster,
    now: Date,
  ): Promise<void> {
    const time = localTime(occurrence.start, roster.timeZone);
    const starts = now.getTime() < Date.parse(occurrence.start);
    await this.send(`the warm-up notice of ${student}`, {
      recipients: { type: 'entity', entityRef: student },
      payload: {
        title: `Class ${
          starts ? 'starts' : 'started'
        } at ${time}: your desktop is ready`,
        description: `${occurrence.title} (${roster.code}): open your desktop to join.`,
        link: `/desktops/${desktopId}`,
        topic: TOPIC,
        scope: `class-session-ready:${occurrence.sessionId}:${occurrence.start}`,
      },
    });
  }

  /** "N desktops of CS101 could not be started for Tue 9:00". */
  async warmUpProblems(
    problems: WarmUpProblem[],
    names: Map<string, string>,
    occurrence: Pick<ClassOccurrence, 'sessionId' | 'start'>,
    roster: CourseRoster,
  ): Promise<void> {
    if (problems.length === 0 || roster.instructors.length === 0) return;
    const n = problems.length;
    const listed = problems
      .slice(0, NAMES_LISTED)
      .map(p => `${names.get(p.student) ?? p.student}: ${p.reason}`);
    if (n > NAMES_LISTED) listed.push(`and ${n - NAMES_LISTED} more`);
    await this.send(`the warm-up problems of ${roster.code}`, {
      recipients: { type: 'entity', entityRef: roster.instructors },
      payload: {
        title: `${n} ${n === 1 ? 'desktop' : 'desktops'} of ${
          roster.code
        } could not be started for ${localDayAndTime(
          occurrence.start,
          roster.timeZone,
        )}`,
        description: listed.join('; '),
        link: `/courses/${roster.courseId}/sessions`,
        topic: TOPIC,
        severity: 'high',
        scope: `class-session-problems:${occurrence.sessionId}:${occurrence.start}`,
      },
    });
  }

  /** "Class is over: your desktop stops in 5 minutes (your home is kept)". */
  async stopsSoon(
    owner: string,
    desktopId: string,
    occurrence: Pick<ClassOccurrence, 'sessionId' | 'start'>,
    minutes: number,
    now: Date = new Date(),
  ): Promise<void> {
    const stopsAt = new Date(now.getTime() + minutes * 60_000).toISOString();
    try {
      await this.deps.signals?.publish<DesktopPresenceSignal>({
        recipients: { type: 'user', entityRef: owner },
        channel: desktopPresenceChannel(desktopId),
        message: {
          type: 'stop-scheduled',
          desktopId,
          stopsAt,
          reason: `Class is over: this desktop stops in ${minutes} minutes. Save your work; your home is kept.`,
        },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not tell ${owner}'s open viewer that desktop ${desktopId} stops soon: ${error}`,
      );
    }
    await this.send(`the after-class notice of ${owner}`, {
      recipients: { type: 'entity', entityRef: owner },
      payload: {
        title: `Class is over: your desktop stops in ${minutes} minutes (your home is kept)`,
        description:
          'Save your work. You can start the desktop again later, with your files.',
        link: `/desktops/${desktopId}`,
        topic: TOPIC,
        severity: 'high',
        scope: `class-session-stop:${occurrence.sessionId}:${occurrence.start}:${desktopId}`,
      },
    });
  }

  private async send(
    what: string,
    options: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    try {
      await this.deps.notifications.send(options);
    } catch (error) {
      this.deps.logger.warn(`Sending ${what} failed: ${error}`);
    }
  }
}
