import {
  CourseFootprint,
  DELETED_AUTHOR,
} from '@internal/backstage-plugin-accounts-common';
import { Knex } from 'knex';

export type SoleInstructorCourse = CourseFootprint['soleInstructorOf'][number];

/** What removing a user changed; materials are not part of the footprint. */
export type RemovedUserData = CourseFootprint & { materials: number };

export type RemoveUserResult =
  | { removed: RemovedUserData }
  | { blockedBy: SoleInstructorCourse[] };

async function count(query: Knex.QueryBuilder): Promise<number> {
  const row = await query.count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * Everything courses hold of one user, for account deletion. Enrolments go;
 * what the user wrote or uploaded stays with the course, attributed to
 * DELETED_AUTHOR so a later account with the same name never owns it.
 */
export class UserDataStore {
  constructor(private readonly knex: Knex) {}

  async footprint(
    username: string,
    db: Knex = this.knex,
  ): Promise<CourseFootprint> {
    return {
      enrolments: await count(db('enrolments').where({ username })),
      posts: await count(db('posts').where({ author_username: username })),
      comments: await count(
        db('comments').where({ author_username: username }),
      ),
      soleInstructorOf: await this.soleInstructorOf(username, db),
    };
  }

  /**
   * Non-archived courses the user alone teaches: removing them would leave
   * a live course nobody can manage. Archived ones are left to admins.
   */
  private async soleInstructorOf(
    username: string,
    db: Knex,
  ): Promise<SoleInstructorCourse[]> {
    const rows = await db('courses')
      .join('enrolments as mine', 'mine.course_id', 'courses.id')
      .where({ 'mine.username': username, 'mine.role': 'instructor' })
      .andWhere('courses.archived', false)
      .whereNotExists(
        db('enrolments as other')
          .whereRaw('?? = ??', ['other.course_id', 'courses.id'])
          .andWhere('other.role', 'instructor')
          .andWhereNot('other.username', username),
      )
      .select('courses.id', 'courses.code', 'courses.title')
      .orderBy([
        { column: 'courses.code', order: 'asc' },
        { column: 'courses.id', order: 'asc' },
      ]);
    return rows.map(r => ({ courseId: r.id, code: r.code, title: r.title }));
  }

  /**
   * Removes the user's enrolments and re-attributes their posts, comments
   * and materials, all or nothing; refused while they alone teach a live
   * course. Running it again finds nothing left and changes nothing.
   */
  async removeUser(username: string): Promise<RemoveUserResult> {
    return this.knex.transaction(async trx => {
      // Two co-instructors deleted at once would each see the other still
      // teaching and both go. Locking the courses they teach (in id order,
      // so concurrent deletions cannot deadlock) makes the second wait and
      // then see the first one gone. SQLite has a single writer anyway and
      // knex leaves FOR UPDATE out there.
      await trx('courses')
        .whereIn(
          'id',
          trx('enrolments')
            .where({ username, role: 'instructor' })
            .select('course_id'),
        )
        .orderBy('id')
        .forUpdate()
        .select('id');

      const blockedBy = await this.soleInstructorOf(username, trx);
      if (blockedBy.length > 0) {
        return { blockedBy };
      }
      // updated_at stays: the content did not change, so it must not show
      // as edited.
      const removed: RemovedUserData = {
        enrolments: await trx('enrolments').where({ username }).delete(),
        posts: await trx('posts')
          .where({ author_username: username })
          .update({ author_username: DELETED_AUTHOR }),
        comments: await trx('comments')
          .where({ author_username: username })
          .update({ author_username: DELETED_AUTHOR }),
        materials: await trx('materials')
          .where({ uploaded_by: username })
          .update({ uploaded_by: DELETED_AUTHOR }),
        soleInstructorOf: [],
      };
      return { removed };
    });
  }
}
