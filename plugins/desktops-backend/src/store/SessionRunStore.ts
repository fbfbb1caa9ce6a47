import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { Knex } from 'knex';
import { runKey } from './runKey';

const STUDENTS = 'class_session_run_students';
const NOTICES = 'class_session_stop_notices';
const PROBLEM_NOTICES = 'class_session_problem_notices';
const RUNS = 'class_session_runs';

/** What the warm-up of one meeting did for one student, as stored. */
export type RunStudentOutcome = {
  sessionId: string;
  occurrenceStart: string;
  /** User entity ref. */
  student: string;
  /** `started`: their desktop runs (they were told); `failed`: see reason. */
  outcome: 'started' | 'failed';
  desktopId: string | null;
  reason: string | null;
  recordedAt: string;
};

type StudentRow = {
  session_id: string;
  occurrence_start: string;
  student: string;
  outcome: RunStudentOutcome['outcome'];
  desktop_id: string | null;
  reason: string | null;
  recorded_at: string;
};

type NoticeRow = {
  session_id: string;
  occurrence_start: string;
  desktop_id: string;
  noticed_at: string;
};

function toOutcome(row: StudentRow): RunStudentOutcome {
  return {
    sessionId: row.session_id,
    occurrenceStart: row.occurrence_start,
    student: row.student,
    outcome: row.outcome,
    desktopId: row.desktop_id,
    reason: row.reason,
    recordedAt: row.recorded_at,
  };
}

/**
 * `class_session_run_students` and `class_session_stop_notices`: what the
 * warm-up and the after-class stop of each meeting did, per student and per
 * desktop. Every write is insert-if-absent and says whether it inserted,
 * so whoever inserted is the one who notifies: a resumed run never tells
 * anyone twice.
 */
export class SessionRunStore {
  constructor(private readonly knex: Knex) {}

  /** Records a student's outcome; false if one was recorded already. */
  async recordOutcome(
    input: Omit<RunStudentOutcome, 'recordedAt'>,
  ): Promise<boolean> {
    const inserted = await this.knex<StudentRow>(STUDENTS)
      .insert({
        session_id: input.sessionId,
        occurrence_start: runKey(input.occurrenceStart),
        student: input.student,
        outcome: input.outcome,
        desktop_id: input.desktopId,
        reason: input.reason,
        recorded_at: nowIso(),
      })
      .onConflict(['session_id', 'occurrence_start', 'student'])
      .ignore()
      .returning('student');
    return inserted.length > 0;
  }

  /** The outcomes of one meeting, by student. */
  async outcomesOf(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<RunStudentOutcome[]> {
    const rows = await this.knex<StudentRow>(STUDENTS)
      .where({
        session_id: sessionId,
        occurrence_start: runKey(occurrenceStart),
      })
      .orderBy('student', 'asc');
    return rows.map(toOutcome);
  }

  /** Every outcome of a session's meetings (the runs view). */
  async outcomesOfSession(sessionId: string): Promise<RunStudentOutcome[]> {
    const rows = await this.knex<StudentRow>(STUDENTS)
      .where({ session_id: sessionId })
      .orderBy([
        { column: 'occurrence_start', order: 'asc' },
        { column: 'student', order: 'asc' },
      ]);
    return rows.map(toOutcome);
  }

  /**
   * Records that a desktop's owner was told it stops soon; false if they
   * were told already (then `noticedAt` of the first notice stands).
   */
  async recordStopNotice(
    sessionId: string,
    occurrenceStart: string,
    desktopId: string,
    noticedAt: string,
  ): Promise<boolean> {
    const inserted = await this.knex<NoticeRow>(NOTICES)
      .insert({
        session_id: sessionId,
        occurrence_start: runKey(occurrenceStart),
        desktop_id: desktopId,
        noticed_at: noticedAt,
      })
      .onConflict(['session_id', 'occurrence_start', 'desktop_id'])
      .ignore()
      .returning('desktop_id');
    return inserted.length > 0;
  }

  /** When each desktop's owner was told, by desktop id. */
  async stopNoticesOf(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<Map<string, string>> {
    const rows = await this.knex<NoticeRow>(NOTICES).where({
      session_id: sessionId,
      occurrence_start: runKey(occurrenceStart),
    });
    return new Map(rows.map(r => [r.desktop_id, r.noticed_at]));
  }

  /**
   * Records that the instructors were told of a meeting's warm-up
   * problems; false if they were told already.
   */
  async recordProblemsNotice(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<boolean> {
    const inserted = await this.knex(PROBLEM_NOTICES)
      .insert({
        session_id: sessionId,
        occurrence_start: runKey(occurrenceStart),
        noticed_at: nowIso(),
      })
      .onConflict(['session_id', 'occurrence_start'])
      .ignore()
      .returning('session_id');
    return inserted.length > 0;
  }

  /**
   * The course and stop time a run recorded when it was claimed
   * (20261130090000): what the after-class stop needs once its session is
   * deleted. Undefined for a run without them.
   */
  async recordedWindowOf(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<{ courseId: string; stopAt: string } | undefined> {
    const row = await this.knex(RUNS)
      .where({
        session_id: sessionId,
        occurrence_start: runKey(occurrenceStart),
      })
      .first('course_id', 'stop_at');
    if (!row?.course_id || !row?.stop_at) return undefined;
    return { courseId: row.course_id, stopAt: row.stop_at };
  }

  /**
   * Removes a run claimed for a session deleted meanwhile, if nothing was
   * done for it yet (the runner's guard against an orphan claim).
   */
  async dropUnstartedRun(
    sessionId: string,
    occurrenceStart: string,
  ): Promise<void> {
    const key = runKey(occurrenceStart);
    const any = await this.knex<StudentRow>(STUDENTS)
      .where({ session_id: sessionId, occurrence_start: key })
      .first('student');
    if (any) return;
    await this.knex(RUNS)
      .where({ session_id: sessionId, occurrence_start: key, state: 'warming' })
      .delete();
  }

  /**
   * Deletes a session's rows (with the session, in its transaction),
   * except those of its meetings not `ended` yet: the after-class stop
   * still needs to know which desktops it warmed, so a session deleted
   * during its warm-up or class does not leave them running.
   */
  async deleteForSession(sessionId: string, db: Knex = this.knex) {
    const open = db(RUNS)
      .select('occurrence_start')
      .where({ session_id: sessionId })
      .whereNot('state', 'ended');
    for (const table of [STUDENTS, NOTICES, PROBLEM_NOTICES]) {
      await db(table)
        .where({ session_id: sessionId })
        .whereNotIn('occurrence_start', open.clone())
        .delete();
    }
  }
}
