import {
  CapacityReport,
  CapacityResources,
  DesktopResources,
  MAX_OCCURRENCE_WINDOW_DAYS,
  PlannedSession,
} from '@internal/backstage-plugin-desktops-common';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DesktopRuntime,
  RuntimeCapacity,
} from '@internal/backstage-plugin-desktops-node';
import { DateTime } from 'luxon';
import { DEFAULT_RESOURCES } from '../environments/CourseEnvironments';
import { occurrencesBetween, SessionSchedule } from '../sessions/occurrences';
import type { DesktopStore } from '../store/DesktopStore';
import type { SessionStore } from '../store/SessionStore';
import {
  desktopsThatFit,
  fitOf,
  MeetingFit,
  PlannedMeeting,
} from './capacityPlan';
import { capacityWarning } from './capacityWarning';

/** How far ahead the admins' report looks. */
export const REPORT_DAYS = 7;
/**
 * How far ahead a session being scheduled is checked: two months of its
 * meetings (the longest window the occurrences route answers).
 */
export const CHECK_DAYS = MAX_OCCURRENCE_WINDOW_DAYS;
/**
 * Meetings that start up to this long after the horizon are planned too,
 * since they can overlap the last ones in it.
 */
const OVERLAP_MARGIN_DAYS = 1;

/** Desktops whose resources are taken now. */
const IN_USE_STATES = ['starting', 'running'] as const;

export type DesktopCapacityOptions = {
  runtime: Pick<DesktopRuntime, 'kind' | 'capacity'>;
  desktops: Pick<DesktopStore, 'listInStates'>;
  sessions: Pick<SessionStore, 'listAll'>;
  /** The current environment of a course, for its desktops' resources. */
  environments: {
    current(
      courseId: string,
    ): Promise<{ resources: DesktopResources } | undefined>;
  };
  /** The courses plugin's memberships (code, zone, students), read as this plugin. */
  courses: { membersOf(courseIds: string[]): Promise<CourseMembership[]> };
  /** Where a course without a zone (older courses plugin) is placed. */
  defaultTimeZone: string;
  logger: LoggerService;
};

type ReservedShare = NonNullable<RuntimeCapacity['reservedShare']>;
const WHOLE: ReservedShare = { cpus: 1, memory: 1 };

/** What the runtime sets aside for a desktop of `r` (all of it on Docker). */
const reservedFor = (
  r: DesktopResources,
  share: ReservedShare,
): CapacityResources => ({
  cpus: round(r.cpus * share.cpus),
  memoryMiB: Math.round(r.memoryMiB * share.memory),
});

/**
 * What this installation can run: the runtime's allocatable CPU and memory
 * against the desktops running now and the class sessions planned. A
 * meeting needs a desktop per enrolled student, of its course
 * environment's size; meetings that overlap add up.
 */
export class DesktopCapacity {
  constructor(private readonly options: DesktopCapacityOptions) {}

  /** GET /capacity: now, and the meetings of the next 7 days. */
  async report(now: Date = new Date()): Promise<CapacityReport> {
    const from = DateTime.fromJSDate(now).toUTC();
    const horizon = from.plus({ days: REPORT_DAYS });
    const [capacity, running] = await Promise.all([
      this.options.runtime.capacity(),
      this.options.desktops.listInStates(IN_USE_STATES),
    ]);
    const { allocatable } = capacity;
    const share = capacity.reservedShare ?? WHOLE;
    const meetings = await this.meetings(
      from,
      horizon.plus({ days: OVERLAP_MARGIN_DAYS }),
      share,
    );
    const inUse = running.reduce(
      (sum, d) => {
        const reserved = reservedFor(d.resources, share);
        return {
          cpus: sum.cpus + reserved.cpus,
          memoryMiB: sum.memoryMiB + reserved.memoryMiB,
          desktops: sum.desktops + 1,
        };
      },
      { cpus: 0, memoryMiB: 0, desktops: 0 },
    );
    const shown = meetings.filter(
      m => Date.parse(m.occurrence.start) < horizon.toMillis(),
    );
    const perDesktop = largest(
      shown.map(m => m.perDesktop),
      reservedFor(DEFAULT_RESOURCES, share),
    );
    return {
      source:
        this.options.runtime.kind === 'kubernetes' ? 'kubernetes' : 'docker',
      allocatable,
      inUse: {
        cpus: round(inUse.cpus),
        memoryMiB: inUse.memoryMiB,
        desktops: inUse.desktops,
      },
      perDesktop,
      fitsNow: desktopsThatFit(
        {
          cpus: allocatable.cpus - inUse.cpus,
          memoryMiB: allocatable.memoryMiB - inUse.memoryMiB,
        },
        perDesktop,
      ),
      upcoming: shown.map(m => planned(fitOf(m, meetings, allocatable))),
    };
  }

  /**
   * Why `session` (being scheduled or changed; its id, if saved, replaces
   * the stored one) would not fit in the next {@link CHECK_DAYS} days, or
   * null when all its meetings fit.
   */
  async warningFor(
    session: SessionSchedule,
    now: Date = new Date(),
  ): Promise<string | null> {
    const from = DateTime.fromJSDate(now).toUTC();
    const horizon = from.plus({ days: CHECK_DAYS });
    const capacity = await this.options.runtime.capacity();
    const { allocatable } = capacity;
    const meetings = await this.meetings(
      from,
      horizon.plus({ days: OVERLAP_MARGIN_DAYS }),
      capacity.reservedShare ?? WHOLE,
      session,
    );
    const short = meetings
      .filter(
        m =>
          m.occurrence.sessionId === session.id &&
          Date.parse(m.occurrence.start) < horizon.toMillis(),
      )
      .map(m => fitOf(m, meetings, allocatable))
      .filter(fit => !fit.fits);
    return capacityWarning(short, allocatable);
  }

  /**
   * The warning for a session just saved, as the create and update
   * routes return it. The session is saved whatever capacity says, so a
   * check that fails (the runtime or the courses plugin not answering)
   * is logged and leaves the warning out instead of failing the save.
   */
  async warningOnSave(
    session: SessionSchedule,
  ): Promise<{ capacityWarning?: string }> {
    try {
      const warning = await this.warningFor(session);
      return warning ? { capacityWarning: warning } : {};
    } catch (error) {
      this.options.logger.warn(
        `Could not check the capacity for session ${session.id} of course ${session.courseId}: ${error}`,
      );
      return {};
    }
  }

  /**
   * The meetings whose desktops run within [from, to), by start, with
   * `replacing` instead of the stored session of its id. Sessions of a
   * course the courses plugin no longer knows plan nothing.
   */
  private async meetings(
    from: DateTime,
    to: DateTime,
    share: ReservedShare,
    replacing?: SessionSchedule,
  ): Promise<PlannedMeeting[]> {
    const stored = await this.options.sessions.listAll();
    const sessions: SessionSchedule[] = replacing
      ? [...stored.filter(s => s.id !== replacing.id), replacing]
      : stored;
    const courseIds = [...new Set(sessions.map(s => s.courseId))];
    if (courseIds.length === 0) return [];
    const [courses, perDesktop] = await Promise.all([
      this.options.courses.membersOf(courseIds),
      this.perDesktopOf(courseIds, share),
    ]);
    const byId = new Map(courses.map(c => [c.courseId, c]));
    return sessions
      .flatMap(session => {
        const course = byId.get(session.courseId);
        if (!course) return [];
        const timeZone = course.timeZone ?? this.options.defaultTimeZone;
        return occurrencesBetween(session, timeZone, from, to, 'window').map(
          occurrence => ({
            occurrence,
            courseCode: course.code,
            timeZone,
            students: course.students.length,
            perDesktop: perDesktop.get(session.courseId)!,
          }),
        );
      })
      .sort(
        (a, b) =>
          a.occurrence.start.localeCompare(b.occurrence.start) ||
          a.occurrence.sessionId.localeCompare(b.occurrence.sessionId),
      );
  }

  /**
   * What each course's desktop takes: its current environment's size (or
   * the default), the share the runtime reserves of it.
   */
  private async perDesktopOf(
    courseIds: string[],
    share: ReservedShare,
  ): Promise<Map<string, CapacityResources>> {
    const entries = await Promise.all(
      courseIds.map(
        async id =>
          [
            id,
            reservedFor(
              (await this.options.environments.current(id))?.resources ??
                DEFAULT_RESOURCES,
              share,
            ),
          ] as const,
      ),
    );
    return new Map(entries);
  }
}

/** Per resource, the largest of `sizes`; `otherwise` if none. */
function largest(
  sizes: CapacityResources[],
  otherwise: CapacityResources,
): CapacityResources {
  if (sizes.length === 0) return otherwise;
  return {
    cpus: Math.max(...sizes.map(s => s.cpus)),
    memoryMiB: Math.max(...sizes.map(s => s.memoryMiB)),
  };
}

/** Sums of decimal CPUs, to the milli-CPU. */
function round(cpus: number): number {
  return Math.round(cpus * 1000) / 1000;
}

function planned(fit: MeetingFit): PlannedSession {
  const { occurrence } = fit.meeting;
  return {
    courseId: occurrence.courseId,
    courseCode: fit.meeting.courseCode,
    sessionId: occurrence.sessionId,
    title: occurrence.title,
    start: occurrence.start,
    end: occurrence.end,
    students: fit.meeting.students,
    fits: fit.fits,
    shortBy: fit.shortBy,
  };
}
