import { DateTime } from 'luxon';
import {
  CLASS_SESSION_LIMITS,
  ClassSession,
  ClassSessionKind,
  createClassSessionRequestSchema,
  CreateClassSessionRequest,
  Weekday,
} from '@internal/backstage-plugin-desktops-common';

/** The session dialog's fields, as typed (numbers are text until sent). */
export type SessionFormValues = {
  title: string;
  kind: ClassSessionKind;
  startDate: string;
  startTime: string;
  durationMinutes: string;
  weekdays: Weekday[];
  /** Weekly: the last date, or '' for no end. */
  untilDate: string;
  warmUpMinutes: string;
  afterEndMinutes: string;
};

export type SessionFormField = keyof SessionFormValues;

export type SessionFormErrors = Partial<Record<SessionFormField, string>>;

/** A new session: today in the course's zone at 9:00 for 90 minutes. */
export function newSessionForm(zone: string): SessionFormValues {
  return {
    title: '',
    kind: 'once',
    startDate: DateTime.now().setZone(zone).toISODate() ?? '',
    startTime: '09:00',
    durationMinutes: '90',
    weekdays: [],
    untilDate: '',
    warmUpMinutes: String(CLASS_SESSION_LIMITS.warmUpMinutes.default),
    afterEndMinutes: String(CLASS_SESSION_LIMITS.afterEndMinutes.default),
  };
}

export function sessionFormOf(session: ClassSession): SessionFormValues {
  return {
    title: session.title,
    kind: session.kind,
    startDate: session.startDate,
    startTime: session.startTime,
    durationMinutes: String(session.durationMinutes),
    weekdays: [...session.weekdays],
    untilDate: session.untilDate ?? '',
    warmUpMinutes: String(session.warmUpMinutes),
    afterEndMinutes: String(session.afterEndMinutes),
  };
}

/** The weekday (1 Monday … 7 Sunday) of a yyyy-mm-dd date, if valid. */
export function weekdayOf(date: string): Weekday | undefined {
  const dt = DateTime.fromISO(date);
  return dt.isValid ? (dt.weekday as Weekday) : undefined;
}

/** An empty field is no number, so the schema says what it wants. */
const minutes = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** The request body the values stand for, before validation. */
function requestBody(v: SessionFormValues) {
  const weekly = v.kind === 'weekly';
  return {
    title: v.title,
    kind: v.kind,
    startDate: v.startDate,
    startTime: v.startTime,
    durationMinutes: minutes(v.durationMinutes),
    weekdays: weekly ? v.weekdays : [],
    untilDate: weekly && v.untilDate ? v.untilDate : null,
    warmUpMinutes: minutes(v.warmUpMinutes),
    afterEndMinutes: minutes(v.afterEndMinutes),
  };
}

export type SessionFormCheck =
  | { ok: true; request: CreateClassSessionRequest }
  | { ok: false; errors: SessionFormErrors; problem?: string };

/**
 * Checks the values with the API's own schema, so the dialog says what the
 * server would: each message on its field, a problem of the combination
 * (weekly without days, last date before the first) apart.
 */
export function checkSessionForm(values: SessionFormValues): SessionFormCheck {
  const result = createClassSessionRequestSchema.safeParse(requestBody(values));
  if (result.success) return { ok: true, request: result.data };
  const errors: SessionFormErrors = {};
  let problem: string | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in values) {
      errors[field as SessionFormField] ??= issue.message;
    } else {
      problem ??= issue.message;
    }
  }
  // The combination's message belongs to the field a user would change.
  if (problem && values.kind === 'weekly') {
    if (values.weekdays.length === 0) {
      errors.weekdays ??= problem;
      problem = undefined;
    } else if (values.untilDate) {
      errors.untilDate ??= problem;
      problem = undefined;
    }
  }
  return { ok: false, errors, problem };
}
