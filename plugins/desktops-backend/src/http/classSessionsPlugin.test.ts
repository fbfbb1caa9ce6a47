import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { DateTime } from 'luxon';
import { databaseApiBackend } from '../__testUtils__/databaseApiBackend';

jest.setTimeout(180_000);

/**
 * The class session runner as the plugin wires it: its scheduler task,
 * triggered by hand, reads who is enrolled (and the course's zone) from
 * the real courses plugin as the desktops plugin and warms the students'
 * desktops up through the REST-visible course environment (runtime: the
 * in-memory fake; the real-desktop behaviour is classSessionRunner.test.ts).
 */
describe('class sessions in the plugin', () => {
  const databases = requiredTestDatabases('class sessions in the plugin');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const { api, scheduler } = databaseApiBackend(databases, databaseId, {
      manualTasks: true,
    });

    it('warms up the enrolled students of a meeting whose warm-up has begun, once', async () => {
      const { ok, as } = api;
      const courseId = await api.course('teacher', ['bob', 'carol']);
      // The environment is published; carol already runs her desktop.
      const carols = await api.courseDesktopOf('carol', courseId);
      const start = DateTime.utc().plus({ minutes: 5 }).startOf('minute');
      const session = await ok(
        201,
        'post',
        `/api/desktops/courses/${courseId}/sessions`,
        as('teacher'),
        {
          title: 'Lab',
          kind: 'once',
          startDate: start.toISODate(),
          startTime: start.toFormat('HH:mm'),
          durationMinutes: 60,
        },
      );
      const now = () =>
        ok(
          200,
          'get',
          `/api/desktops/courses/${courseId}/sessions/now`,
          as('bob'),
        );
      expect((await now()).desktop).toBeNull();

      await scheduler.triggerTask('desktops-class-sessions');
      expect(await now()).toEqual({
        occurrence: expect.objectContaining({ sessionId: session.id }),
        phase: 'warming-up',
        desktop: { id: expect.any(String), state: 'running' },
        // Started: no warm-up problem for bob.
        problem: null,
      });
      const runs = await ok(
        200,
        'get',
        `/api/desktops/courses/${courseId}/sessions/${session.id}/runs`,
        as('teacher'),
      );
      expect(runs.items).toEqual([
        {
          sessionId: session.id,
          occurrenceStart: start.toISO(),
          state: 'warm',
          started: 2,
          problems: [],
        },
      ]);

      // Again: nothing more is started; each student has one desktop.
      await scheduler.triggerTask('desktops-class-sessions');
      const desktops = await ok(
        200,
        'get',
        `/api/desktops/courses/${courseId}/desktops`,
        as('teacher'),
      );
      expect(
        desktops.items.map((d: { owner: string }) => d.owner).sort(),
      ).toEqual(['user:default/bob', 'user:default/carol']);
      expect(
        desktops.items.find((d: { owner: string }) => d.owner.endsWith('carol'))
          .id,
      ).toBe(carols);
    });
  });
});
