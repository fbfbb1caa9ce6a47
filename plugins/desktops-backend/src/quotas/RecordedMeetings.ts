import { Knex } from 'knex';

/**
 * The meetings of a course that took place, as the class session runner
 * recorded them (a run for every meeting it handled, with its window
 * [warmUpAt, stopAt) stored at the claim): session time of the past,
 * which later edits of the schedule must not change.
 */
/** [start, end) of a meeting's window, ISO 8601 UTC. */
export type RecordedWindow = { start: string; end: string };

export interface RecordedMeetings {
  /** Windows of the course's recorded meetings that overlap [from, to). */
  windowsOf(
    courseId: string,
    from: string,
    to: string,
  ): Promise<RecordedWindow[]>;
}

type WindowRow = { warm_up_at: string; stop_at: string };

/** Reads `class_session_runs` (read only; SessionStore writes it). */
export class RecordedMeetingStore implements RecordedMeetings {
  constructor(private readonly knex: Knex) {}

  async windowsOf(
    courseId: string,
    from: string,
    to: string,
  ): Promise<RecordedWindow[]> {
    // ISO 8601 UTC strings of one length compare as the instants do.
    const rows = await this.knex<WindowRow>('class_session_runs')
      .where('course_id', courseId)
      .whereNotNull('warm_up_at')
      .whereNotNull('stop_at')
      .where('warm_up_at', '<', to)
      .where('stop_at', '>', from)
      .orderBy('warm_up_at', 'asc')
      .select('warm_up_at', 'stop_at');
    return rows.map(row => ({ start: row.warm_up_at, end: row.stop_at }));
  }
}
