import { InputError } from '@backstage/errors';
import { createClassSessionRequestSchema } from '@internal/backstage-plugin-desktops-common';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations } from './index';
import { SessionStore } from './SessionStore';

jest.setTimeout(60_000);

const teacher = 'user:default/teacher';

describe('class sessions store', () => {
  const databases = requiredTestDatabases('class sessions store tests');

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return new SessionStore(knex);
  }

  /** A request as the route will parse it, so defaults apply. */
  function weeklyRequest(overrides: Record<string, unknown> = {}) {
    return createClassSessionRequestSchema.parse({
      title: 'Lab',
      kind: 'weekly',
      startDate: '2026-09-14',
      startTime: '09:00',
      durationMinutes: 90,
      weekdays: [3, 1],
      ...overrides,
    });
  }

  it.each(databases.eachSupportedId())(
    'creates, reads, lists by course and deletes sessions, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const weekly = await store.create({
        ...weeklyRequest({ untilDate: '2026-12-18' }),
        courseId: 'cs101',
        createdBy: teacher,
      });
      expect(weekly).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        courseId: 'cs101',
        title: 'Lab',
        kind: 'weekly',
        startDate: '2026-09-14',
        startTime: '09:00',
        durationMinutes: 90,
        weekdays: [1, 3],
        untilDate: '2026-12-18',
        warmUpMinutes: 10,
        afterEndMinutes: 15,
        cancelledDates: [],
        createdBy: teacher,
        createdAt: expect.any(String),
        updatedAt: weekly.createdAt,
      });
      const once = await store.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Exam',
          kind: 'once',
          startDate: '2026-09-01',
          startTime: '14:00',
          durationMinutes: 120,
          warmUpMinutes: 30,
          afterEndMinutes: 0,
        }),
        courseId: 'cs101',
        createdBy: teacher,
      });
      const other = await store.create({
        ...weeklyRequest(),
        courseId: 'bio200',
        createdBy: teacher,
      });

      expect(await store.get(weekly.id)).toEqual(weekly);
      expect(await store.get('no-such-session')).toBeUndefined();
      expect((await store.listForCourse('cs101')).map(s => s.id)).toEqual([
        once.id,
        weekly.id,
      ]);
      expect(once).toMatchObject({
        weekdays: [],
        untilDate: null,
        warmUpMinutes: 30,
        afterEndMinutes: 0,
      });
      expect((await store.listAll()).map(s => s.id)).toEqual([
        other.id,
        once.id,
        weekly.id,
      ]);

      await store.claimRun(weekly.id, '2026-09-14T07:00:00.000Z');
      await store.claimRun(other.id, '2026-09-14T07:00:00.000Z');
      expect(await store.delete(weekly.id)).toEqual(weekly);
      expect(await store.delete(weekly.id)).toBeUndefined();
      expect(await store.get(weekly.id)).toBeUndefined();
      // Its runs stay: the hour accounting reads the meetings held.
      expect(await store.listRuns(weekly.id)).toHaveLength(1);
      expect(await store.listRuns(other.id)).toHaveLength(1);
      expect(await store.listForCourse('cs101')).toEqual([once]);
    },
  );

  it.each(databases.eachSupportedId())(
    'updates some fields, keeping the schedule valid, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const s = await store.create({
        ...weeklyRequest({ untilDate: '2026-12-18' }),
        courseId: 'cs101',
        createdBy: teacher,
      });

      const moved = await store.update(s.id, {
        startTime: '10:15',
        weekdays: [5],
      });
      expect(moved).toMatchObject({
        title: 'Lab',
        startTime: '10:15',
        weekdays: [5],
        untilDate: '2026-12-18',
        createdAt: s.createdAt,
      });
      expect(moved!.updatedAt > s.updatedAt).toBe(true);

      // No last date any more.
      expect(
        (await store.update(s.id, { untilDate: null }))?.untilDate,
      ).toBeNull();

      // A last date before the start, and a one-off with weekdays: refused.
      await expect(
        store.update(s.id, { untilDate: '2026-09-01' }),
      ).rejects.toThrow(
        new InputError(
          'The last date of a weekly session is on or after its start date',
        ),
      );
      await expect(
        store.update(s.id, { kind: 'once', weekdays: [1] }),
      ).rejects.toThrow(InputError);
      expect((await store.get(s.id))?.weekdays).toEqual([5]);

      // Made one-off, it drops its weekdays and last date.
      expect(await store.update(s.id, { kind: 'once' })).toMatchObject({
        kind: 'once',
        weekdays: [],
        untilDate: null,
      });
      // Weekly again needs days.
      await expect(store.update(s.id, { kind: 'weekly' })).rejects.toThrow(
        'A weekly session meets on at least one weekday',
      );
      expect(
        await store.update('no-such-session', { title: 'x' }),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps both of two concurrent updates of different fields, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const s = await store.create({
        ...weeklyRequest(),
        courseId: 'cs101',
        createdBy: teacher,
      });
      await Promise.all([
        store.update(s.id, { title: 'Renamed' }),
        store.update(s.id, { durationMinutes: 45 }),
      ]);
      expect(await store.get(s.id)).toMatchObject({
        title: 'Renamed',
        durationMinutes: 45,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'cancels single meetings and takes cancellations back, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const s = await store.create({
        ...weeklyRequest(),
        courseId: 'cs101',
        createdBy: teacher,
      });
      await store.cancelOccurrence(s.id, '2026-09-30');
      await store.cancelOccurrence(s.id, '2026-09-16');
      // Twice is once.
      const cancelled = await store.cancelOccurrence(s.id, '2026-09-30');
      expect(cancelled?.cancelledDates).toEqual(['2026-09-16', '2026-09-30']);
      expect(
        (await store.restoreOccurrence(s.id, '2026-09-16'))?.cancelledDates,
      ).toEqual(['2026-09-30']);
      expect(
        (await store.restoreOccurrence(s.id, '2026-09-16'))?.cancelledDates,
      ).toEqual(['2026-09-30']);
      expect(
        await store.cancelOccurrence('no-such-session', '2026-09-16'),
      ).toBeUndefined();
      // Concurrent cancellations of different days all stay.
      await Promise.all(
        ['2026-10-05', '2026-10-07', '2026-10-12'].map(date =>
          store.cancelOccurrence(s.id, date),
        ),
      );
      expect((await store.get(s.id))?.cancelledDates).toEqual([
        '2026-09-30',
        '2026-10-05',
        '2026-10-07',
        '2026-10-12',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims the warm-up of a meeting once and moves it only forward, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const start = '2026-09-14T07:00:00.000Z';

      const first = await store.claimRun('s1', start);
      expect(first).toEqual({
        claimed: true,
        run: {
          sessionId: 's1',
          occurrenceStart: start,
          state: 'warming',
          startedAt: expect.any(String),
          warmAt: null,
          finishedAt: null,
        },
      });
      // A restart claims again, with the same instant spelt differently:
      // it gets the run to resume.
      const again = await store.claimRun('s1', '2026-09-14T09:00:00+02:00');
      expect(again).toEqual({ claimed: false, run: first.run });

      const warm = await store.markRun('s1', start, 'warm');
      expect(warm).toMatchObject({ state: 'warm', finishedAt: null });
      expect(warm!.warmAt).toEqual(expect.any(String));
      // A late "warm" report changes nothing.
      expect(await store.markRun('s1', start, 'warm')).toEqual(warm);
      const ended = await store.markRun('s1', start, 'ended');
      expect(ended).toMatchObject({ state: 'ended', warmAt: warm!.warmAt });
      expect(ended!.finishedAt).toEqual(expect.any(String));
      expect(await store.markRun('s1', start, 'warm')).toEqual(ended);
      expect(await store.claimRun('s1', start)).toEqual({
        claimed: false,
        run: ended,
      });

      expect(
        await store.markRun('s1', '2026-09-21T07:00:00.000Z', 'warm'),
      ).toBeUndefined();
      await store.claimRun('s1', '2026-09-21T07:00:00.000Z');
      await store.claimRun('s2', start);
      expect(
        (await store.listRuns('s1')).map(r => [r.occurrenceStart, r.state]),
      ).toEqual([
        [start, 'ended'],
        ['2026-09-21T07:00:00.000Z', 'warming'],
      ]);
      await expect(store.claimRun('s1', 'at nine')).rejects.toThrow(
        'The meeting start is not an ISO 8601 instant: "at nine"',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'gives exactly one of many concurrent claims the meeting, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const start = '2026-09-14T07:00:00.000Z';
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => store.claimRun('s1', start)),
      );
      expect(claims.filter(c => c.claimed)).toHaveLength(1);
      const winner = claims.find(c => c.claimed)!.run;
      for (const c of claims) expect(c.run).toEqual(winner);
      expect(await store.listRuns('s1')).toEqual([winner]);
    },
  );
});
