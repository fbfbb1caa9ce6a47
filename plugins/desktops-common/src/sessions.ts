import { singleLineText } from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';

/**
 * Class sessions: times when a course meets, in the course's time zone.
 * Warm-up starts the students' desktops `warmUpMinutes` before each start;
 * desktops nobody uses stop `afterEndMinutes` after each end.
 */

/** `once`: a single meeting on `startDate`; `weekly`: on `weekdays`. @public */
export type ClassSessionKind = 'once' | 'weekly';

/** Luxon's weekday numbers: 1 is Monday, 7 is Sunday. @public */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * A session series of a course, as the API returns it. Dates are local
 * calendar dates `yyyy-mm-dd` and `startTime` a local `HH:mm`, both in the
 * course's time zone (a weekly class stays at 9:00 across DST changes);
 * `createdAt` and `updatedAt` are ISO 8601 UTC instants.
 *
 * @public
 */
export type ClassSession = {
  id: string;
  courseId: string;
  title: string;
  kind: ClassSessionKind;
  /** The one-off date, or the first date a weekly series may meet. */
  startDate: string;
  startTime: string;
  durationMinutes: number;
  /** Weekly: the days it meets, ascending; empty for a one-off. */
  weekdays: Weekday[];
  /** Weekly: the last date it may meet (inclusive); null: no end. */
  untilDate: string | null;
  warmUpMinutes: number;
  afterEndMinutes: number;
  /** Local dates of single meetings that were cancelled, ascending. */
  cancelledDates: string[];
  /** User entity ref of whoever scheduled it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/**
 * One meeting of a session series. Instants are ISO 8601 UTC strings:
 * warm-up runs over [warmUpAt, start), the class over [start, end), and
 * unused desktops stop at `stopAt`.
 *
 * @public
 */
export type ClassOccurrence = {
  sessionId: string;
  courseId: string;
  title: string;
  /**
   * The local date it was scheduled on (the key for cancelling it). The
   * start can fall on the next day only when a DST gap pushes it there.
   */
  date: string;
  start: string;
  end: string;
  warmUpAt: string;
  stopAt: string;
};

/** Limits of the session fields, shared by the schemas and the UI. @public */
export const CLASS_SESSION_LIMITS = {
  titleMaxLength: 100,
  durationMinutes: { min: 5, max: 720 },
  warmUpMinutes: { min: 0, max: 120, default: 10 },
  afterEndMinutes: { min: 0, max: 240, default: 15 },
  cancelledDatesMax: 500,
} as const;

/** A local calendar date; zod's ISO date rule also refuses 2026-02-30. @public */
export const sessionDateSchema = z.iso.date({
  error: 'Dates are written yyyy-mm-dd, for example 2026-09-14',
});

/** A local time of day, 24-hour `HH:mm`. @public */
export const sessionTimeSchema = z
  .string({ error: 'Times are written HH:mm, for example 09:00' })
  .regex(
    /^(?:[01]\d|2[0-3]):[0-5]\d$/,
    'Times are written HH:mm (24-hour), for example 09:00',
  );

const titleSchema = singleLineText(
  'Session title',
  z
    .string({ error: 'Give the session a title' })
    .trim()
    .min(1, 'Give the session a title')
    .max(
      CLASS_SESSION_LIMITS.titleMaxLength,
      `Session titles are at most ${CLASS_SESSION_LIMITS.titleMaxLength} characters`,
    ),
);

const kindSchema = z.enum(['once', 'weekly'], {
  error: 'The kind is "once" or "weekly"',
});

function minutesSchema(
  label: string,
  { min, max }: { min: number; max: number },
) {
  const message = `${label} is a whole number of minutes from ${min} to ${max}`;
  return z
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
}

const durationSchema = minutesSchema(
  'The duration',
  CLASS_SESSION_LIMITS.durationMinutes,
);
const warmUpSchema = minutesSchema(
  'Warm-up',
  CLASS_SESSION_LIMITS.warmUpMinutes,
);
const afterEndSchema = minutesSchema(
  'The time after the end',
  CLASS_SESSION_LIMITS.afterEndMinutes,
);

const weekdaysSchema = z
  .array(
    z
      .number({ error: 'Weekdays are numbers from 1 (Monday) to 7 (Sunday)' })
      .int('Weekdays are numbers from 1 (Monday) to 7 (Sunday)')
      .min(1, 'Weekdays are numbers from 1 (Monday) to 7 (Sunday)')
      .max(7, 'Weekdays are numbers from 1 (Monday) to 7 (Sunday)'),
    { error: 'Weekdays are a list of numbers from 1 (Monday) to 7 (Sunday)' },
  )
  .max(7, 'A week has 7 days')
  .refine(
    days => new Set(days).size === days.length,
    'Each weekday is listed once',
  )
  // Stored and compared in one order.
  .transform(days => [...days].sort((a, b) => a - b) as Weekday[]);

/** The fields whose combination {@link classSessionScheduleProblem} checks. @public */
export type ClassSessionScheduleFields = {
  kind: ClassSessionKind;
  startDate: string;
  weekdays: readonly number[];
  untilDate: string | null;
};

/**
 * Why a combination of schedule fields can't be a session, or undefined if
 * it can. Also run on the result of {@link mergeClassSessionUpdate}: the
 * update schema checks its fields one by one. yyyy-mm-dd dates compare
 * as strings.
 *
 * @public
 */
export function classSessionScheduleProblem(
  s: ClassSessionScheduleFields,
): string | undefined {
  if (s.kind === 'weekly') {
    if (s.weekdays.length === 0) {
      return 'A weekly session meets on at least one weekday';
    }
    if (s.untilDate !== null && s.untilDate < s.startDate) {
      return 'The last date of a weekly session is on or after its start date';
    }
    return undefined;
  }
  if (s.weekdays.length > 0) {
    return 'A one-off session has no weekdays (make it weekly to repeat it)';
  }
  if (s.untilDate !== null) {
    return 'A one-off session has no last date (make it weekly to repeat it)';
  }
  return undefined;
}

/**
 * POST /courses/:courseId/sessions. Weekly sessions need `weekdays`; both
 * minute settings have defaults.
 *
 * @public
 */
export const createClassSessionRequestSchema = z
  .strictObject({
    title: titleSchema,
    kind: kindSchema,
    startDate: sessionDateSchema,
    startTime: sessionTimeSchema,
    durationMinutes: durationSchema,
    weekdays: weekdaysSchema.default([]),
    untilDate: sessionDateSchema.nullable().default(null),
    warmUpMinutes: warmUpSchema.default(
      CLASS_SESSION_LIMITS.warmUpMinutes.default,
    ),
    afterEndMinutes: afterEndSchema.default(
      CLASS_SESSION_LIMITS.afterEndMinutes.default,
    ),
  })
  .superRefine((s, ctx) => {
    const problem = classSessionScheduleProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** @public */
export type CreateClassSessionRequest = z.infer<
  typeof createClassSessionRequestSchema
>;

/**
 * PATCH /courses/:courseId/sessions/:sessionId: the fields to change.
 * `untilDate: null` removes the last date. The combination with the
 * unchanged fields is checked with {@link classSessionScheduleProblem}.
 *
 * @public
 */
export const updateClassSessionRequestSchema = z
  .strictObject({
    title: titleSchema.optional(),
    kind: kindSchema.optional(),
    startDate: sessionDateSchema.optional(),
    startTime: sessionTimeSchema.optional(),
    durationMinutes: durationSchema.optional(),
    weekdays: weekdaysSchema.optional(),
    untilDate: sessionDateSchema.nullable().optional(),
    warmUpMinutes: warmUpSchema.optional(),
    afterEndMinutes: afterEndSchema.optional(),
  })
  .refine(u => Object.keys(u).length > 0, 'Give at least one field to change');

/** @public */
export type UpdateClassSessionRequest = z.infer<
  typeof updateClassSessionRequestSchema
>;

/** POST …/sessions/:sessionId/cancellations: cancel one meeting. @public */
export const cancelClassOccurrenceRequestSchema = z.strictObject({
  date: sessionDateSchema,
});

/** @public */
export type CancelClassOccurrenceRequest = z.infer<
  typeof cancelClassOccurrenceRequestSchema
>;

/** The fields of a session an update can change. @public */
export type ClassSessionEditableFields = Pick<
  ClassSession,
  | 'title'
  | 'kind'
  | 'startDate'
  | 'startTime'
  | 'durationMinutes'
  | 'weekdays'
  | 'untilDate'
  | 'warmUpMinutes'
  | 'afterEndMinutes'
>;

/**
 * The session's fields after `update`. Making a weekly series one-off
 * drops its weekdays and last date unless the update gives them (then
 * {@link classSessionScheduleProblem} refuses them).
 *
 * @public
 */
export function mergeClassSessionUpdate(
  current: ClassSessionEditableFields,
  update: UpdateClassSessionRequest,
): ClassSessionEditableFields {
  const merged: ClassSessionEditableFields = {
    title: update.title ?? current.title,
    kind: update.kind ?? current.kind,
    startDate: update.startDate ?? current.startDate,
    startTime: update.startTime ?? current.startTime,
    durationMinutes: update.durationMinutes ?? current.durationMinutes,
    weekdays: update.weekdays ?? current.weekdays,
    untilDate:
      update.untilDate === undefined ? current.untilDate : update.untilDate,
    warmUpMinutes: update.warmUpMinutes ?? current.warmUpMinutes,
    afterEndMinutes: update.afterEndMinutes ?? current.afterEndMinutes,
  };
  if (update.kind === 'once') {
    if (update.weekdays === undefined) merged.weekdays = [];
    if (update.untilDate === undefined) merged.untilDate = null;
  }
  return merged;
}

/**
 * The longest window GET …/sessions/occurrences answers, in days of 24
 * hours: two months of a calendar view, and a bound on the work one
 * request can ask for.
 *
 * @public
 */
export const MAX_OCCURRENCE_WINDOW_DAYS = 62;

const instantSchema = (label: string) =>
  z.iso.datetime({
    offset: true,
    error: `${label} is an ISO 8601 instant with a zone, for example 2026-09-14T00:00:00Z`,
  });

/**
 * GET /courses/:courseId/sessions/occurrences?from&to: the meetings whose
 * class overlaps [from, to). The window is at most
 * {@link MAX_OCCURRENCE_WINDOW_DAYS} long; comparing the two instants is
 * elapsed time, which needs no calendar.
 *
 * @public
 */
export const classOccurrencesQuerySchema = z
  .object({
    from: instantSchema('from'),
    to: instantSchema('to'),
  })
  .refine(q => Date.parse(q.to) > Date.parse(q.from), {
    error: '`to` is after `from`',
    path: ['to'],
  })
  .refine(
    q =>
      Date.parse(q.to) - Date.parse(q.from) <=
      MAX_OCCURRENCE_WINDOW_DAYS * 24 * 60 * 60 * 1000,
    {
      error: `The window from \`from\` to \`to\` is at most ${MAX_OCCURRENCE_WINDOW_DAYS} days`,
      path: ['to'],
    },
  );

/** @public */
export type ClassOccurrencesQuery = z.infer<typeof classOccurrencesQuerySchema>;

/**
 * A session series as the routes return it: with its next meeting (the
 * first that starts after the request; null when none is left), placed in
 * the course's zone.
 *
 * @public
 */
export type ClassSessionView = ClassSession & {
  nextOccurrence: ClassOccurrence | null;
};

/**
 * GET /courses/:courseId/sessions, and the occurrences route's answer
 * shape: the items and the IANA zone of the course they were placed in.
 *
 * @public
 */
export type ClassSessionsResponse = {
  items: ClassSessionView[];
  timeZone: string;
};

/** @public */
export type ClassOccurrencesResponse = {
  items: ClassOccurrence[];
  timeZone: string;
};
