import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import {
  CollaborationFixture,
  collaborationRoutes,
} from '../__testUtils__/collaborationMatrixRows';
import {
  sharedDesktopAuthHeaders,
  sharedDesktopUsers,
} from '../__testUtils__/sharedDesktopCallers';

describe('control hand-off, presence and audit authorization matrix', () => {
  jest.setTimeout(900_000);

  it('gives every caller the expected status on every route (real permission backend, Labstage policy, courses plugin, shares and registry; runtime replaced by an in-memory fake: the gateway side is proven on real desktops in gatewaySharing.test.ts)', async () => {
    const api = await startApiBackend({ modules: [notificationsPlugin] });
    const { send, ok, as } = api;
    // tina teaches a course of her own.
    await api.course('tina', []);

    const makeFixture = async (): Promise<CollaborationFixture> => {
      const { desktopId } = await api.sharedCourseDesktop();
      await ok(
        200,
        'post',
        `/api/desktops/desktops/${desktopId}/control/request`,
        as('carol'),
      );
      return { desktopId };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'control hand-off, presence and audit authorization matrix',
      routes: collaborationRoutes,
      actors: sharedDesktopUsers,
      authHeaderOf: sharedDesktopAuthHeaders,
      makeFixture,
      send,
    });

    // What the matrix did is in the log: the takes, grants and releases.
    const log = await ok(
      200,
      'get',
      '/api/desktops/audit?action=control.take&limit=500',
      as('root'),
    );
    expect(log.items.map((e: { actor: string }) => e.actor).sort()).toEqual([
      'user:default/root',
      'user:default/teacher',
    ]);
    // The student was told, through the real notifications backend.
    const notifications = await waitFor(
      "alice's take-control notifications",
      async () => {
        const res = await send(
          'get',
          '/api/notifications/notifications',
          as('alice'),
        );
        const taken = res.body.notifications?.filter(
          (x: { payload: { title: string } }) =>
            x.payload.title === 'Your instructor joined your desktop',
        );
        return taken?.length ? taken : undefined;
      },
      10_000,
    );
    expect(notifications[0].payload.link).toMatch(/\/desktops\/[a-z0-9]{12}$/);
    const csv = await send(
      'get',
      '/api/desktops/audit/export.csv?action=control.take',
      as('root'),
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe(
      'id,at,action,desktop,owner,actor,subject,connection,mode,details',
    );

    await api.stop();
    expect(cases).toBe(collaborationRoutes.length * sharedDesktopUsers.length);
    expect(unexpected).toEqual([]);
  });
});
