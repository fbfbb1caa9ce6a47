import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { realDesktopsSuite } from '../__testUtils__/realDesktopsSuite';
import { DesktopService } from '../service/DesktopService';
import { defaultDesktopsSettings } from '../service/settings';
import { DesktopRecord } from '../store';
import { RunIntervalStore } from './RunIntervalStore';

/**
 * Running time as the state machine records it, on real desktop containers
 * (Docker, image labstage/desktop:latest), SQLite and PostgreSQL: every
 * path into and out of `running`, and a backend restart.
 */

jest.setTimeout(300_000);

const run = promisify(execFile);
const teacher = 'user:default/teacher';
const ever = ['2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'] as const;

describe('running time of real desktops', () => {
  const {
    databases,
    init,
    newRuntime,
    reconciledDesktops,
    closeBackends: stopBackends,
  } = realDesktopsSuite({
    label: 'running time tests',
    deploymentId: `runs-test-${process.pid}`,
    runDirPrefix: '/tmp/lsr-',
  });

  /** One backend on `knex`; a second call on the same database is a restart. */
  function backend(knex: Knex) {
    const settings = defaultDesktopsSettings();
    // Three desktops at once in the restart test.
    settings.quota.roles.instructor = { maxRunning: 5 };
    const { service, runtime, reconciler } = reconciledDesktops(knex, {
      settings,
    });
    return {
      service,
      runtime,
      reconciler,
      intervals: new RunIntervalStore(knex),
    };
  }

  function stateOf(service: DesktopService, id: string, state: DesktopState) {
    return waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const d = await service.find(id);
        return d?.state === state ? d : undefined;
      },
      60_000,
    );
  }

  /**
   * A running desktop whose interval is open: the row says `running` a
   * moment before the move's recorder has written the interval.
   */
  async function launch(parts: {
    service: DesktopService;
    intervals: RunIntervalStore;
  }): Promise<DesktopRecord> {
    const created = await parts.service.create({
      owner: teacher,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    const running = await stateOf(parts.service, created.id, 'running');
    await waitFor(
      `desktop ${created.id}'s interval to open`,
      () => parts.intervals.openInterval(created.id),
      10_000,
    );
    return running;
  }

  it.each(databases.eachSupportedId())(
    'launch, stop, start, stop: two closed intervals at the moves into and out of running; a delete closes the third, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const { service, intervals } = backend(knex);

      const first = await launch({ service, intervals });
      expect(await intervals.openInterval(first.id)).toMatchObject({
        owner: teacher,
        courseId: null,
        startedAt: first.updatedAt,
        endedAt: null,
      });
      const firstStop = await service.stop(first.id);
      // Closed once `stopping` is written, before the runtime stop.
      expect(await intervals.openInterval(first.id)).toBeUndefined();
      await stateOf(service, first.id, 'stopped');

      await service.start(first.id, new Date());
      const second = await stateOf(service, first.id, 'running');
      const secondStop = await service.stop(first.id);
      await stateOf(service, first.id, 'stopped');

      expect(await intervals.intervalsFor(teacher, null, ...ever)).toEqual([
        expect.objectContaining({
          desktopId: first.id,
          startedAt: first.updatedAt,
          endedAt: firstStop.updatedAt,
          endReason: 'stopped',
        }),
        expect.objectContaining({
          desktopId: first.id,
          startedAt: second.updatedAt,
          endedAt: secondStop.updatedAt,
          endReason: 'stopped',
        }),
      ]);
      expect(firstStop.updatedAt > first.updatedAt).toBe(true);
      expect(second.updatedAt > firstStop.updatedAt).toBe(true);

      // Deleting a running desktop stops it first; its hours stay counted.
      await service.start(first.id, new Date());
      const third = await stateOf(service, first.id, 'running');
      const beforeDelete = new Date().toISOString();
      await service.delete(first.id);
      const all = await intervals.intervalsFor(teacher, null, ...ever);
      expect(all).toHaveLength(3);
      expect(all[2]).toMatchObject({
        startedAt: third.updatedAt,
        endReason: 'stopped',
      });
      expect(all[2].endedAt! >= beforeDelete).toBe(true);
      expect(all[2].endedAt! <= new Date().toISOString()).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'a crash the runtime reports closes the interval when the desktop is marked failed, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const { service, intervals } = backend(knex);
      const desktop = await launch({ service, intervals });

      await run('docker', ['kill', `labstage-desktop-${desktop.id}`]);
      const failed = await stateOf(service, desktop.id, 'error');
      // The row says `error` a moment before the move's recorder has
      // closed the interval (it writes after the transition, before the
      // signal), so wait for the close, then check its time.
      const closed = await waitFor(
        'the interval to close',
        async () => {
          const list = await intervals.intervalsFor(teacher, null, ...ever);
          return list.every(i => i.endedAt) ? list : undefined;
        },
        10_000,
      );
      expect(closed).toEqual([
        expect.objectContaining({
          desktopId: desktop.id,
          startedAt: desktop.updatedAt,
          endedAt: failed.updatedAt,
          endReason: 'error',
        }),
      ]);
      await service.delete(desktop.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'after a restart: a stop the old backend wrote closes at that stop, a death nobody saw at its exit, a running desktop keeps its one interval, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const before = backend(knex);
      const kept = await launch(before);
      const stopped = await launch(before);
      const died = await launch(before);
      const keptInterval = await before.intervals.openInterval(kept.id);
      // The old backend goes away.
      await stopBackends();

      // It wrote `stopped`'s stop but crashed before recording the interval.
      await run('docker', ['stop', `labstage-desktop-${stopped.id}`]);
      const stopAt = new Date().toISOString();
      await knex('desktops')
        .where({ id: stopped.id })
        .update({ state: 'stopped', updated_at: stopAt });
      // `died` died while no backend watched: its row still says running.
      await run('docker', ['kill', `labstage-desktop-${died.id}`]);
      const exited = await newRuntime().inspect(died.id);
      const diedAt = DateTime.fromISO(exited!.finishedAt!, {
        zone: 'utc',
      }).toISO();

      const after = backend(knex);
      await after.reconciler.runOnce();
      expect((await after.service.find(kept.id))?.state).toBe('running');
      await stateOf(after.service, died.id, 'error');

      const all = await after.intervals.intervalsFor(teacher, null, ...ever);
      expect(all).toEqual([
        { ...keptInterval, endedAt: null },
        expect.objectContaining({
          desktopId: stopped.id,
          startedAt: stopped.updatedAt,
          endedAt: stopAt,
          endReason: 'restart',
        }),
        expect.objectContaining({
          desktopId: died.id,
          startedAt: died.updatedAt,
          endedAt: diedAt,
          endReason: 'restart',
        }),
      ]);

      // A running desktop whose interval was never written (the old
      // backend died between the move and the record) gets one from its
      // start, once, however often the backend restarts.
      await stopBackends();
      await knex('desktop_run_intervals')
        .where({ desktop_id: kept.id })
        .delete();
      for (let restart = 0; restart < 2; restart++) {
        const again = backend(knex);
        await again.reconciler.runOnce();
        await stopBackends();
      }
      const reopened = await after.intervals.intervalsFor(
        teacher,
        null,
        ...ever,
      );
      expect(reopened.filter(i => i.desktopId === kept.id)).toEqual([
        expect.objectContaining({
          startedAt: DateTime.fromISO(kept.startedAt!, { zone: 'utc' }).toISO(),
          endedAt: null,
        }),
      ]);

      const last = backend(knex);
      for (const d of [kept, stopped, died]) await last.service.delete(d.id);
      expect(await last.intervals.openInterval(kept.id)).toBeUndefined();
    },
  );
});
