// The real notifications backend keeps what is sent to the instructors.
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import sharp from 'sharp';
import { ApiBackend, startApiBackend } from '../__testUtils__/apiBackend';
import { startClass } from '../__testUtils__/classroomFixture';
import {
  ClassroomFixture,
  classroomRoutes,
} from '../__testUtils__/classroomMatrixRows';
import {
  RfbInMemoryRuntime,
  STILL_PICTURE,
} from '../__testUtils__/RfbInMemoryRuntime';
import {
  sharedDesktopActors,
  sharedDesktopAuthHeaders,
} from '../__testUtils__/sharedDesktopCallers';
import { userHeader } from '../__testUtils__/testBackend';

/**
 * The classroom routes (grid, thumbnails, raised hands) × every kind of
 * caller, against the real desktops backend, permission backend, Labstage
 * policy, courses plugin, sharing routes and notifications backend. The
 * runtime is the in-memory one with fake RFB displays (real Xvnc desktops
 * are in thumbnails/thumbnails.test.ts).
 */

const d = (id: string) => `/api/desktops/desktops/${id}`;
const classroom = (f: ClassroomFixture) =>
  `/api/desktops/courses/${f.courseId}/classroom`;

describe('classroom authorization matrix', () => {
  jest.setTimeout(600_000);
  let api: ApiBackend;
  let send: ApiBackend['send'];
  let fixture: ClassroomFixture;

  beforeAll(async () => {
    api = await startApiBackend({
      runtime: new RfbInMemoryRuntime(),
      modules: [notificationsPlugin],
    });
    send = api.send;
    const { courseId, desktops } = await startClass(send, {
      teacher: 'teacher',
      title: 'Shell basics',
      code: 'SH101',
      students: ['alice', 'bob', 'carol', 'dave'],
      launching: ['alice'],
      timeoutMs: 10_000,
    });
    await api.course('tina', []);
    const desktopId = desktops.get('alice')!;
    await api.inviteViewerAndController(desktopId);
    const plainStoppedId = await api.stoppedDesktopOf('alice');
    fixture = { courseId, desktopId, plainStoppedId };
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('gives every caller the expected status on every classroom route', async () => {
    // One fixture for every case: these routes change nothing another case
    // depends on (raising and lowering are idempotent).
    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'classroom authorization matrix',
      routes: classroomRoutes,
      actors: sharedDesktopActors,
      authHeaderOf: sharedDesktopAuthHeaders,
      makeFixture: async () => fixture,
      send,
    });
    expect(cases).toBe(classroomRoutes.length * sharedDesktopActors.length);
    expect(unexpected).toEqual([]);
  });

  it("shows the teacher every student's seat, filters by state, and follows a raised hand", async () => {
    const teacher = userHeader('teacher');
    const grid = await send('get', classroom(fixture), teacher);
    expect(grid.status).toBe(200);
    expect(grid.body.items).toEqual([
      {
        userEntityRef: 'user:default/alice',
        username: 'alice',
        displayName: 'alice',
        desktop: {
          id: fixture.desktopId,
          name: expect.any(String),
          state: 'running',
          stateReason: null,
          lastActiveAt: expect.any(String),
        },
        handRaisedAt: null,
        idleMinutes: 0,
        thumbnailPath: `/desktops/${fixture.desktopId}/thumbnail`,
      },
      ...['bob', 'carol', 'dave'].map(username => ({
        userEntityRef: `user:default/${username}`,
        username,
        displayName: username,
        desktop: null,
        handRaisedAt: null,
        idleMinutes: null,
        thumbnailPath: null,
      })),
    ]);
    const usernames = async (state: string) =>
      (
        await send('get', `${classroom(fixture)}?state=${state}`, teacher)
      ).body.items.map((s: { username: string }) => s.username);
    expect(await usernames('running')).toEqual(['alice']);
    expect(await usernames('none')).toEqual(['bob', 'carol', 'dave']);
    expect(await usernames('stopped')).toEqual([]);

    // alice raises her hand: the grid shows it and the teacher is notified.
    const raised = await send(
      'post',
      `${d(fixture.desktopId)}/hand`,
      userHeader('alice'),
    );
    expect(raised.status).toBe(200);
    expect(raised.body.hand).toEqual({
      desktopId: fixture.desktopId,
      raisedBy: 'user:default/alice',
      raisedAt: expect.any(String),
    });
    const again = await send(
      'post',
      `${d(fixture.desktopId)}/hand`,
      userHeader('alice'),
    );
    expect(again.body.hand.raisedAt).toBe(raised.body.hand.raisedAt);
    expect(
      (await send('get', classroom(fixture), teacher)).body.items[0]
        .handRaisedAt,
    ).toBe(raised.body.hand.raisedAt);
    const notifications = await send(
      'get',
      '/api/notifications/notifications',
      teacher,
    );
    expect(notifications.status).toBe(200);
    expect(notifications.body.notifications).toContainEqual(
      expect.objectContaining({
        user: 'user:default/teacher',
        payload: expect.objectContaining({
          title: 'A hand is raised in SH101',
          link: `/courses/${fixture.courseId}/classroom`,
        }),
      }),
    );
    // Only the course's instructors are told.
    const tinas = await send(
      'get',
      '/api/notifications/notifications',
      userHeader('tina'),
    );
    expect(
      tinas.body.notifications.filter((n: { payload: { title: string } }) =>
        n.payload.title.startsWith('A hand is raised'),
      ),
    ).toEqual([]);

    // The teacher lowers it.
    expect(
      (await send('delete', `${d(fixture.desktopId)}/hand`, teacher)).status,
    ).toBe(204);
    expect(
      (await send('get', `${d(fixture.desktopId)}/hand`, userHeader('alice')))
        .body,
    ).toEqual({ hand: null });
  });

  it('serves the thumbnail as a small JPEG that is not cached, and answers 304 while the picture is unchanged', async () => {
    const teacher = userHeader('teacher');
    const path = `${d(fixture.desktopId)}/thumbnail`;
    const res = await send('get', path, teacher)
      .buffer(true)
      .parse((r, callback) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-thumbnail-frame']).toBe('1');
    const { data, info } = await sharp(res.body as Buffer)
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Never wider than the screen itself.
    expect(info).toMatchObject({
      width: STILL_PICTURE.width,
      height: STILL_PICTURE.height,
    });
    const [r, g, b] = data;
    for (const [got, want] of [r, g, b].map((v, i) => [
      v,
      STILL_PICTURE.rgb[i],
    ])) {
      expect(Math.abs(got - want)).toBeLessThan(8);
    }
    const unchanged = await send('get', path, teacher).set(
      'If-None-Match',
      res.headers.etag,
    );
    expect(unchanged.status).toBe(304);
    // Another grid (an admin's) shares the same reader and picture.
    const admins = await send('get', path, userHeader('root'));
    expect(admins.headers.etag).toBe(res.headers.etag);
  });
});
