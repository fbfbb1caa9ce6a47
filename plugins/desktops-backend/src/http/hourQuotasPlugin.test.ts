import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { databaseApiBackend } from '../__testUtils__/databaseApiBackend';

jest.setTimeout(180_000);

/**
 * The hour check as the plugin wires it: its scheduler task
 * (`desktops-hour-quotas`), triggered by hand, reads the course (zone,
 * code, instructors) from the real courses plugin as the desktops plugin,
 * stops a running course desktop whose hours are used up with the reason
 * on the desktop, and the student is told through the real notifications
 * backend (runtime: the in-memory fake; the real-desktop behaviour, the
 * 90% notice and the clock are quotas/hourQuotaEnforcement.test.ts).
 */
describe('hour quotas in the plugin', () => {
  const databases = requiredTestDatabases('hour quotas in the plugin');

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const { api, scheduler } = databaseApiBackend(databases, databaseId, {
      manualTasks: true,
      modules: [notificationsPlugin],
    });

    it("stops a course desktop at its limit, saying why on the desktop and in the student's notifications; the instructor's keeps running", async () => {
      const { ok, as } = api;
      const courseId = await api.course('teacher', ['bob']);
      const code = (
        await ok(200, 'get', `/api/courses/courses/${courseId}`, as('teacher'))
      ).code;
      const bobs = await api.courseDesktopOf('bob', courseId);
      const teachers = await api.courseDesktopOf('teacher', courseId);

      // No limit yet: the check leaves both alone.
      await scheduler.triggerTask('desktops-hour-quotas');
      expect(
        (await ok(200, 'get', `/api/desktops/desktops/${bobs}`, as('bob')))
          .state,
      ).toBe('running');

      await ok(
        200,
        'put',
        `/api/desktops/courses/${courseId}/hours/budget`,
        as('teacher'),
        { weeklyHours: 0 },
      );
      await scheduler.triggerTask('desktops-hour-quotas');
      await api.untilState('bob', bobs, 'stopped');
      const reason = `Your 0 weekly desktop hours for ${code} are used up (home kept). Ask your instructor for extra hours.`;
      expect(
        await ok(200, 'get', `/api/desktops/desktops/${bobs}`, as('bob')),
      ).toMatchObject({ state: 'stopped', stateReason: reason });
      expect(
        (
          await ok(
            200,
            'get',
            `/api/desktops/desktops/${teachers}`,
            as('teacher'),
          )
        ).state,
      ).toBe('running');
      const notifications: Array<{ payload: object }> = (
        await ok(200, 'get', '/api/notifications/notifications', as('bob'))
      ).notifications;
      expect(notifications.map(n => n.payload)).toContainEqual(
        expect.objectContaining({
          title: `Your desktop for ${code} was stopped`,
          description: reason,
          link: expect.stringContaining(`/desktops/${bobs}`),
        }),
      );
    });
  });
});
