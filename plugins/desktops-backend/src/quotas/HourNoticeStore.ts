import { Knex } from 'knex';

const TABLE = 'hour_quota_notices';

/** A notice a student gets once per course and week. */
export type HourNoticeKind = 'warning';

/**
 * Which hour notices were sent (`hour_quota_notices`), so a check after a
 * restart (or on another replica) does not send one again.
 */
export class HourNoticeStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Claims the notice: true for exactly one caller per course, student,
   * week and kind (the primary key decides, not a read), who then sends it.
   */
  async claim(notice: {
    courseId: string;
    student: string;
    weekStart: string;
    kind: HourNoticeKind;
    at: string;
  }): Promise<boolean> {
    const inserted = await this.knex(TABLE)
      .insert({
        course_id: notice.courseId,
        student: notice.student.toLocaleLowerCase('en-US'),
        week_start: notice.weekStart,
        kind: notice.kind,
        sent_at: notice.at,
      })
      .onConflict()
      .ignore()
      .returning('course_id');
    return inserted.length > 0;
  }
}
