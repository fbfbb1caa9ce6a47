import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { DELETED_AUTHOR } from '@internal/backstage-plugin-accounts-common';
import { Knex } from 'knex';
import { applyMigrations, createCoursesStore, CoursesStore } from './index';

jest.setTimeout(60_000);

const zeros = { enrolments: 0, posts: 0, comments: 0, soleInstructorOf: [] };

describe('UserDataStore (account deletion)', () => {
  const databases = requiredTestDatabases('UserDataStore tests');

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    const store = createCoursesStore(knex);
    const course = (code: string, instructor: string) =>
      store.courses.create({
        title: `Course ${code}`,
        code,
        term: '',
        description: '',
        timeZone: 'UTC',
        instructor,
      });
    // alice: student in A, co-teaches B with teacher, alone teaches C, and
    // alone teaches the archived D.
    const a = await course('A', 'teacher');
    const b = await course('B', 'teacher');
    const c = await course('C', 'alice');
    const d = await course('D', 'alice');
    await store.courses.update(d.id, { archived: true });
    await store.enrolments.enrolStudent(a.id, 'alice');
    await store.enrolments.setInstructor(b.id, 'alice');
    await store.enrolments.enrolStudent(c.id, 'bob');
    const alicePost = await store.posts.create({
      courseId: a.id,
      board: 'qa',
      title: 'Q',
      body: 'question',
      authorUsername: 'alice',
    });
    const bobPost = await store.posts.create({
      courseId: c.id,
      board: 'qa',
      title: 'Bob',
      body: 'mine',
      authorUsername: 'bob',
    });
    await store.posts.create({
      courseId: b.id,
      board: 'announcements',
      title: 'A',
      body: 'announcement',
      authorUsername: 'alice',
    });
    await store.comments.create({
      postId: alicePost.id,
      body: 'more',
      authorUsername: 'alice',
    });
    await store.comments.create({
      postId: bobPost.id,
      body: 'answer',
      authorUsername: 'alice',
    });
    await store.comments.create({
      postId: alicePost.id,
      body: 'reply',
      authorUsername: 'teacher',
    });
    await store.materials.insert({
      id: 'm1',
      courseId: c.id,
      filename: 'notes.txt',
      storageKey: 'k1',
      size: 1,
      contentType: 'text/plain',
      uploadedBy: 'alice',
    });
    return { knex, store, a, b, c, d, alicePost, bobPost };
  }

  /** Every row a deletion may touch. */
  async function snapshot(store: CoursesStore) {
    const byId = (table: string) => store.knex(table).select().orderBy('id');
    return {
      enrolments: await store
        .knex('enrolments')
        .select()
        .orderBy(['course_id', 'username']),
      posts: await byId('posts'),
      comments: await byId('comments'),
      materials: await byId('materials'),
    };
  }

  it.each(databases.eachSupportedId())(
    'counts what a user has and which live courses they alone teach, %p',
    async databaseId => {
      const { store, c } = await setUp(databaseId);
      expect(await store.users.footprint('alice')).toEqual({
        enrolments: 4,
        posts: 2,
        comments: 2,
        soleInstructorOf: [{ courseId: c.id, code: 'C', title: 'Course C' }],
      });
      expect(await store.users.footprint('nobody')).toEqual(zeros);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses while the user alone teaches a live course, changing nothing, %p',
    async databaseId => {
      const { store, c } = await setUp(databaseId);
      const before = await snapshot(store);
      expect(await store.users.removeUser('alice')).toEqual({
        blockedBy: [{ courseId: c.id, code: 'C', title: 'Course C' }],
      });
      expect(await snapshot(store)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes enrolments and re-attributes writing and uploads, once, %p',
    async databaseId => {
      const { store, a, c, alicePost, bobPost } = await setUp(databaseId);
      await store.courses.update(c.id, { archived: true });
      const postBefore = await store.posts.get(a.id, alicePost.id);

      expect(await store.users.removeUser('alice')).toEqual({
        removed: {
          enrolments: 4,
          posts: 2,
          comments: 2,
          materials: 1,
          soleInstructorOf: [],
        },
      });

      expect(await store.enrolments.listForUser('alice')).toEqual([]);
      expect(await store.users.footprint('alice')).toEqual(zeros);
      // Re-attributed, not edited: the timestamps stay.
      expect(await store.posts.get(a.id, alicePost.id)).toEqual({
        ...postBefore,
        authorUsername: DELETED_AUTHOR,
      });
      expect(
        (await store.comments.list(alicePost.id)).map(x => x.authorUsername),
      ).toEqual([DELETED_AUTHOR, 'teacher']);
      expect(
        (await store.comments.list(bobPost.id)).map(x => x.authorUsername),
      ).toEqual([DELETED_AUTHOR]);
      expect((await store.posts.get(c.id, bobPost.id))?.authorUsername).toBe(
        'bob',
      );
      expect((await store.materials.get(c.id, 'm1'))?.uploadedBy).toBe(
        DELETED_AUTHOR,
      );
      // Everyone else keeps their place.
      expect(
        (await store.enrolments.listForCourse(a.id)).map(e => e.username),
      ).toEqual(['teacher']);
      expect(
        (await store.enrolments.listForCourse(c.id)).map(e => e.username),
      ).toEqual(['bob']);

      const after = await snapshot(store);
      expect(await store.users.removeUser('alice')).toEqual({
        removed: { ...zeros, materials: 0 },
      });
      expect(await snapshot(store)).toEqual(after);
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls everything back when one step fails, %p',
    async databaseId => {
      const { knex, store, c } = await setUp(databaseId);
      await store.courses.update(c.id, { archived: true });
      const before = await snapshot(store);
      // The last step (materials) fails after enrolments, posts and comments
      // were already changed in the transaction.
      await knex.schema.renameTable('materials', 'materials_away');
      await expect(store.users.removeUser('alice')).rejects.toThrow();
      await knex.schema.renameTable('materials_away', 'materials');
      expect(await snapshot(store)).toEqual(before);
    },
  );

  /**
   * Starts alice's deletion and holds it right after its check (her
   * enrolment rows are locked by another transaction), then starts
   * teacher's while alice still looks like an instructor of B.
   */
  async function interleavedOnPostgres(knex: Knex, store: CoursesStore) {
    const waitingForLocks = async () => {
      const { rows } = await knex.raw(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return rows[0].n as number;
    };
    const until = async (cond: () => Promise<boolean>) => {
      while (!(await cond())) await new Promise(r => setTimeout(r, 20));
    };
    const holder = await knex.transaction();
    await holder('enrolments').where({ username: 'alice' }).forUpdate();
    const aliceGone = store.users.removeUser('alice');
    await until(async () => (await waitingForLocks()) >= 1);
    const teacherGone = store.users.removeUser('teacher');
    let teacherSettled = false;
    const settle = () => {
      teacherSettled = true;
    };
    teacherGone.then(settle, settle);
    // Either teacher's deletion waits for alice's (right) or it has already
    // passed its check and finished (the bug).
    await until(async () => teacherSettled || (await waitingForLocks()) >= 2);
    await holder.commit();
    return Promise.all([aliceGone, teacherGone]);
  }

  it.each(databases.eachSupportedId())(
    'never lets two co-instructors deleted at once leave a course untaught, %p',
    async databaseId => {
      const { knex, store, a, b, c } = await setUp(databaseId);
      // Only B (taught by teacher and alice) stands in the way now.
      await store.courses.update(a.id, { archived: true });
      await store.courses.update(c.id, { archived: true });
      // SQLite has a single writer: there the two simply run in turn.
      const results =
        databaseId === 'POSTGRES_15'
          ? await interleavedOnPostgres(knex, store)
          : await Promise.all([
              store.users.removeUser('alice'),
              store.users.removeUser('teacher'),
            ]);
      expect(results.filter(r => 'blockedBy' in r)).toHaveLength(1);
      expect(await store.enrolments.countInstructors(b.id)).toBe(1);
    },
  );
});
