import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DateTime } from 'luxon';
import { databaseApiBackend } from '../__testUtils__/databaseApiBackend';

jest.setTimeout(180_000);

/** Short, so every desktop here is idle by the time the pass runs. */
const IDLE_STOP_MINUTES = 0.001;

/**
 * Idle stop as the plugin wires it: its reconciler task
 * (`desktops-reconcile`), triggered by hand, leaves a course desktop
 * running while a meeting of its course is in its warm-up (the course's
 * zone read from the real courses plugin), and stops it like any other
 * once the class has run for the idle time. Runtime: the in-memory fake;
 * which instants are exempt is reconciler/classIdleStopExemptions.test.ts.
 */
describe('idle stop and class sessions in the plugin', () => {
  const databases = requiredTestDatabases('idle stop with class sessions');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const { api, scheduler } = databaseApiBackend(databases, databaseId, {
      manualTasks: true,
      desktops: { idleStopMinutes: IDLE_STOP_MINUTES },
    });

    it("keeps a warmed-up course desktop during its meeting's warm-up and stops it once the class has run for the idle time", async () => {
      const { ok, as } = api;
      const warming = await api.course('teacher', ['bob']);
      const quiet = await api.course('teacher', ['bob']);
      const { timeZone } = await ok(
        200,
        'get',
        `/api/courses/courses/${warming}`,
        as('teacher'),
      );
      const start = DateTime.now()
        .setZone(timeZone ?? 'UTC')
        .plus({ minutes: 20 })
        .startOf('minute');
      const sessions = `/api/desktops/courses/${warming}/sessions`;
      const session = await ok(201, 'post', sessions, as('teacher'), {
        title: 'Lab',
        kind: 'once',
        startDate: start.toISODate(),
        startTime: start.toFormat('HH:mm'),
        durationMinutes: 60,
        warmUpMinutes: 30,
      });
      const warmed = await api.courseDesktopOf('bob', warming);
      // The control: bob's desktop of a course without sessions.
      const control = await api.courseDesktopOf('bob', quiet);
      const stateOf = async (id: string) =>
        (await ok(200, 'get', `/api/desktops/desktops/${id}`, as('bob'))).state;

      // Passes until the control is idle-stopped; the warmed one is at
      // least as idle (launched first).
      await waitFor(
        'the control desktop to be idle-stopped',
        async () => {
          await scheduler.triggerTask('desktops-reconcile');
          return (await stateOf(control)) === 'stopped' || undefined;
        },
        30_000,
      );
      await scheduler.triggerTask('desktops-reconcile');
      expect(await stateOf(warmed)).toBe('running');

      // The class began 10 minutes ago: idle time counts from its start.
      const began = DateTime.now()
        .setZone(timeZone ?? 'UTC')
        .minus({ minutes: 10 })
        .startOf('minute');
      await ok(200, 'patch', `${sessions}/${session.id}`, as('teacher'), {
        startDate: began.toISODate(),
        startTime: began.toFormat('HH:mm'),
      });
      await scheduler.triggerTask('desktops-reconcile');
      await api.untilState('bob', warmed, 'stopped');
      expect(
        await ok(200, 'get', `/api/desktops/desktops/${warmed}`, as('bob')),
      ).toMatchObject({
        state: 'stopped',
        stateReason: `Stopped after ${IDLE_STOP_MINUTES} minutes without use`,
      });
    });
  });
});
