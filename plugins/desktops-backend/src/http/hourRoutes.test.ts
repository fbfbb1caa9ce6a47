import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { ApiBackend, startApiBackend } from '../__testUtils__/apiBackend';

jest.setTimeout(120_000);

/**
 * The hour routes against the real courses plugin and policy
 * (authorization is hourAuthorizationMatrix.test.ts): the meter, the
 * course's budget and the installation's defaults, grants, and the 409 of
 * a course desktop that may not start. The stop at the limit runs on real
 * desktops in quotas/hourQuotaEnforcement.test.ts.
 */
describe('hour routes', () => {
  const databases = requiredTestDatabases('hour routes');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let api: ApiBackend;
    let courseId: string;
    let code: string;
    const hours = () => `/api/desktops/courses/${courseId}/hours`;
    const d = (id: string) => `/api/desktops/desktops/${id}`;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      api = await startApiBackend({
        modules: [mockServices.database.factory({ knex })],
        desktops: { quotas: { defaultWeeklyHours: 20 } },
      });
      courseId = await api.course('teacher', ['bob', 'alice']);
      const course = await api.ok(
        200,
        'get',
        `/api/courses/courses/${courseId}`,
        api.as('teacher'),
      );
      code = course.code;
    });

    afterAll(async () => {
      await api?.stop();
    });

    const names = async () => {
      const roster = await api.ok(
        200,
        'get',
        `/api/courses/courses/${courseId}/roster`,
        api.as('teacher'),
      );
      return new Map<string, string>(
        roster.items.map((e: { username: string; displayName: string }) => [
          `user:default/${e.username}`,
          e.displayName,
        ]),
      );
    };

    it("starts from the config's default and shows each student their own meter", async () => {
      expect(
        await api.ok(200, 'get', '/api/desktops/hour-defaults', api.as('bob')),
      ).toEqual({ weeklyHours: 20, classTimeCounts: false });
      const mine = await api.ok(200, 'get', `${hours()}/me`, api.as('alice'));
      expect(mine).toEqual({
        courseId,
        weekStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        usedSeconds: 0,
        budgetSeconds: 20 * 3600,
        extraSeconds: 0,
        state: 'ok',
      });
      // The instructor's own desktop time has no limit.
      expect(
        await api.ok(200, 'get', `${hours()}/me`, api.as('teacher')),
      ).toMatchObject({ budgetSeconds: null, state: 'ok' });
    });

    it('lists every student with their meter for the instructor, by name', async () => {
      const listed = await api.ok(200, 'get', hours(), api.as('teacher'));
      const byRef = await names();
      const expected = ['user:default/alice', 'user:default/bob']
        .map(student => ({ student, displayName: byRef.get(student)! }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      expect(listed).toEqual({
        budget: {
          courseId,
          weeklyHours: 20,
          classTimeCounts: false,
          source: 'default',
        },
        items: expected.map(e => ({
          ...e,
          courseId,
          weekStart: expect.any(String),
          usedSeconds: 0,
          budgetSeconds: 20 * 3600,
          extraSeconds: 0,
          state: 'ok',
        })),
      });
    });

    it('refuses to start a course desktop whose hours are used up (409, saying why) until the instructor grants more', async () => {
      const id = await api.courseDesktopOf('alice', courseId);
      await api.ok(202, 'post', `${d(id)}/stop`, api.as('alice'));
      await api.untilState('alice', id, 'stopped');

      expect(
        await api.ok(200, 'put', `${hours()}/budget`, api.as('teacher'), {
          weeklyHours: 0,
        }),
      ).toEqual({
        courseId,
        weeklyHours: 0,
        classTimeCounts: false,
        source: 'course',
      });
      const reason = `Your 0 weekly desktop hours for ${code} are used up (home kept). Ask your instructor for extra hours.`;
      for (const [method, path] of [
        ['post', `${d(id)}/start`],
        ['post', `/api/desktops/courses/${courseId}/environment/launch`],
      ] as const) {
        const res = await api.send(method, path, api.as('alice'));
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status: 409, message: reason });
      }
      expect(
        (await api.ok(200, 'get', `${d(id)}`, api.as('alice'))).state,
      ).toBe('stopped');

      const granted = await api.ok(
        200,
        'post',
        `${hours()}/grants`,
        api.as('teacher'),
        { student: 'user:default/Alice', extraHours: 1.5, reason: 'Project' },
      );
      expect(granted).toMatchObject({
        student: 'user:default/alice',
        displayName: (await names()).get('user:default/alice'),
        budgetSeconds: 0,
        extraSeconds: 5400,
        state: 'ok',
      });
      await api.ok(202, 'post', `${d(id)}/start`, api.as('alice'));
      await api.untilState('alice', id, 'running');
      // Bob got nothing extra.
      expect(
        await api.ok(200, 'get', `${hours()}/me`, api.as('bob')),
      ).toMatchObject({ extraSeconds: 0, state: 'exhausted' });
    });

    it('grants only to students of the course', async () => {
      for (const student of ['user:default/dave', 'user:default/teacher']) {
        const res = await api.send(
          'post',
          `${hours()}/grants`,
          api.as('teacher'),
          { student, extraHours: 1 },
        );
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 400,
          message: `${student} is not a student of this course; extra hours go to its students`,
        });
      }
    });

    it("follows the admins' default again when the course's hours are set to null", async () => {
      expect(
        await api.ok(
          200,
          'put',
          '/api/desktops/hour-defaults',
          api.as('root'),
          {
            weeklyHours: 10,
            classTimeCounts: true,
          },
        ),
      ).toEqual({ weeklyHours: 10, classTimeCounts: true });
      expect(
        await api.ok(
          200,
          'get',
          '/api/desktops/hour-defaults',
          api.as('alice'),
        ),
      ).toEqual({ weeklyHours: 10, classTimeCounts: true });
      expect(
        await api.ok(200, 'put', `${hours()}/budget`, api.as('teacher'), {
          weeklyHours: null,
        }),
      ).toEqual({
        courseId,
        weeklyHours: 10,
        classTimeCounts: true,
        source: 'default',
      });
      expect(
        await api.ok(200, 'get', `${hours()}/me`, api.as('bob')),
      ).toMatchObject({ budgetSeconds: 36000, state: 'ok' });
    });

    it('validates the bodies with the shared schemas', async () => {
      const res = await api.send(
        'put',
        `${hours()}/budget`,
        api.as('teacher'),
        { weeklyHours: 200 },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('A week has at most 168 hours');
      const defaults = await api.send(
        'put',
        '/api/desktops/hour-defaults',
        api.as('root'),
        { weeklyHours: 5 },
      );
      expect(defaults.status).toBe(400);
      expect(defaults.body.error.message).toContain(
        'classTimeCounts is true or false',
      );
    });
  });
});
