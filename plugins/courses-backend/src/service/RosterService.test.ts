import { ConflictError, NotFoundError } from '@backstage/errors';
import { fixedAccountsDirectory } from '@internal/backstage-plugin-accounts-node/testUtils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import { applyMigrations, createCoursesStore } from '../store';
import { RosterService } from './RosterService';

jest.setTimeout(60_000);

describe('RosterService', () => {
  const databases = requiredTestDatabases('RosterService tests');

  /** A course taught by teacher and tina, with alice as a student. */
  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    const store = createCoursesStore(knex);
    const roster = new RosterService({
      store,
      directory: fixedAccountsDirectory([]),
    });
    const course = await store.courses.create({
      title: 'Linux',
      code: 'CS101',
      term: '',
      description: '',
      timeZone: 'UTC',
      instructor: 'teacher',
    });
    await store.enrolments.setInstructor(course.id, 'tina');
    await store.enrolments.enrolStudent(course.id, 'alice');
    return { knex, store, roster, courseId: course.id };
  }

  /**
   * Runs `removals` while another transaction holds the instructors'
   * enrolment rows, so on PostgreSQL neither can delete before both have
   * got as far as they can; then lets go. Unserialized, both would have
   * counted two instructors by then, and both would remove.
   */
  async function racedOnPostgres(
    knex: Knex,
    courseId: string,
    removals: Array<() => Promise<void>>,
  ) {
    const waitingForLocks = async () => {
      const { rows } = await knex.raw(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return rows[0].n as number;
    };
    const holder = await knex.transaction();
    await holder('enrolments')
      .where({ course_id: courseId, role: 'instructor' })
      .forUpdate()
      .select('username');
    let settled = 0;
    const results = removals.map(remove => {
      const result = remove();
      result.then(
        () => settled++,
        () => settled++,
      );
      return Promise.allSettled([result]).then(([r]) => r);
    });
    while (settled < removals.length && (await waitingForLocks()) < 2) {
      await new Promise(r => setTimeout(r, 20));
    }
    await holder.commit();
    return Promise.all(results);
  }

  it.each(
    databases
      .eachSupportedId()
      .flatMap(([databaseId]) => [
        [
          databaseId,
          'remove',
          'Cannot remove the last instructor of a course',
        ] as const,
        [
          databaseId,
          'leave',
          'The last instructor cannot leave the course; add another instructor first',
        ] as const,
      ]),
  )(
    'lets only one of two concurrent removals of the last two instructors through, %p, %p',
    async (databaseId, method, message) => {
      const { knex, store, roster, courseId } = await setUp(databaseId);
      const removals = ['teacher', 'tina'].map(
        username => () => roster[method](courseId, username),
      );
      // SQLite has a single writer: there the two simply run in turn.
      const results =
        databaseId === 'POSTGRES_15'
          ? await racedOnPostgres(knex, courseId, removals)
          : await Promise.allSettled(removals.map(remove => remove()));

      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const failure = results.find(r => r.status === 'rejected');
      expect((failure as PromiseRejectedResult).reason).toEqual(
        new ConflictError(message),
      );
      expect(await store.enrolments.countInstructors(courseId)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes students and says who is not enrolled, %p',
    async databaseId => {
      const { store, roster, courseId } = await setUp(databaseId);
      await roster.remove(courseId, 'alice');
      expect(await store.enrolments.get(courseId, 'alice')).toBeUndefined();
      await expect(roster.remove(courseId, 'alice')).rejects.toEqual(
        new NotFoundError('alice is not enrolled in this course'),
      );
      await expect(roster.leave(courseId, 'alice')).rejects.toEqual(
        new NotFoundError('You are not enrolled in this course'),
      );
      await roster.leave(courseId, 'tina');
      await expect(roster.remove(courseId, 'teacher')).rejects.toEqual(
        new ConflictError('Cannot remove the last instructor of a course'),
      );
    },
  );
});
