import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  applyMigrations,
  createCoursesStore,
  JOIN_CODE_ALPHABET,
} from './index';
import { loadCourseResources } from '../http/permissionResources';

jest.setTimeout(60_000);

describe('courses store', () => {
  const databases = requiredTestDatabases('courses store tests');

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return createCoursesStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'creates courses with a unique join code and an instructor, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const course = await store.courses.create({
        title: 'Linux',
        code: 'CS101',
        term: 'Spring 2027',
        description: '# Hi',
        timeZone: 'UTC',
        instructor: 'teacher',
      });
      expect(course.joinCode).toMatch(
        new RegExp(`^[${JOIN_CODE_ALPHABET}]{4}-[${JOIN_CODE_ALPHABET}]{4}$`),
      );
      expect(course.archived).toBe(false);
      expect(await store.courses.get(course.id)).toEqual(course);
      expect(await store.enrolments.listForCourse(course.id)).toEqual([
        expect.objectContaining({ username: 'teacher', role: 'instructor' }),
      ]);

      // join code lookup is case-insensitive, honours enabled and archived
      const lower = course.joinCode!.toLowerCase();
      expect((await store.courses.findByJoinCode(` ${lower} `))?.id).toBe(
        course.id,
      );
      await store.courses.setJoinCodeEnabled(course.id, false);
      expect(
        await store.courses.findByJoinCode(course.joinCode!),
      ).toBeUndefined();
      const regenerated = await store.courses.regenerateJoinCode(course.id);
      expect(regenerated!.joinCode).not.toBe(course.joinCode);
      expect(regenerated!.joinCodeEnabled).toBe(true);
      expect(
        await store.courses.findByJoinCode(course.joinCode!),
      ).toBeUndefined();
      await store.courses.update(course.id, {
        archived: true,
        title: 'Linux 2',
      });
      expect(
        await store.courses.findByJoinCode(regenerated!.joinCode!),
      ).toBeUndefined();
      expect(await store.courses.get(course.id)).toMatchObject({
        archived: true,
        title: 'Linux 2',
      });

      // a fixed join code can't be taken twice
      await store.courses.create({
        title: 'A',
        code: 'A',
        term: '',
        description: '',
        timeZone: 'UTC',
        instructor: 't',
        joinCode: 'FIXED-CODE',
      });
      await expect(
        store.courses.create({
          title: 'B',
          code: 'B',
          term: '',
          description: '',
          timeZone: 'UTC',
          instructor: 't',
          joinCode: 'fixed-code',
        }),
      ).rejects.toThrow();
    },
  );

  it.each(databases.eachSupportedId())(
    'enrols students idempotently and lists memberships, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const course = await store.courses.create({
        title: 'Linux',
        code: 'CS101',
        term: '',
        description: '',
        timeZone: 'UTC',
        instructor: 'teacher',
      });
      const first = await store.enrolments.enrolStudent(course.id, 'alice');
      const again = await store.enrolments.enrolStudent(course.id, 'alice');
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.enrolment).toEqual(first.enrolment);
      // enrolling the instructor as a student does not demote them
      expect(
        (await store.enrolments.enrolStudent(course.id, 'teacher')).enrolment
          .role,
      ).toBe('instructor');

      expect((await store.courses.listForUser('alice')).map(c => c.id)).toEqual(
        [course.id],
      );
      expect(await store.courses.listForUser('bob')).toEqual([]);

      await store.enrolments.setInstructor(course.id, 'alice');
      expect(await store.enrolments.countInstructors(course.id)).toBe(2);
      await store.enrolments.setInstructor(course.id, 'bob');
      const resources = await loadCourseResources(store, [
        course.id,
        'missing',
      ]);
      expect(resources[1]).toBeUndefined();
      expect(resources[0]).toEqual({
        id: course.id,
        archived: false,
        instructors: expect.arrayContaining([
          'user:default/alice',
          'user:default/bob',
          'user:default/teacher',
        ]),
        members: expect.arrayContaining([
          'user:default/alice',
          'user:default/bob',
          'user:default/teacher',
        ]),
      });
      const remove = (username: string) =>
        store.enrolments.removeUnlessLastInstructor(course.id, username);
      expect(await remove('bob')).toBe('removed');
      expect(await remove('bob')).toBe('not-enrolled');
      expect(await remove('alice')).toBe('removed');
      expect(await remove('teacher')).toBe('last-instructor');
      expect(await store.enrolments.countInstructors(course.id)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages posts pinned first then newest, with comment counts, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const course = await store.courses.create({
        title: 'Linux',
        code: 'CS101',
        term: '',
        description: '',
        timeZone: 'UTC',
        instructor: 'teacher',
      });
      const posts = [];
      for (let i = 0; i < 7; i++) {
        posts.push(
          await store.posts.create({
            courseId: course.id,
            board: 'qa',
            title: `Q${i}`,
            body: 'b',
            authorUsername: 'alice',
          }),
        );
      }
      await store.posts.create({
        courseId: course.id,
        board: 'announcements',
        title: 'A',
        body: 'b',
        authorUsername: 'teacher',
      });
      await store.posts.update(course.id, posts[1].id, { pinned: true });
      await store.comments.create({
        postId: posts[6].id,
        body: 'c1',
        authorUsername: 'bob',
      });
      await store.comments.create({
        postId: posts[6].id,
        body: 'c2',
        authorUsername: 'teacher',
      });

      const page1 = await store.posts.list({
        courseId: course.id,
        board: 'qa',
        page: 1,
        pageSize: 3,
      });
      expect(page1.total).toBe(7);
      expect(page1.items.map(p => p.title)).toEqual(['Q1', 'Q6', 'Q5']);
      expect(page1.items[0].pinned).toBe(true);
      expect(page1.items[1].commentCount).toBe(2);
      const page3 = await store.posts.list({
        courseId: course.id,
        board: 'qa',
        page: 3,
        pageSize: 3,
      });
      expect(page3.items.map(p => p.title)).toEqual(['Q0']);

      expect((await store.comments.list(posts[6].id)).map(c => c.body)).toEqual(
        ['c1', 'c2'],
      );
      const recent = await store.posts.recentAnnouncements([course.id], 5);
      expect(recent.map(p => p.title)).toEqual(['A']);

      expect(await store.posts.delete(course.id, posts[6].id)).toBe(true);
      expect(await store.comments.list(posts[6].id)).toEqual([]);
      expect(await store.posts.get(course.id, posts[6].id)).toBeUndefined();
      // a post is only found through its own course
      expect(
        await store.posts.get('other-course', posts[0].id),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'stores material metadata and applies seeds once, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const course = await store.courses.create({
        title: 'Linux',
        code: 'CS101',
        term: '',
        description: '',
        timeZone: 'UTC',
        instructor: 'teacher',
      });
      const material = await store.materials.insert({
        id: 'm1',
        courseId: course.id,
        filename: 'a.txt',
        storageKey: 'k1',
        size: 5_000_000_000,
        contentType: 'text/plain',
        uploadedBy: 'teacher',
      });
      expect(await store.materials.get(course.id, 'm1')).toEqual(material);
      expect(material.size).toBe(5_000_000_000);
      expect(await store.materials.list(course.id)).toHaveLength(1);
      expect(await store.materials.delete(course.id, 'm1')).toBe(true);
      expect(await store.materials.list(course.id)).toEqual([]);

      const applied: string[] = [];
      expect(
        await store.seeds.applyOnce('s', async () => {
          applied.push('first');
        }),
      ).toBe(true);
      expect(
        await store.seeds.applyOnce('s', async () => {
          applied.push('second');
        }),
      ).toBe(false);
      expect(applied).toEqual(['first']);
      expect(await store.seeds.isApplied('s')).toBe(true);
    },
  );
});
