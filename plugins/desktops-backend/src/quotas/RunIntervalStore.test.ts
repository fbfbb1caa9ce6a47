import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations } from '../store';
import { RunIntervalStore } from './RunIntervalStore';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const lab = { id: 'aaaaaaaaaaaa', owner: alice, courseId: 'cs101' };
const other = { id: 'bbbbbbbbbbbb', owner: alice, courseId: 'cs102' };
const personal = { id: 'cccccccccccc', owner: alice, courseId: null };
const bobs = { id: 'dddddddddddd', owner: bob, courseId: 'cs101' };

/** 2026-11-30 (a Monday) at `hh:mm` UTC. */
const t = (hhmm: string) => `2026-11-30T${hhmm}:00.000Z`;

describe('run interval store', () => {
  const databases = requiredTestDatabases('run interval store tests');

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return { knex, store: new RunIntervalStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'opens once per run and closes at the stop, with the reason, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);

      const first = await store.open(
        { ...lab, owner: 'user:default/Alice' },
        t('09:00'),
      );
      expect(first.opened).toBe(true);
      expect(first.interval).toMatchObject({
        desktopId: lab.id,
        owner: alice,
        courseId: 'cs101',
        startedAt: t('09:00'),
        endedAt: null,
        endReason: null,
      });
      // A retried start: same interval, its start unchanged.
      const again = await store.open(lab, t('09:05'));
      expect(again).toEqual({ opened: false, interval: first.interval });

      const closed = await store.close(lab.id, t('10:30'), 'stopped');
      expect(closed).toEqual({
        ...first.interval,
        endedAt: t('10:30'),
        endReason: 'stopped',
      });
      expect(await store.close(lab.id, t('10:45'), 'stopped')).toBeUndefined();
      expect(await store.openInterval(lab.id)).toBeUndefined();

      // Start again: a second interval; the first is kept as it was.
      const second = await store.open(lab, t('11:00'));
      expect(second.opened).toBe(true);
      expect(second.interval.id).not.toBe(first.interval.id);
      expect(
        (await store.intervalsFor(alice, 'cs101', t('00:00'), t('23:59'))).map(
          i => [i.startedAt, i.endedAt, i.endReason],
        ),
      ).toEqual([
        [t('09:00'), t('10:30'), 'stopped'],
        [t('11:00'), null, null],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one open interval per desktop under concurrent opens, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const results = await Promise.all(
        ['09:00', '09:01', '09:02', '09:03', '09:04', '09:05'].map(hhmm =>
          store.open(lab, t(hhmm)),
        ),
      );
      expect(results.filter(r => r.opened)).toHaveLength(1);
      expect(new Set(results.map(r => r.interval.id)).size).toBe(1);
      expect(
        Number(
          (await knex('desktop_run_intervals').count('* as n').first())!.n,
        ),
      ).toBe(1);

      // The index, not the method, refuses a second open row.
      await expect(
        knex('desktop_run_intervals').insert({
          desktop_id: lab.id,
          owner: alice,
          course_id: 'cs101',
          started_at: t('10:00'),
        }),
      ).rejects.toThrow(/unique|duplicate/i);
      // Closed rows are not limited.
      await store.close(lab.id, t('10:00'), 'stopped');
      await store.open(lab, t('11:00'));
      await store.close(lab.id, t('12:00'), 'stopped');
      expect(
        await store.intervalsFor(alice, 'cs101', t('00:00'), t('23:59')),
      ).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'never ends an interval before it started, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.open(lab, t('09:00'));
      // A clock that stepped back between start and stop.
      expect(await store.close(lab.id, t('08:59'), 'stopped')).toMatchObject({
        startedAt: t('09:00'),
        endedAt: t('09:00'),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lists what overlaps a window, per owner and course, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const run = async (
        desktop: typeof lab | typeof personal,
        from: string,
        to: string | null,
      ) => {
        await store.open(desktop, t(from));
        if (to) await store.close(desktop.id, t(to), 'stopped');
      };
      await run(lab, '06:00', '08:00'); // before the window
      await run(lab, '07:00', '09:00'); // ends at its start: not in it
      await run(lab, '08:30', '10:30'); // over its start
      await run(lab, '11:00', '11:00'); // zero-length, inside
      await run(lab, '13:00', '14:00'); // starts at its end: not in it
      await run(lab, '11:30', null); // open, started inside
      await run(other, '10:00', '11:00'); // another course
      await run(personal, '10:00', '11:00'); // no course
      await run(bobs, '10:00', '11:00'); // someone else

      const starts = async (owner: string, courseId: string | null) =>
        (await store.intervalsFor(owner, courseId, t('09:00'), t('13:00'))).map(
          i => i.startedAt,
        );
      expect(await starts(alice, 'cs101')).toEqual([
        t('08:30'),
        t('11:00'),
        t('11:30'),
      ]);
      expect(await starts('user:default/ALICE', 'cs102')).toEqual([t('10:00')]);
      expect(await starts(alice, null)).toEqual([t('10:00')]);
      expect(await starts(bob, 'cs101')).toEqual([t('10:00')]);
      expect(await starts(bob, 'cs102')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'after a restart closes what no longer runs at the time the caller knows, keeps the rest open, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.open(lab, t('09:00')); // stopped while the backend was down
      await store.open(other, t('09:00')); // still running
      await store.open(personal, t('10:00')); // last known alive "before" it started
      await store.open(bobs, t('09:00')); // last known time after now
      const lastKnown: Record<string, string> = {
        [lab.id]: t('09:40'),
        [personal.id]: t('09:00'),
        [bobs.id]: t('23:00'),
      };
      const asked: string[] = [];

      const closed = await store.closeDangling(
        async desktopId => {
          asked.push(desktopId);
          return desktopId === other.id;
        },
        interval => lastKnown[interval.desktopId],
        { now: t('12:00') },
      );

      expect(asked.sort()).toEqual(
        [lab.id, other.id, personal.id, bobs.id].sort(),
      );
      expect(
        closed
          .map(i => [i.desktopId, i.endedAt, i.endReason])
          .sort((a, b) => a[0]!.localeCompare(b[0]!)),
      ).toEqual([
        [lab.id, t('09:40'), 'restart'],
        [personal.id, t('10:00'), 'restart'],
        [bobs.id, t('12:00'), 'restart'],
      ]);
      expect(await store.openInterval(other.id)).toMatchObject({
        startedAt: t('09:00'),
        endedAt: null,
      });
      expect(await store.openInterval(lab.id)).toBeUndefined();

      // A second pass finds nothing more to close.
      expect(
        await store.closeDangling(
          () => false,
          () => t('12:00'),
          { now: t('12:00'), reason: 'crash' },
        ),
      ).toEqual([
        expect.objectContaining({
          desktopId: other.id,
          endedAt: t('12:00'),
          endReason: 'crash',
        }),
      ]);
      expect(
        await store.closeDangling(
          () => false,
          () => t('12:00'),
        ),
      ).toEqual([]);
    },
  );
});
