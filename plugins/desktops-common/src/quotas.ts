import { storableText } from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import { userEntityRefSchema } from './presence';

/**
 * Where a student stands against a course's weekly hours: `warning` from
 * {@link HOUR_WARNING_PERCENT}% of the allowance (budget + extra hours), at
 * which they get a notice; `exhausted` at the allowance, at which the
 * desktop stops unless a session of the course runs.
 *
 * @public
 */
export type HourUsageState = 'ok' | 'warning' | 'exhausted';

/**
 * A student's use of one course's weekly desktop hours (the meter: "6.5 of
 * 20 h this week").
 *
 * @public
 */
export type HourUsage = {
  courseId: string;
  /** ISO date of the week's Monday in the course's time zone. */
  weekStart: string;
  /** Running time this week so far (class time left out unless it counts). */
  usedSeconds: number;
  /**
   * The course's weekly budget per student; null: no weekly limit (the
   * state is then always `ok`).
   */
  budgetSeconds: number | null;
  /** Extra time granted to this student for this week. */
  extraSeconds: number;
  state: HourUsageState;
};

/** Percentage of the allowance from which the student is warned. @public */
export const HOUR_WARNING_PERCENT = 90;

/**
 * The state for a use of `usedSeconds` of `budgetSeconds + extraSeconds`.
 * An allowance of 0 (a budget of 0 hours and no grant) is exhausted from
 * the start: no desktop time outside class. No budget (null): no limit.
 *
 * @public
 */
export function hourUsageState(
  usedSeconds: number,
  budgetSeconds: number | null,
  extraSeconds: number,
): HourUsageState {
  if (budgetSeconds === null) return 'ok';
  const allowance = budgetSeconds + extraSeconds;
  if (usedSeconds >= allowance) return 'exhausted';
  // In whole percents: 0.9 * allowance can land just past the true edge
  // (0.9 * 13 is 11.700000000000001), which would miss the warning.
  if (usedSeconds * 100 >= allowance * HOUR_WARNING_PERCENT) return 'warning';
  return 'ok';
}

/** The student, by user entity ref; refs compare in lower case. */
const studentRefSchema = z
  .string({ error: 'Name the student by user entity ref' })
  .trim()
  .transform(ref => ref.toLocaleLowerCase('en-US'))
  .pipe(userEntityRefSchema);

/** Weekly hours per student: 0 to 168, or null. */
const weeklyHoursSchema = z
  .number({ error: 'Weekly hours must be a number or null' })
  .min(0, 'Weekly hours cannot be negative')
  .max(168, 'A week has at most 168 hours')
  .nullable();

const classTimeCountsSchema = z.boolean({
  error: 'classTimeCounts is true or false',
});

/**
 * PUT a course's weekly hour budget. `weeklyHours` null: the course follows
 * the installation's default (see {@link HourQuotaDefaults}).
 *
 * @public
 */
export const setHourBudgetRequestSchema = z.strictObject({
  weeklyHours: weeklyHoursSchema,
  /**
   * Whether time in the course's sessions (from warm-up to stop) counts;
   * absent: what applies to the course now is kept (the installation's
   * default for a course that never set it, which does not count it
   * unless an admin changed it). With `weeklyHours` null and this absent,
   * the course follows the default entirely.
   */
  classTimeCounts: classTimeCountsSchema.optional(),
});

/** @public */
export type SetHourBudgetRequest = z.infer<typeof setHourBudgetRequestSchema>;

/** POST extra hours for one student, this week. @public */
export const hourGrantRequestSchema = z.strictObject({
  student: studentRefSchema,
  extraHours: z
    .number({ error: 'Extra hours must be a number' })
    .gt(0, 'Grant more than 0 hours')
    .max(40, 'Grant at most 40 extra hours at a time'),
  reason: storableText(
    'Reason',
    z.string().trim().max(500, 'Reasons are at most 500 characters'),
  ).optional(),
});

/** @public */
export type HourGrantRequest = z.infer<typeof hourGrantRequestSchema>;

/**
 * A course's weekly hours per student as they apply: set for the course
 * (`source: 'course'`) or the installation's default (`'default'`).
 * `weeklyHours` null: no weekly limit.
 *
 * @public
 */
export type CourseHourBudget = {
  courseId: string;
  weeklyHours: number | null;
  classTimeCounts: boolean;
  source: 'course' | 'default';
};

/**
 * The installation's defaults for courses that set no budget of their own,
 * set by admins. `weeklyHours` null: no weekly limit.
 *
 * @public
 */
export type HourQuotaDefaults = {
  weeklyHours: number | null;
  classTimeCounts: boolean;
};

/** PUT the installation's defaults (admins). @public */
export const hourQuotaDefaultsRequestSchema = z.strictObject({
  weeklyHours: weeklyHoursSchema,
  classTimeCounts: classTimeCountsSchema,
});

/** @public */
export type HourQuotaDefaultsRequest = z.infer<
  typeof hourQuotaDefaultsRequestSchema
>;

/** One student's meter, for the course's instructors. @public */
export type StudentHourUsage = HourUsage & {
  /** User entity ref. */
  student: string;
  displayName: string;
};

/** GET /courses/:courseId/hours: the budget and every student's meter. @public */
export type CourseHoursResponse = {
  budget: CourseHourBudget;
  items: StudentHourUsage[];
};
