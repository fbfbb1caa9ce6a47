import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  createClassSessionRequestSchema,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { oneCourseDirectory } from '../__testUtils__/oneCourseDirectory';
import { realDesktopsSuite } from '../__testUtils__/realDesktopsSuite';
import { recordingHourEnforcer } from '../__testUtils__/recordingHourEnforcer';
import { homeVolumeName } from '../runtime/dockerNaming';
import { DesktopService } from '../service/DesktopService';
import { createDesktopsStore, DesktopRecord } from '../store';
import { createHourQuotas } from './createHourQuotas';
import { RunInterval } from './RunIntervalStore';

/**
 * Hour quotas on real desktop containers (Docker, image
 * labstage/desktop:latest), SQLite and PostgreSQL: the week's use summed
 * from the recorded intervals across stop/start and a backend restart, the
 * 90% notice (once), the stop at 100% with its reason, the refusal to
 * start, the exemption while a session runs, and a grant that lifts it.
 *
 * The check's clock is injected: the use is a pure function of the
 * recorded intervals and the clock, so no test waits for quota time.
 */

jest.setTimeout(300_000);

const run = promisify(execFile);
const alice = 'user:default/alice';
const teacher = 'user:default/teacher';
const courseId = '5d0c1a3e-7f1b-4c47-9d8e-2a6b3c4d5e6f';
const zone = 'Europe/Berlin';

/** The courses plugin's answer for the one course (its HTTP face is covered by hourRoutes.test.ts). */
const courses = oneCourseDirectory({
  courseId,
  code: 'CS101',
  timeZone: zone,
  instructors: [teacher],
});

function seconds(interval: RunInterval, now: Date): number {
  const end = interval.endedAt ? Date.parse(interval.endedAt) : now.getTime();
  return (end - Date.parse(interval.startedAt)) / 1000;
}

describe('weekly hour quotas on real desktops', () => {
  const {
    databases,
    init,
    reconciledDesktops,
    closeBackends: stopBackends,
  } = realDesktopsSuite({
    label: 'hour quota tests',
    deploymentId: `hours-test-${process.pid}`,
    runDirPrefix: '/tmp/lsq-',
  });

  /** One backend on `knex`; a second call on the same database is a restart. */
  function backend(knex: Knex) {
    const logger = mockServices.logger.mock();
    const store = createDesktopsStore(knex);
    const { quotas } = createHourQuotas({
      config: mockServices.rootConfig(),
      store,
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger,
      courses,
    });
    const { service, reconciler } = reconciledDesktops(knex, {
      store,
      logger,
      courseLaunchCheck: quotas,
    });
    const { enforcer, notifications } = recordingHourEnforcer(
      knex,
      quotas,
      service,
      logger,
    );
    return { service, reconciler, store, quotas, enforcer, notifications };
  }

  function stateOf(service: DesktopService, id: string, state: DesktopState) {
    return waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const d = await service.find(id);
        if (d?.state === 'error' && state !== 'error') {
          throw new Error(`desktop ${id} failed: ${d.stateReason}`);
        }
        return d?.state === state ? d : undefined;
      },
      60_000,
    );
  }

  /** Running, with its interval written (just after the move). */
  async function running(
    parts: ReturnType<typeof backend>,
    id: string,
  ): Promise<DesktopRecord> {
    const desktop = await stateOf(parts.service, id, 'running');
    await waitFor(
      `desktop ${id}'s interval to open`,
      () => parts.store.runIntervals.openInterval(id),
      10_000,
    );
    return desktop;
  }

  /** Stopped, with its interval closed. */
  async function stopped(parts: ReturnType<typeof backend>, id: string) {
    const desktop = await stateOf(parts.service, id, 'stopped');
    expect(await parts.store.runIntervals.openInterval(id)).toBeUndefined();
    return desktop;
  }

  it.each(databases.eachSupportedId())(
    'sums stop/start across a restart, warns once at 90%%, stops at 100%% saying why, refuses to start, spares a running session, and a grant lifts it, %p',
    async databaseId => {
      const knex = await init(databaseId);
      const first = backend(knex);

      // No budget yet (no default either): no limit, whatever the use.
      const created = await first.service.create({
        owner: alice,
        imageId: 'linux-desktop',
        courseId,
        requestedAt: new Date(),
      });
      const id = created.id;
      await running(first, id);
      await first.service.stop(id);
      await stopped(first, id);
      await first.service.start(id, new Date());
      await running(first, id);
      await first.service.stop(id);
      await stopped(first, id);
      expect(
        (await first.quotas.usage(alice, courseId, new Date())).state,
      ).toBe('ok');

      // The backend restarts; the new one starts the desktop again.
      await stopBackends();
      const second = backend(knex);
      await second.reconciler.runOnce();
      await second.service.start(id, new Date());
      const again = await running(second, id);

      const now = new Date();
      const intervals = await second.store.runIntervals.intervalsFor(
        alice,
        courseId,
        '2000-01-01T00:00:00.000Z',
        '2100-01-01T00:00:00.000Z',
      );
      expect(intervals).toHaveLength(3);
      expect(intervals.map(i => i.endedAt === null)).toEqual([
        false,
        false,
        true,
      ]);
      const closedSeconds =
        seconds(intervals[0], now) + seconds(intervals[1], now);
      const openedAt = Date.parse(intervals[2].startedAt);
      expect(intervals[2].startedAt).toBe(again.updatedAt);
      const usage = await second.quotas.usage(alice, courseId, now);
      expect(usage).toMatchObject({
        courseId,
        weekStart: DateTime.fromJSDate(now)
          .setZone(zone)
          .startOf('week')
          .toISODate(),
        budgetSeconds: null,
        extraSeconds: 0,
        state: 'ok',
      });
      expect(usage.usedSeconds).toBeCloseTo(
        closedSeconds + (now.getTime() - openedAt) / 1000,
        6,
      );

      // A budget a minute past what was used before this run: at a clock
      // 57 s into the run the student is past 90% and gets one notice,
      // however often the check runs, on this backend or after a restart.
      const at = (ms: number) => new Date(openedAt + ms);
      await second.quotas.setBudget(
        courseId,
        { weeklyHours: (closedSeconds + 60) / 3600 },
        teacher,
        now,
      );
      const warned = await second.enforcer.checkOnce(at(57_000));
      expect(warned).toEqual({ stopped: [], warned: [alice], exempt: [] });
      expect((await second.enforcer.checkOnce(at(58_000))).warned).toEqual([]);
      const third = backend(knex);
      expect((await third.enforcer.checkOnce(at(59_000))).warned).toEqual([]);
      expect(second.notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: alice },
          payload: expect.objectContaining({
            title: expect.stringMatching(
              /^You have used \d+(\.\d+)? of your \d+(\.\d+)? weekly desktop hours for CS101$/,
            ),
            link: `/desktops/${id}`,
          }),
        },
      ]);
      expect(third.notifications.sent).toEqual([]);
      expect((await second.service.find(id))?.state).toBe('running');

      // A budget already used up by what really ran (half of this run's
      // time so far on top of the earlier runs): the check at the real
      // clock stops the desktop, saying why; the recorded use stays past
      // the budget after the stop, so the desktop may not start again.
      const ranMs = Date.now() - openedAt;
      expect(ranMs).toBeGreaterThan(0);
      await second.quotas.setBudget(
        courseId,
        { weeklyHours: (closedSeconds + ranMs / 2000) / 3600 },
        teacher,
        now,
      );
      const stop = await second.enforcer.checkOnce(new Date());
      expect(stop).toEqual({ stopped: [id], warned: [], exempt: [] });
      const afterStop = await stopped(second, id);
      expect(afterStop.stateReason).toMatch(
        /^Your [\d.]+ weekly desktop hours for CS101 are used up \(home kept\)\. Ask your instructor for extra hours\.$/,
      );
      // Home kept: the stop left the volume.
      await run('docker', ['volume', 'inspect', homeVolumeName(id)]);
      expect(second.notifications.sent[1]).toEqual({
        recipients: { type: 'entity', entityRef: alice },
        payload: expect.objectContaining({
          title: 'Your desktop for CS101 was stopped',
          description: afterStop.stateReason,
          link: `/desktops/${id}`,
        }),
      });
      expect(
        (await second.quotas.usage(alice, courseId, new Date())).state,
      ).toBe('exhausted');
      await expect(
        second.quotas.assertMayRun(alice, courseId, new Date()),
      ).rejects.toThrow(ConflictError);
      await expect(
        second.quotas.assertMayRun(alice, courseId, new Date()),
      ).rejects.toThrow(afterStop.stateReason!);
      // Instructors of the course have no limit.
      await expect(
        second.quotas.assertMayRun(teacher, courseId, new Date()),
      ).resolves.toBeUndefined();

      // While a session of the course runs (from its warm-up to its stop),
      // the desktop may start and is not stopped. Class time counts here,
      // else the session would take the recorded time out of the use.
      await second.quotas.setBudget(
        courseId,
        {
          weeklyHours: (closedSeconds + ranMs / 2000) / 3600,
          classTimeCounts: true,
        },
        teacher,
        now,
      );
      const local = DateTime.now().setZone(zone).minus({ minutes: 1 });
      const session = await second.store.sessions.create({
        ...createClassSessionRequestSchema.parse({
          title: 'Lab',
          kind: 'once',
          startDate: local.toISODate(),
          startTime: local.toFormat('HH:mm'),
          durationMinutes: 60,
        }),
        courseId,
        createdBy: teacher,
      });
      await expect(
        second.quotas.assertMayRun(alice, courseId, new Date()),
      ).resolves.toBeUndefined();
      await second.service.start(id, new Date());
      await running(second, id);
      const spared = await second.enforcer.checkOnce(new Date());
      expect(spared).toEqual({ stopped: [], warned: [], exempt: [id] });
      expect((await second.service.find(id))?.state).toBe('running');
      // Once the session's desktops stop (stopAt), the limit applies again.
      const week = await second.quotas.courseWeek(courseId, new Date());
      expect(week.runningSession?.sessionId).toBe(session.id);
      const afterSession = new Date(
        Date.parse(week.runningSession!.stopAt) + 1000,
      );
      expect(await second.enforcer.checkOnce(afterSession)).toEqual({
        stopped: [id],
        warned: [],
        exempt: [],
      });
      await stopped(second, id);
      await second.store.sessions.delete(session.id);
      await expect(
        second.quotas.assertMayRun(alice, courseId, new Date()),
      ).rejects.toThrow(ConflictError);

      // An instructor grants an hour: the desktop starts again and the
      // check leaves it running.
      await second.quotas.grant(
        courseId,
        { student: alice, extraHours: 1, reason: 'Project week' },
        teacher,
        new Date(),
      );
      const lifted = await second.quotas.usage(alice, courseId, new Date());
      expect(lifted).toMatchObject({ extraSeconds: 3600, state: 'ok' });
      await second.quotas.assertMayRun(alice, courseId, new Date());
      await second.service.start(id, new Date());
      const restarted = await running(second, id);
      expect(restarted.stateReason).toBeNull();
      expect(await second.enforcer.checkOnce(new Date())).toEqual({
        stopped: [],
        warned: [],
        exempt: [],
      });
      expect((await second.service.find(id))?.state).toBe('running');

      await second.service.delete(id);
    },
  );
});
