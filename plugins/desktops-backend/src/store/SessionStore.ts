import { InputError } from '@backstage/errors';
import {
  CLASS_SESSION_LIMITS,
  ClassSession,
  ClassSessionEditableFields,
  classSessionScheduleProblem,
  CreateClassSessionRequest,
  mergeClassSessionUpdate,
  UpdateClassSessionRequest,
  Weekday,
} from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { runKey } from './runKey';
import { runWindowColumns, RunWindowColumns } from './runWindow';
import { SessionRunStore } from './SessionRunStore';

const SESSIONS = 'class_sessions';
const RUNS = 'class_session_runs';

/**
 * How far the warm-up of one meeting got: `warming` from the claim on,
 * `warm` once every desktop was started (or reported as not startable),
 * `ended` once the desktops were stopped after the class. States only move
 * forward.
 */
export type ClassSessionRunState = 'warming' | 'warm' | 'ended';

/** The warm-up of one meeting, as stored. Times are ISO 8601 UTC. */
export type ClassSessionRun = {
  sessionId: string;
  /** The meeting's `start` (see ClassOccurrence). */
  occurrenceStart: string;
  state: ClassSessionRunState;
  /** When the meeting was claimed (its warm-up began). */
  startedAt: string;
  /** When it became `warm`; null before (or if it ended without). */
  warmAt: string | null;
  /** When it became `ended`. */
  finishedAt: string | null;
};

type SessionRow = {
  id: string;
  course_id: string;
  title: string;
  kind: ClassSession['kind'];
  start_date: string;
  start_time: string;
  duration_minutes: number;
  weekdays: string;
  until_date: string | null;
  warm_up_minutes: number;
  after_end_minutes: number;
  cancelled_dates: string;
  created_by: string;
  created_at: string;
  updated_at: string;
};

type RunRow = {
  session_id: string;
  occurrence_start: string;
  state: ClassSessionRunState;
  started_at: string;
  warm_at: string | null;
  finished_at: string | null;
} & Partial<RunWindowColumns>;

function toSession(row: SessionRow): ClassSession {
  return {
    id: row.id,
    courseId: row.course_id,
    title: row.title,
    kind: row.kind,
    startDate: row.start_date,
    startTime: row.start_time,
    // PostgreSQL drivers may return integers as strings.
    durationMinutes: Number(row.duration_minutes),
    weekdays: JSON.parse(row.weekdays) as Weekday[],
    untilDate: row.until_date,
    warmUpMinutes: Number(row.warm_up_minutes),
    afterEndMinutes: Number(row.after_end_minutes),
    cancelledDates: JSON.parse(row.cancelled_dates) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRun(row: RunRow): ClassSessionRun {
  return {
    sessionId: row.session_id,
    occurrenceStart: row.occurrence_start,
    state: row.state,
    startedAt: row.started_at,
    warmAt: row.warm_at,
    finishedAt: row.finished_at,
  };
}

function editableColumns(
  s: ClassSessionEditableFields,
): Omit<
  SessionRow,
  'id' | 'course_id' | 'cancelled_dates' | 'created_by' | 'created_at'
> {
  return {
    title: s.title,
    kind: s.kind,
    start_date: s.startDate,
    start_time: s.startTime,
    duration_minutes: s.durationMinutes,
    weekdays: JSON.stringify(s.weekdays),
    until_date: s.untilDate,
    warm_up_minutes: s.warmUpMinutes,
    after_end_minutes: s.afterEndMinutes,
    updated_at: nowIso(),
  };
}

function assertSchedule(s: ClassSessionEditableFields): void {
  const problem = classSessionScheduleProblem(s);
  if (problem) throw new InputError(problem);
}

/** Which states a run may move to `state` from. */
const EARLIER_STATES: Record<
  Exclude<ClassSessionRunState, 'warming'>,
  ClassSessionRunState[]
> = {
  warm: ['warming'],
  ended: ['warming', 'warm'],
};

/**
 * The `class_sessions` table (the session series of courses) and
 * `class_session_runs` (how far each meeting's warm-up got).
 */
export class SessionStore {
  constructor(private readonly knex: Knex) {}

  /** Schedules a session; the request was parsed by its schema. */
  async create(
    input: CreateClassSessionRequest & { courseId: string; createdBy: string },
  ): Promise<ClassSession> {
    assertSchedule(input);
    const columns = editableColumns(input);
    const id = randomUUID();
    await this.knex<SessionRow>(SESSIONS).insert({
      ...columns,
      id,
      course_id: input.courseId,
      cancelled_dates: '[]',
      created_by: input.createdBy,
      created_at: columns.updated_at,
    });
    return (await this.get(id))!;
  }

  async get(
    id: string,
    db: Knex = this.knex,
  ): Promise<ClassSession | undefined> {
    const row = await db<SessionRow>(SESSIONS).where({ id }).first();
    return row ? toSession(row) : undefined;
  }

  /** A course's sessions, by first date and time. */
  async listForCourse(courseId: string): Promise<ClassSession[]> {
    const rows = await this.knex<SessionRow>(SESSIONS)
      .where({ course_id: courseId })
      .orderBy([
        { column: 'start_date', order: 'asc' },
        { column: 'start_time', order: 'asc' },
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toSession);
  }

  /** Every course's sessions: what the warm-up tick looks through. */
  async listAll(): Promise<ClassSession[]> {
    const rows = await this.knex<SessionRow>(SESSIONS).orderBy([
      { column: 'course_id', order: 'asc' },
      { column: 'start_date', order: 'asc' },
      { column: 'start_time', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toSession);
  }

  /**
   * Changes some fields; undefined if there is no such session. The result
   * must still be a valid schedule (InputError otherwise). Read and write
   * in one transaction, so two updates of different fields both stay.
   */
  async update(
    id: string,
    update: UpdateClassSessionRequest,
  ): Promise<ClassSession | undefined> {
    return this.knex.transaction(async trx => {
      const current = await this.lockedGet(trx, id);
      if (!current) return undefined;
      const merged = mergeClassSessionUpdate(current, update);
      assertSchedule(merged);
      await trx<SessionRow>(SESSIONS)
        .where({ id })
        .update(editableColumns(merged));
      return this.get(id, trx);
    });
  }

  /**
   * Cancels the meeting on local `date` (idempotent); undefined if there is
   * no such session. Whether the series meets that day is the caller's
   * check: it needs the course's zone.
   */
  async cancelOccurrence(
    id: string,
    date: string,
  ): Promise<ClassSession | undefined> {
    return this.changeCancelledDates(id, dates => {
      if (dates.includes(date)) return dates;
      if (dates.length >= CLASS_SESSION_LIMITS.cancelledDatesMax) {
        throw new InputError(
          `A session keeps at most ${CLASS_SESSION_LIMITS.cancelledDatesMax} cancelled dates; end the series instead`,
        );
      }
      return [...dates, date].sort();
    });
  }

  /** Takes back the cancellation of the meeting on `date` (idempotent). */
  async restoreOccurrence(
    id: string,
    date: string,
  ): Promise<ClassSession | undefined> {
    return this.changeCancelledDates(id, dates =>
      dates.filter(d => d !== date),
    );
  }

  /**
   * Deletes a session; the deleted session, if there was one. Its runs
   * stay: they record the meetings that took place, which the hour
   * accounting reads.
   */
  async delete(id: string): Promise<ClassSession | undefined> {
    return this.knex.transaction(async trx => {
      const current = await this.lockedGet(trx, id);
      if (!current) return undefined;
      await new SessionRunStore(this.knex).deleteForSession(id, trx);
      await trx<SessionRow>(SESSIONS).where({ id }).delete();
      return current;
    });
  }

  /**
   * Claims the warm-up of one meeting: inserts its run as `warming`, or
   * returns the run already there. `claimed` is true for exactly one
   * caller, however many claim at once (the primary key decides), so a
   * restarted backend resumes a claimed meeting instead of starting it
   * twice.
   */
  async claimRun(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<{ run: ClassSessionRun; claimed: boolean }> {
    const key = runKey(occurrenceStart);
    // The meeting's window as scheduled now, kept for the hour accounting.
    const window = runWindowColumns(await this.get(sessionId), key);
    const inserted = await this.knex<RunRow>(RUNS)
      .insert({
        session_id: sessionId,
        occurrence_start: key,
        state: 'warming',
        started_at: nowIso(),
        warm_at: null,
        finished_at: null,
        ...window,
      })
      .onConflict(['session_id', 'occurrence_start'])
      .ignore()
      .returning('session_id');
    const run = await this.getRun(sessionId, key);
    if (!run) {
      throw new Error(
        `The run of session ${sessionId} at ${key} vanished while claimed`,
      );
    }
    return { run, claimed: inserted.length > 0 };
  }

  async getRun(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<ClassSessionRun | undefined> {
    const row = await this.knex<RunRow>(RUNS)
      .where({
        session_id: sessionId,
        occurrence_start: runKey(occurrenceStart),
      })
      .first();
    return row ? toRun(row) : undefined;
  }

  /** A session's runs, oldest meeting first. */
  async listRuns(sessionId: string): Promise<ClassSessionRun[]> {
    const rows = await this.knex<RunRow>(RUNS)
      .where({ session_id: sessionId })
      .orderBy('occurrence_start', 'asc');
    return rows.map(toRun);
  }

  /**
   * Runs not `ended` yet, oldest meeting first: meetings whose desktops may
   * still have to be stopped after the class.
   */
  async listOpenRuns(): Promise<ClassSessionRun[]> {
    const rows = await this.knex<RunRow>(RUNS)
      .whereNot('state', 'ended')
      .orderBy('occurrence_start', 'asc');
    return rows.map(toRun);
  }

  /**
   * Moves a run forward to `warm` or `ended` and returns it; a run already
   * there or past it is returned unchanged (a late or repeated report
   * can't move it back), a missing one as undefined.
   */
  async markRun(
    sessionId: string,
    occurrenceStart: string,
    state: 'warm' | 'ended',
  ): Promise<ClassSessionRun | undefined> {
    const key = runKey(occurrenceStart);
    const now = nowIso();
    await this.knex<RunRow>(RUNS)
      .where({ session_id: sessionId, occurrence_start: key })
      .whereIn('state', EARLIER_STATES[state])
      .update(
        state === 'warm'
          ? { state, warm_at: now }
          : { state, finished_at: now },
      );
    return this.getRun(sessionId, key);
  }

  private async lockedGet(
    trx: Knex.Transaction,
    id: string,
  ): Promise<ClassSession | undefined> {
    const row = await trx<SessionRow>(SESSIONS)
      .where({ id })
      .forUpdate()
      .first();
    return row ? toSession(row) : undefined;
  }

  private async changeCancelledDates(
    id: string,
    change: (dates: string[]) => string[],
  ): Promise<ClassSession | undefined> {
    return this.knex.transaction(async trx => {
      const current = await this.lockedGet(trx, id);
      if (!current) return undefined;
      await trx<SessionRow>(SESSIONS)
        .where({ id })
        .update({
          cancelled_dates: JSON.stringify(change(current.cancelledDates)),
          updated_at: nowIso(),
        });
      return this.get(id, trx);
    });
  }
}
