import { Knex } from 'knex';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { databaseApiBackend } from '../__testUtils__/databaseApiBackend';

jest.setTimeout(120_000);

/**
 * The class session routes against the real courses plugin and policy
 * (authorization is sessionAuthorizationMatrix.test.ts): validation, the
 * course's zone, next meetings and cancellations. Dates are years ahead so
 * "next" does not depend on when the test runs. Every plugin of the test
 * backend shares one database of each kind (they keep their own tables).
 */
describe('class session routes', () => {
  const databases = requiredTestDatabases('class session routes');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const backend = databaseApiBackend(databases, databaseId);
    const { api } = backend;
    let knex: Knex;
    let berlin: string;
    let other: string;

    const sessions = (courseId: string) =>
      `/api/desktops/courses/${courseId}/sessions`;

    const weeklyLab = {
      title: 'Lab',
      kind: 'weekly',
      startDate: '2030-01-07',
      startTime: '09:00',
      durationMinutes: 90,
      weekdays: [1],
    };

    beforeAll(async () => {
      knex = backend.knex();
      berlin = await api.course('teacher', ['alice'], {
        title: 'Berlin lab',
        code: 'BER1',
        timeZone: 'Europe/Berlin',
      });
      other = await api.course('teacher', ['alice']);
    });

    const create = async (courseId: string, body: object) =>
      api.ok(201, 'post', sessions(courseId), api.as('teacher'), body);

    const refused = async (
      method: 'get' | 'post' | 'patch' | 'delete',
      path: string,
      body?: object,
    ) => {
      const res = await api.send(method, path, api.as('teacher'), body);
      return { status: res.status, message: res.body?.error?.message };
    };

    it('refuses a badly written start time', async () => {
      expect(
        await refused('post', sessions(berlin), {
          ...weeklyLab,
          startTime: '9:00',
        }),
      ).toEqual({
        status: 400,
        message:
          'startTime: Times are written HH:mm (24-hour), for example 09:00',
      });
    });

    it('refuses a weekly session without weekdays, and unknown fields', async () => {
      expect(
        await refused('post', sessions(berlin), { ...weeklyLab, weekdays: [] }),
      ).toEqual({
        status: 400,
        message: 'A weekly session meets on at least one weekday',
      });
      expect(
        (await refused('post', sessions(berlin), { ...weeklyLab, room: 'B1' }))
          .status,
      ).toBe(400);
    });

    it('refuses a change that leaves an impossible schedule', async () => {
      const once = await create(berlin, {
        ...weeklyLab,
        kind: 'once',
        weekdays: [],
      });
      expect(
        await refused('patch', `${sessions(berlin)}/${once.id}`, {
          kind: 'weekly',
        }),
      ).toEqual({
        status: 400,
        message: 'A weekly session meets on at least one weekday',
      });
      expect(
        await refused('patch', `${sessions(berlin)}/${once.id}`, {}),
      ).toEqual({ status: 400, message: 'Give at least one field to change' });
    });

    it('lists each session with its next meeting, placed in the course zone', async () => {
      const winter = await create(berlin, {
        ...weeklyLab,
        title: 'Winter exam',
        kind: 'once',
        weekdays: [],
      });
      const summer = await create(berlin, {
        ...weeklyLab,
        title: 'Summer exam',
        kind: 'once',
        startDate: '2030-07-01',
        weekdays: [],
      });
      const past = await create(berlin, {
        ...weeklyLab,
        title: 'Long ago',
        kind: 'once',
        startDate: '2020-01-06',
        weekdays: [],
      });

      const list = await api.ok(200, 'get', sessions(berlin), api.as('alice'));
      expect(list.timeZone).toBe('Europe/Berlin');
      const next = (id: string) =>
        list.items.find((s: { id: string }) => s.id === id)?.nextOccurrence;
      // 09:00 CET is 08:00 UTC; 09:00 CEST is 07:00 UTC.
      expect(next(winter.id)).toMatchObject({
        date: '2030-01-07',
        start: '2030-01-07T08:00:00.000Z',
        end: '2030-01-07T09:30:00.000Z',
        warmUpAt: '2030-01-07T07:50:00.000Z',
      });
      expect(next(summer.id)).toMatchObject({
        date: '2030-07-01',
        start: '2030-07-01T07:00:00.000Z',
      });
      expect(next(past.id)).toBeNull();
    });

    it('gives courses created without a zone the default one (UTC here)', async () => {
      const lab = await create(other, weeklyLab);
      const list = await api.ok(200, 'get', sessions(other), api.as('alice'));
      expect(list.timeZone).toBe('UTC');
      expect(
        list.items.find((s: { id: string }) => s.id === lab.id).nextOccurrence
          .start,
      ).toBe('2030-01-07T09:00:00.000Z');
    });

    it('cancels a meeting: the next one is a week later and the window leaves it out', async () => {
      const lab = await create(berlin, {
        ...weeklyLab,
        title: 'Cancelled lab',
      });
      const path = `${sessions(berlin)}/${lab.id}`;
      const cancelled = await api.ok(
        200,
        'post',
        `${path}/cancellations`,
        api.as('teacher'),
        { date: '2030-01-07' },
      );
      expect(cancelled.cancelledDates).toEqual(['2030-01-07']);
      expect(cancelled.nextOccurrence.start).toBe('2030-01-14T08:00:00.000Z');

      const window = await api.ok(
        200,
        'get',
        `${sessions(
          berlin,
        )}/occurrences?from=2030-01-01T00:00:00Z&to=2030-01-22T00:00:00Z`,
        api.as('alice'),
      );
      expect(
        window.items
          .filter((o: { sessionId: string }) => o.sessionId === lab.id)
          .map((o: { date: string }) => o.date),
      ).toEqual(['2030-01-14', '2030-01-21']);

      const restored = await api.ok(
        200,
        'delete',
        `${path}/cancellations/2030-01-07`,
        api.as('teacher'),
      );
      expect(restored.cancelledDates).toEqual([]);
      expect(restored.nextOccurrence.start).toBe('2030-01-07T08:00:00.000Z');
    });

    it('refuses to cancel or restore a date the session does not meet on', async () => {
      const lab = await create(berlin, { ...weeklyLab, title: 'Monday lab' });
      const path = `${sessions(berlin)}/${lab.id}`;
      expect(
        await refused('post', `${path}/cancellations`, { date: '2030-01-08' }),
      ).toEqual({
        status: 400,
        message:
          '"Monday lab" does not meet on 2030-01-08; only a date it meets on can be cancelled',
      });
      // Before the series starts.
      expect(
        (await refused('post', `${path}/cancellations`, { date: '2029-12-31' }))
          .status,
      ).toBe(400);
      expect(
        (await refused('post', `${path}/cancellations`, { date: '2030-02-30' }))
          .status,
      ).toBe(400);
      expect(
        await refused('delete', `${path}/cancellations/2030-01-08`),
      ).toEqual({
        status: 400,
        message:
          '"Monday lab" does not meet on 2030-01-08; only a date it meets on can be restored',
      });
    });

    it('lists the meetings of a window in order of start, and bounds the window', async () => {
      const course = await api.course('teacher', []);
      await create(course, { ...weeklyLab, title: 'Wed', weekdays: [3] });
      await create(course, { ...weeklyLab, title: 'Mon' });
      const url = (query: string) => `${sessions(course)}/occurrences?${query}`;
      const window = await api.ok(
        200,
        'get',
        url('from=2030-01-07T00:00:00Z&to=2030-01-14T00:00:00Z'),
        api.as('teacher'),
      );
      expect(
        window.items.map((o: { title: string; date: string }) => [
          o.title,
          o.date,
        ]),
      ).toEqual([
        ['Mon', '2030-01-07'],
        ['Wed', '2030-01-09'],
      ]);

      expect(
        await refused(
          'get',
          url('from=2030-01-01T00:00:00Z&to=2030-03-05T00:00:00Z'),
        ),
      ).toEqual({
        status: 400,
        message: 'to: The window from `from` to `to` is at most 62 days',
      });
      expect(
        (
          await refused(
            'get',
            url('from=2030-01-01T00:00:00Z&to=2030-03-04T00:00:00Z'),
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await refused(
            'get',
            url('from=2030-01-14T00:00:00Z&to=2030-01-07T00:00:00Z'),
          )
        ).message,
      ).toBe('to: `to` is after `from`');
      expect((await refused('get', url('from=2030-01-01'))).status).toBe(400);
    });

    it("does not find a session through another course's path", async () => {
      const elsewhere = await create(other, { ...weeklyLab, title: 'Other' });
      const path = `${sessions(berlin)}/${elsewhere.id}`;
      const notFound = {
        status: 404,
        message: `This course has no session ${elsewhere.id}`,
      };
      expect(await refused('patch', path, { title: 'Mine now' })).toEqual(
        notFound,
      );
      expect(await refused('delete', path)).toEqual(notFound);
      expect(
        await refused('post', `${path}/cancellations`, { date: '2030-01-07' }),
      ).toEqual(notFound);
      // Still there, unchanged, in its own course.
      const list = await api.ok(200, 'get', sessions(other), api.as('teacher'));
      expect(
        list.items.find((s: { id: string }) => s.id === elsewhere.id)?.title,
      ).toBe('Other');
    });

    it('changes and deletes a session', async () => {
      const lab = await create(berlin, { ...weeklyLab, title: 'Moving lab' });
      const path = `${sessions(berlin)}/${lab.id}`;
      const moved = await api.ok(200, 'patch', path, api.as('teacher'), {
        startTime: '10:15',
      });
      expect(moved).toMatchObject({ title: 'Moving lab', startTime: '10:15' });
      expect(moved.nextOccurrence.start).toBe('2030-01-07T09:15:00.000Z');
      await api.ok(204, 'delete', path, api.as('teacher'));
      expect((await refused('delete', path)).status).toBe(404);
    });

    it('keeps the sessions in the database under test', async () => {
      const rows = await knex('class_sessions').where({ course_id: berlin });
      expect(rows.length).toBeGreaterThan(0);
    });
  });
});
