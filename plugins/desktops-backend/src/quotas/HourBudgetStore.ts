import { HourQuotaDefaults } from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';

const BUDGETS = 'course_hour_budgets';
const GRANTS = 'hour_grants';
const DEFAULTS = 'hour_quota_defaults';
/** The one row of `hour_quota_defaults`. */
const DEFAULTS_ID = 1;

/** What a course set for itself; `weeklyHours` null: the default's hours. */
export type CourseBudgetRecord = {
  weeklyHours: number | null;
  classTimeCounts: boolean;
};

export type HourGrantRecord = {
  courseId: string;
  /** Lower-case user entity ref. */
  student: string;
  /** ISO date of the week's Monday in the course's zone. */
  weekStart: string;
  extraHours: number;
  grantedBy: string;
  grantedAt: string;
  reason: string | null;
};

type BudgetRow = {
  course_id: string;
  weekly_hours: number | null;
  class_time_counts: boolean | number;
  updated_by: string;
  updated_at: string;
};

type DefaultsRow = {
  id: number;
  weekly_hours: number | null;
  class_time_counts: boolean | number;
  updated_by: string;
  updated_at: string;
};

type GrantRow = {
  id: number | string;
  course_id: string;
  student: string;
  week_start: string;
  extra_hours: number;
  granted_by: string;
  granted_at: string;
  reason: string | null;
};

/** PostgreSQL gives doubles as numbers, SQLite booleans as 0/1. */
function hours(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Weekly hour budgets of courses (`course_hour_budgets`), the
 * installation's defaults (`hour_quota_defaults`) and extra hours granted
 * to students (`hour_grants`).
 */
export class HourBudgetStore {
  constructor(private readonly knex: Knex) {}

  async courseBudget(
    courseId: string,
  ): Promise<CourseBudgetRecord | undefined> {
    const row = await this.knex<BudgetRow>(BUDGETS)
      .where({ course_id: courseId })
      .first();
    return row
      ? {
          weeklyHours: hours(row.weekly_hours),
          classTimeCounts: Boolean(row.class_time_counts),
        }
      : undefined;
  }

  async setCourseBudget(
    courseId: string,
    budget: CourseBudgetRecord,
    by: string,
    at: string,
  ): Promise<void> {
    await this.knex<BudgetRow>(BUDGETS)
      .insert({
        course_id: courseId,
        weekly_hours: budget.weeklyHours,
        class_time_counts: budget.classTimeCounts,
        updated_by: by,
        updated_at: at,
      })
      .onConflict('course_id')
      .merge();
  }

  /** The course follows the installation's defaults again. */
  async deleteCourseBudget(courseId: string): Promise<void> {
    await this.knex(BUDGETS).where({ course_id: courseId }).delete();
  }

  /** What an admin set; undefined until one did. */
  async defaults(): Promise<HourQuotaDefaults | undefined> {
    const row = await this.knex<DefaultsRow>(DEFAULTS)
      .where({ id: DEFAULTS_ID })
      .first();
    return row
      ? {
          weeklyHours: hours(row.weekly_hours),
          classTimeCounts: Boolean(row.class_time_counts),
        }
      : undefined;
  }

  async setDefaults(
    defaults: HourQuotaDefaults,
    by: string,
    at: string,
  ): Promise<void> {
    await this.knex<DefaultsRow>(DEFAULTS)
      .insert({
        id: DEFAULTS_ID,
        weekly_hours: defaults.weeklyHours,
        class_time_counts: defaults.classTimeCounts,
        updated_by: by,
        updated_at: at,
      })
      .onConflict('id')
      .merge();
  }

  async addGrant(grant: HourGrantRecord): Promise<void> {
    await this.knex<GrantRow>(GRANTS).insert({
      course_id: grant.courseId,
      student: grant.student.toLocaleLowerCase('en-US'),
      week_start: grant.weekStart,
      extra_hours: grant.extraHours,
      granted_by: grant.grantedBy,
      granted_at: grant.grantedAt,
      reason: grant.reason,
    });
  }

  /**
   * Extra hours granted for the week, per student (lower-case refs); the
   * grants of one student add up.
   */
  async extraHours(
    courseId: string,
    weekStart: string,
  ): Promise<Map<string, number>> {
    const rows = await this.knex<GrantRow>(GRANTS)
      .where({ course_id: courseId, week_start: weekStart })
      .select('student', 'extra_hours');
    const sums = new Map<string, number>();
    for (const row of rows) {
      sums.set(
        row.student,
        (sums.get(row.student) ?? 0) + Number(row.extra_hours),
      );
    }
    return sums;
  }
}
