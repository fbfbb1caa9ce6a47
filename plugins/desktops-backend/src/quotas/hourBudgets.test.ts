import { mockServices } from '@backstage/backend-test-utils';
import { createClassSessionRequestSchema } from '@internal/backstage-plugin-desktops-common';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { DateTime } from 'luxon';
import { oneCourseDirectory } from '../__testUtils__/oneCourseDirectory';
import { applyMigrations, createDesktopsStore } from '../store';
import { createHourQuotas } from './createHourQuotas';

/**
 * Budgets, defaults, grants and class time on the real stores (SQLite and
 * PostgreSQL), with recorded intervals and an injected clock: the week is
 * the course's (Europe/Berlin), session time is [warmUpAt, stopAt) of each
 * meeting.
 */

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const teacher = 'user:default/teacher';
const courseId = '8c2b6f0a-1d3e-4f5a-9b7c-0e1f2a3b4c5d';
const zone = 'Europe/Berlin';
/** Config as mockServices.rootConfig takes it. */
type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig>[0]
>['data'] & {};

const courses = oneCourseDirectory({
  courseId,
  code: 'CS101',
  timeZone: zone,
  instructors: [teacher],
});
/** Berlin local time on `date`, as an ISO UTC string. */
const local = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!;
/** On Wednesday 2030-01-09. */
const wed = (time: string) => local('2030-01-09', time);

describe('HourQuotas', () => {
  const databases = requiredTestDatabases('hour quota service tests');

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    config: ConfigData = {},
  ) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    const store = createDesktopsStore(knex);
    const { quotas } = createHourQuotas({
      config: mockServices.rootConfig({ data: config }),
      store,
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      courses,
    });
    return { knex, store, quotas };
  }

  it.each(databases.eachSupportedId())(
    'leaves session time (warm-up to stop) out unless the course counts class time, %p',
    async databaseId => {
      const { store, quotas } = await setup(databaseId);
      // Alice's desktop ran 10:00-12:00 on Wednesday; the class met
      // 10:30-11:30 with 10 warm-up and 15 after-end minutes: session
      // time 10:20-11:45, so 35 of the 120 minutes are hers.
      const desktop = { id: 'abcdefabcdef', owner: alice, courseId };
      await store.runIntervals.open(desktop, wed('10:00'));
      await store.runIntervals.close(desktop.id, wed('12:00'), 'stopped');
      const session = await store.sessions.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Lab',
          kind: 'once',
          startDate: '2030-01-09',
          startTime: '10:30',
          durationMinutes: 60,
          warmUpMinutes: 10,
          afterEndMinutes: 15,
        }),
        courseId,
        createdBy: teacher,
      });
      // The runner handled the meeting (past session time is what it
      // recorded).
      await store.sessions.claimRun(session.id, wed('10:30'));
      const now = new Date(wed('18:00'));
      await quotas.setBudget(courseId, { weeklyHours: 1 }, teacher, now);

      expect(await quotas.usage(alice, courseId, now)).toEqual({
        courseId,
        weekStart: '2030-01-07',
        usedSeconds: 35 * 60,
        budgetSeconds: 3600,
        extraSeconds: 0,
        state: 'ok',
      });
      // Half-way through the session: only 10:00-10:20 so far.
      expect(
        (await quotas.usage(alice, courseId, new Date(wed('11:00'))))
          .usedSeconds,
      ).toBe(20 * 60);

      await quotas.setBudget(
        courseId,
        { weeklyHours: 1, classTimeCounts: true },
        teacher,
        now,
      );
      expect(await quotas.usage(alice, courseId, now)).toMatchObject({
        usedSeconds: 120 * 60,
        state: 'exhausted',
      });
      // The next week starts from nothing.
      expect(
        await quotas.usage(
          alice,
          courseId,
          new Date(local('2030-01-14', '12:00')),
        ),
      ).toMatchObject({ weekStart: '2030-01-14', usedSeconds: 0, state: 'ok' });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps past session time as recorded: moving or deleting a meeting afterwards changes no hours, %p',
    async databaseId => {
      const { store, quotas } = await setup(databaseId);
      const mon = (time: string) => local('2030-01-07', time);
      // Alice's desktop ran Monday 8:00-11:00 and Wednesday 13:00-16:00.
      const desktop = { id: 'abcdefabcdef', owner: alice, courseId };
      await store.runIntervals.open(desktop, mon('08:00'));
      await store.runIntervals.close(desktop.id, mon('11:00'), 'stopped');
      await store.runIntervals.open(desktop, wed('13:00'));
      await store.runIntervals.close(desktop.id, wed('16:00'), 'stopped');
      // The weekly Monday 9:00 lab, 90 minutes: session time 8:50-10:45.
      const lab = await store.sessions.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Lab',
          kind: 'weekly',
          startDate: '2030-01-07',
          startTime: '09:00',
          weekdays: [1],
          durationMinutes: 90,
          warmUpMinutes: 10,
          afterEndMinutes: 15,
        }),
        courseId,
        createdBy: teacher,
      });
      await store.sessions.claimRun(lab.id, mon('09:00'));
      const now = new Date(wed('18:00'));
      await quotas.setBudget(courseId, { weeklyHours: 10 }, teacher, now);
      // 180 - 115 minutes on Monday, 180 on Wednesday.
      const used = (180 - 115 + 180) * 60;
      const usedNow = async () =>
        (await quotas.usage(alice, courseId, now)).usedSeconds;
      expect(await usedNow()).toBe(used);

      // Moved to Wednesday 14:00 afterwards: Monday's meeting took place,
      // and Wednesday 13:50-15:45 was no session time.
      await store.sessions.update(lab.id, {
        startTime: '14:00',
        weekdays: [3],
      });
      expect(await usedNow()).toBe(used);
      // Deleted afterwards: the meeting held still counts as session time.
      await store.sessions.delete(lab.id);
      expect(await usedNow()).toBe(used);

      // A meeting the runner never handled (scheduled after the fact for
      // a past time) is no session time; the same meeting from now on is.
      const late = await store.sessions.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Late',
          kind: 'once',
          startDate: '2030-01-09',
          startTime: '13:00',
          durationMinutes: 120,
        }),
        courseId,
        createdBy: teacher,
      });
      expect(await usedNow()).toBe(used);
      const during = new Date(wed('14:00'));
      expect(
        (await quotas.courseWeek(courseId, during)).runningSession,
      ).toMatchObject({ sessionId: late.id });
      expect((await quotas.usage(alice, courseId, during)).usedSeconds).toBe(
        (180 - 115 + 60) * 60,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'takes the course budget, else the admin default, else the config; grants add up for their week only, %p',
    async databaseId => {
      const { quotas } = await setup(databaseId, {
        desktops: { quotas: { defaultWeeklyHours: 20 } },
      });
      const now = new Date(wed('09:00'));
      expect(await quotas.defaults()).toEqual({
        weeklyHours: 20,
        classTimeCounts: false,
      });
      expect(await quotas.budget(courseId)).toEqual({
        courseId,
        weeklyHours: 20,
        classTimeCounts: false,
        source: 'default',
      });

      expect(
        await quotas.setDefaults(
          { weeklyHours: null, classTimeCounts: true },
          'user:default/root',
          now,
        ),
      ).toEqual({ weeklyHours: null, classTimeCounts: true });
      expect(await quotas.budget(courseId)).toMatchObject({
        weeklyHours: null,
        classTimeCounts: true,
        source: 'default',
      });
      expect(await quotas.usage(alice, courseId, now)).toMatchObject({
        budgetSeconds: null,
        state: 'ok',
      });

      expect(
        await quotas.setBudget(courseId, { weeklyHours: 6.5 }, teacher, now),
      ).toEqual({
        courseId,
        weeklyHours: 6.5,
        // Kept from what applied.
        classTimeCounts: true,
        source: 'course',
      });
      // Hours back to the default, class time kept for the course.
      expect(
        await quotas.setBudget(
          courseId,
          { weeklyHours: null, classTimeCounts: false },
          teacher,
          now,
        ),
      ).toEqual({
        courseId,
        weeklyHours: null,
        classTimeCounts: false,
        source: 'default',
      });
      // Without class time either: the default entirely.
      await quotas.setBudget(courseId, { weeklyHours: null }, teacher, now);
      expect(await quotas.budget(courseId)).toMatchObject({
        classTimeCounts: true,
        source: 'default',
      });

      await quotas.setBudget(courseId, { weeklyHours: 2 }, teacher, now);
      await quotas.grant(
        courseId,
        { student: alice, extraHours: 1 },
        teacher,
        now,
      );
      await quotas.grant(
        courseId,
        { student: alice, extraHours: 0.5, reason: 'Resit' },
        teacher,
        now,
      );
      expect(await quotas.usage(alice, courseId, now)).toMatchObject({
        budgetSeconds: 7200,
        extraSeconds: 5400,
      });
      expect(
        (await quotas.usage('user:default/bob', courseId, now)).extraSeconds,
      ).toBe(0);
      const nextWeek = new Date(local('2030-01-16', '09:00'));
      expect((await quotas.usage(alice, courseId, nextWeek)).extraSeconds).toBe(
        0,
      );
      // The course's instructors have no limit.
      expect(await quotas.usage(teacher, courseId, now)).toMatchObject({
        budgetSeconds: null,
        state: 'ok',
      });
    },
  );

  it('refuses a default outside 0-168 hours and a check interval that is no whole number of seconds', () => {
    const build = (quotas: ConfigData) =>
      createHourQuotas({
        config: mockServices.rootConfig({ data: { desktops: { quotas } } }),
        store: {} as never,
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        courses,
      });
    expect(() => build({ defaultWeeklyHours: 169 })).toThrow(
      'desktops.quotas.defaultWeeklyHours must be from 0 to 168 hours',
    );
    expect(() => build({ checkEverySeconds: 0.5 })).toThrow(
      'desktops.quotas.checkEverySeconds must be a whole number of seconds',
    );
  });
});
