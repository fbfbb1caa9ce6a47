import { Knex } from 'knex';
import { EnrolmentRow } from './rows';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

export type EnrolmentRecord = {
  courseId: string;
  username: string;
  role: 'instructor' | 'student';
  joinedAt: string;
};

/** What removing a member did; the last instructor is never removed. */
export type MemberRemoval = 'removed' | 'not-enrolled' | 'last-instructor';

function toRecord(row: EnrolmentRow): EnrolmentRecord {
  return {
    courseId: row.course_id,
    username: row.username,
    role: row.role,
    joinedAt: row.joined_at,
  };
}

/** Who is in which course, and as what. */
export class EnrolmentStore {
  constructor(private readonly knex: Knex) {}

  async get(
    courseId: string,
    username: string,
    db: Knex = this.knex,
  ): Promise<EnrolmentRecord | undefined> {
    const row = await db<EnrolmentRow>('enrolments')
      .where({ course_id: courseId, username })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Roster order: instructors first, then by username. */
  async listForCourse(courseId: string): Promise<EnrolmentRecord[]> {
    const rows = await this.knex<EnrolmentRow>('enrolments')
      .where({ course_id: courseId })
      .orderBy([
        { column: 'role', order: 'asc' },
        { column: 'username', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async listForCourses(courseIds: string[]): Promise<EnrolmentRecord[]> {
    if (courseIds.length === 0) return [];
    const rows = await this.knex<EnrolmentRow>('enrolments')
      .whereIn('course_id', courseIds)
      .orderBy([
        { column: 'course_id', order: 'asc' },
        { column: 'username', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async listForUser(username: string): Promise<EnrolmentRecord[]> {
    const rows = await this.knex<EnrolmentRow>('enrolments').where({
      username,
    });
    return rows.map(toRecord);
  }

  async listAll(): Promise<EnrolmentRecord[]> {
    const rows = await this.knex<EnrolmentRow>('enrolments').orderBy([
      { column: 'course_id', order: 'asc' },
      { column: 'username', order: 'asc' },
    ]);
    return rows.map(toRecord);
  }

  /**
   * Enrols a user as a student unless already enrolled (in any role).
   * Returns the enrolment and whether it was created now.
   */
  async enrolStudent(
    courseId: string,
    username: string,
  ): Promise<{ enrolment: EnrolmentRecord; created: boolean }> {
    const existing = await this.get(courseId, username);
    if (existing) {
      return { enrolment: existing, created: false };
    }
    const row: EnrolmentRow = {
      course_id: courseId,
      username,
      role: 'student',
      joined_at: nowIso(),
    };
    await this.knex<EnrolmentRow>('enrolments')
      .insert(row)
      .onConflict(['course_id', 'username'])
      .ignore();
    const enrolment = (await this.get(courseId, username))!;
    // nowIso() is unique per process, so an equal timestamp means our insert
    // won (and not a concurrent one).
    return { enrolment, created: enrolment.joinedAt === row.joined_at };
  }

  /** Makes the user an instructor of the course (enrolling if needed). */
  async setInstructor(
    courseId: string,
    username: string,
  ): Promise<EnrolmentRecord> {
    const existing = await this.get(courseId, username);
    if (existing) {
      await this.knex<EnrolmentRow>('enrolments')
        .where({ course_id: courseId, username })
        .update({ role: 'instructor' });
    } else {
      await this.knex<EnrolmentRow>('enrolments')
        .insert({
          course_id: courseId,
          username,
          role: 'instructor',
          joined_at: nowIso(),
        })
        .onConflict(['course_id', 'username'])
        .merge(['role']);
    }
    return (await this.get(courseId, username))!;
  }

  /**
   * Removes a member unless they are the course's last instructor, checking
   * and removing in one transaction.
   */
  async removeUnlessLastInstructor(
    courseId: string,
    username: string,
  ): Promise<MemberRemoval> {
    return this.knex.transaction(async trx => {
      // Two instructors removed at once would each count the other and both
      // go. Locking the course row makes the second wait and count again
      // once the first has committed; account deletion takes the same lock.
      // SQLite has a single writer anyway and knex leaves FOR UPDATE out.
      await trx('courses').where({ id: courseId }).forUpdate().select('id');
      const enrolment = await this.get(courseId, username, trx);
      if (!enrolment) {
        return 'not-enrolled';
      }
      if (
        enrolment.role === 'instructor' &&
        (await this.countInstructors(courseId, trx)) <= 1
      ) {
        return 'last-instructor';
      }
      await trx<EnrolmentRow>('enrolments')
        .where({ course_id: courseId, username })
        .delete();
      return 'removed';
    });
  }

  async countInstructors(
    courseId: string,
    db: Knex = this.knex,
  ): Promise<number> {
    const result = await db<EnrolmentRow>('enrolments')
      .where({ course_id: courseId, role: 'instructor' })
      .count({ n: '*' })
      .first();
    return Number(result?.n ?? 0);
  }
}
