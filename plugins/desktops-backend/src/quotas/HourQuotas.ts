import { ConflictError } from '@backstage/errors';
import {
  ClassOccurrence,
  ClassSession,
  CourseHourBudget,
  HourGrantRequest,
  HourQuotaDefaults,
  HourUsage,
  hourUsageState,
  SetHourBudgetRequest,
} from '@internal/backstage-plugin-desktops-common';
import { DateTime, Interval } from 'luxon';
import {
  occurrenceInWindow,
  occurrencesBetween,
} from '../sessions/occurrences';
import { CourseDirectory, CourseFacts } from './CourseFacts';
import { HourBudgetStore } from './HourBudgetStore';
import { RecordedMeetings } from './RecordedMeetings';
import { RunIntervalStore } from './RunIntervalStore';
import { ClassWindow, usedSeconds, weekWindow } from './weeklyUsage';

const HOUR = 3600;

/** Everything about one course's current week that every student shares. */
export type CourseWeek = {
  course: CourseFacts;
  budget: CourseHourBudget;
  week: Interval;
  /** ISO date of the week's Monday in the course's zone. */
  weekStart: string;
  /**
   * Session time of the week, [warmUpAt, stopAt) of each meeting: left out
   * of the used hours unless class time counts. Before `now` the meetings
   * recorded (class_session_runs), from `now` on the schedule.
   */
  classWindows: ClassWindow[];
  /** The meeting whose [warmUpAt, stopAt) contains the week's `now`. */
  runningSession: ClassOccurrence | undefined;
  /** Extra hours of this week, by lower-case student ref. */
  extraHours: Map<string, number>;
};

/** The sessions of a course, for class time. */
export interface CourseSessions {
  listForCourse(courseId: string): Promise<ClassSession[]>;
}

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** `window` cut to [from, to); nothing when nothing is left. */
function clip(
  window: { start: string; end: string },
  from: DateTime | undefined,
  to: DateTime | undefined,
): ClassWindow[] {
  const start = DateTime.fromISO(window.start, { zone: 'utc' });
  const end = DateTime.fromISO(window.end, { zone: 'utc' });
  const cutStart = from && start < from ? from : start;
  const cutEnd = to && end > to ? to : end;
  return cutEnd > cutStart ? [{ start: cutStart, end: cutEnd }] : [];
}

/** 20 → "20", 0.01 → "0.01", 6.54321 → "6.54". */
export function formatHours(hours: number): string {
  return String(Number(hours.toFixed(2)));
}

/**
 * Weekly desktop hours per student and course (issue 13 §2): budgets (the
 * course's own, else the installation's default), extra hours granted for a
 * week, and each student's use, computed from the recorded run intervals in
 * the course's week (its time zone).
 *
 * Session time is [warmUpAt, stopAt) of each meeting, for all three uses:
 * it is left out of the used hours (unless the course counts class time),
 * and during it a desktop at its limit is neither refused nor stopped. The
 * warm-up and after-class minutes belong to the session: desktops the
 * warm-up started were not the student's choice, and stopping them before
 * class would defeat the warm-up.
 *
 * The course's instructors have no limit (their budget reads as null).
 */
export class HourQuotas {
  constructor(
    private readonly deps: {
      runIntervals: RunIntervalStore;
      sessions: CourseSessions;
      /** Past session time: the meetings the runner recorded. */
      recordedMeetings: RecordedMeetings;
      budgets: HourBudgetStore;
      courses: CourseDirectory;
      /** `desktops.quotas.defaultWeeklyHours`, until an admin sets one. */
      configDefaults: HourQuotaDefaults;
    },
  ) {}

  async defaults(): Promise<HourQuotaDefaults> {
    return (await this.deps.budgets.defaults()) ?? this.deps.configDefaults;
  }

  async setDefaults(
    defaults: HourQuotaDefaults,
    by: string,
    at: Date,
  ): Promise<HourQuotaDefaults> {
    await this.deps.budgets.setDefaults(defaults, by, at.toISOString());
    return this.defaults();
  }

  /** The budget that applies to the course now. */
  async budget(courseId: string): Promise<CourseHourBudget> {
    const [own, defaults] = await Promise.all([
      this.deps.budgets.courseBudget(courseId),
      this.defaults(),
    ]);
    if (own && own.weeklyHours !== null) {
      return { courseId, ...own, source: 'course' };
    }
    return {
      courseId,
      weeklyHours: defaults.weeklyHours,
      classTimeCounts: own ? own.classTimeCounts : defaults.classTimeCounts,
      source: 'default',
    };
  }

  /**
   * Sets the course's budget. `weeklyHours` null: its hours follow the
   * default (and without `classTimeCounts` the course follows the default
   * entirely). `classTimeCounts` absent: the course keeps what applies now.
   */
  async setBudget(
    courseId: string,
    request: SetHourBudgetRequest,
    by: string,
    at: Date,
  ): Promise<CourseHourBudget> {
    const { budgets } = this.deps;
    if (request.weeklyHours === null && request.classTimeCounts === undefined) {
      await budgets.deleteCourseBudget(courseId);
    } else {
      const current = await this.budget(courseId);
      await budgets.setCourseBudget(
        courseId,
        {
          weeklyHours: request.weeklyHours,
          classTimeCounts: request.classTimeCounts ?? current.classTimeCounts,
        },
        by,
        at.toISOString(),
      );
    }
    return this.budget(courseId);
  }

  /** Extra hours for one student, for the week `at` falls in. */
  async grant(
    courseId: string,
    request: HourGrantRequest,
    by: string,
    at: Date,
  ): Promise<void> {
    const week = await this.courseWeek(courseId, at);
    await this.deps.budgets.addGrant({
      courseId,
      student: request.student,
      weekStart: week.weekStart,
      extraHours: request.extraHours,
      grantedBy: by,
      grantedAt: at.toISOString(),
      reason: request.reason ?? null,
    });
  }

  /** The course's facts (from the courses plugin); 404-like if unknown. */
  async course(courseId: string): Promise<CourseFacts> {
    const course = (await this.deps.courses.rostersOf([courseId])).get(
      courseId,
    );
    if (!course) {
      throw new Error(`The courses plugin does not know course ${courseId}`);
    }
    return course;
  }

  /** The week `now` falls in, in the course's zone, with what it shares. */
  async courseWeek(courseId: string, now: Date): Promise<CourseWeek> {
    const [course, budget, sessions] = await Promise.all([
      this.course(courseId),
      this.budget(courseId),
      this.deps.sessions.listForCourse(courseId),
    ]);
    const zone = course.timeZone;
    const week = weekWindow(now.toISOString(), zone);
    const weekStart = week.start!.toISODate()!;
    const at = DateTime.fromJSDate(now).toUTC();
    // The past from the meetings recorded, the schedule only from now on:
    // editing, cancelling or deleting a meeting afterwards must not change
    // hours already used (nor a meeting that took place stop counting).
    const recorded = await this.deps.recordedMeetings.windowsOf(
      courseId,
      week.start!.toUTC().toISO()!,
      at.toISO()!,
    );
    const scheduled = sessions
      .flatMap(s => occurrencesBetween(s, zone, at, week.end!, 'window'))
      .map(o => ({ start: o.warmUpAt, end: o.stopAt }));
    const classWindows = [
      ...recorded.flatMap(w => clip(w, undefined, at)),
      ...scheduled.flatMap(w => clip(w, at, undefined)),
    ];
    const runningSession = sessions
      .map(s => occurrenceInWindow(s, zone, now))
      .find(o => o !== undefined);
    return {
      course,
      budget,
      week,
      weekStart,
      classWindows,
      runningSession,
      extraHours: await this.deps.budgets.extraHours(courseId, weekStart),
    };
  }

  /** A student's use of the course's hours in `week`, up to `now`. */
  async usageIn(
    week: CourseWeek,
    student: string,
    now: Date,
  ): Promise<HourUsage> {
    const intervals = await this.deps.runIntervals.intervalsFor(
      student,
      week.course.courseId,
      week.week.start!.toUTC().toISO()!,
      week.week.end!.toUTC().toISO()!,
    );
    const used = usedSeconds(intervals, week.week, {
      now: now.toISOString(),
      classWindows: week.classWindows,
      classTimeCounts: week.budget.classTimeCounts,
    });
    const instructor = week.course.instructors.some(
      ref => lower(ref) === lower(student),
    );
    const budgetSeconds =
      instructor || week.budget.weeklyHours === null
        ? null
        : week.budget.weeklyHours * HOUR;
    const extraSeconds = (week.extraHours.get(lower(student)) ?? 0) * HOUR;
    return {
      courseId: week.course.courseId,
      weekStart: week.weekStart,
      usedSeconds: used,
      budgetSeconds,
      extraSeconds,
      state: hourUsageState(used, budgetSeconds, extraSeconds),
    };
  }

  async usage(
    student: string,
    courseId: string,
    now: Date,
  ): Promise<HourUsage> {
    return this.usageIn(await this.courseWeek(courseId, now), student, now);
  }

  /**
   * Refuses (409, saying why) to start `owner`'s desktop of the course when
   * their hours are used up and no session of the course is running. With
   * no weekly limit nothing is asked of the courses plugin.
   */
  async assertMayRun(owner: string, courseId: string, at: Date) {
    if ((await this.budget(courseId)).weeklyHours === null) return;
    const week = await this.courseWeek(courseId, at);
    if (week.runningSession) return;
    const usage = await this.usageIn(week, owner, at);
    if (usage.state === 'exhausted') {
      throw new ConflictError(exhaustedReason(week, usage));
    }
  }
}

/**
 * Why a desktop stops or may not start: "Your 20 weekly desktop hours for
 * CS101 are used up (home kept). Ask your instructor for extra hours."
 */
export function exhaustedReason(week: CourseWeek, usage: HourUsage): string {
  const budget = (usage.budgetSeconds ?? 0) / HOUR;
  const extra = usage.extraSeconds / HOUR;
  const hours =
    extra > 0
      ? `${formatHours(budget)} weekly desktop hours (and ${formatHours(
          extra,
        )} extra)`
      : `${formatHours(budget)} weekly desktop ${
          budget === 1 ? 'hour' : 'hours'
        }`;
  const verb = extra === 0 && budget === 1 ? 'is' : 'are';
  return `Your ${hours} for ${week.course.code} ${verb} used up (home kept). Ask your instructor for extra hours.`;
}
