import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
// The real courses plugin decides who teaches and who is enrolled, and the
// real notifications backend keeps what is sent to the instructors.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  fixtureSender,
  matrixSender,
  runAuthorizationMatrix,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import sharp from 'sharp';
import { startClass } from '../__testUtils__/classroomFixture';
import {
  classroomActors,
  ClassroomFixture,
  classroomRoutes,
} from '../__testUtils__/classroomMatrixRows';
import {
  RfbInMemoryRuntime,
  STILL_PICTURE,
} from '../__testUtils__/RfbInMemoryRuntime';
import {
  serviceHeader,
  startDesktopsBackend,
  userHeader,
} from '../__testUtils__/testBackend';
import { testRegistryOptions } from '../__testUtils__/testRegistry';

/**
 * The classroom routes (grid, thumbnails, raised hands) × every kind of
 * caller, against the real desktops backend, permission backend, Labstage
 * policy, courses plugin, sharing routes and notifications backend. The
 * runtime is the in-memory one with fake RFB displays (real Xvnc desktops
 * are in thumbnails/thumbnails.test.ts).
 */

type Actor = (typeof classroomActors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  viewer: userHeader('bob'),
  controller: userHeader('carol'),
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  classmate: userHeader('dave'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
};

const d = (id: string) => `/api/desktops/desktops/${id}`;
const classroom = (f: ClassroomFixture) =>
  `/api/desktops/courses/${f.courseId}/classroom`;

describe('classroom authorization matrix', () => {
  jest.setTimeout(600_000);
  const runtime = new RfbInMemoryRuntime();
  let materials: string;
  let backend: Awaited<ReturnType<typeof startDesktopsBackend>>;
  let send: ReturnType<typeof matrixSender>;
  let fixture: ClassroomFixture;

  beforeAll(async () => {
    materials = await fs.mkdtemp(join(os.tmpdir(), 'classroom-matrix-'));
    backend = await startDesktopsBackend({
      runtime,
      modules: [coursesPlugin, notificationsPlugin],
      config: {
        // The notifications backend links to the app.
        app: { baseUrl: 'http://localhost:3000' },
        desktops: {
          registry: testRegistryOptions(),
          quota: { maxRunningPerUser: 1000 },
        },
        courses: {
          materials: {
            storage: {
              type: 'filesystem',
              filesystem: { directory: materials },
            },
          },
        },
      },
    });
    send = matrixSender(backend.server, 'application/json');
    const ok = fixtureSender(send);
    const as = userHeader;
    const { courseId, desktops } = await startClass(send, {
      teacher: 'teacher',
      title: 'Shell basics',
      code: 'SH101',
      students: ['alice', 'bob', 'carol', 'dave'],
      launching: ['alice'],
      timeoutMs: 10_000,
    });
    await ok(201, 'post', '/api/courses/courses', as('tina'), {
      title: 'Another course',
      code: 'OTH1',
    });
    const desktopId = desktops.get('alice')!;
    for (const [grantee, role] of [
      ['bob', 'viewer'],
      ['carol', 'controller'],
    ]) {
      await ok(
        201,
        'put',
        `${d(desktopId)}/shares/${encodeURIComponent(
          `user:default/${grantee}`,
        )}`,
        as('alice'),
        { role },
      );
    }
    const plain = await ok(202, 'post', '/api/desktops/desktops', as('alice'), {
      imageId: 'linux-desktop',
    });
    const stateOf = (id: string, state: string) =>
      waitFor(
        `desktop ${id} to be ${state}`,
        async () =>
          (await send('get', d(id), as('alice'))).body.state === state
            ? true
            : undefined,
        10_000,
      );
    await stateOf(plain.id, 'running');
    await ok(202, 'post', `${d(plain.id)}/stop`, as('alice'));
    await stateOf(plain.id, 'stopped');
    fixture = { courseId, desktopId, plainStoppedId: plain.id };
  });

  afterAll(async () => {
    await backend?.stop();
    await runtime.dispose();
    await fs.rm(materials, { recursive: true, force: true });
  });

  it('gives every caller the expected status on every classroom route', async () => {
    // One fixture for every case: these routes change nothing another case
    // depends on (raising and lowering are idempotent).
    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'classroom authorization matrix',
      routes: classroomRoutes,
      actors: classroomActors,
      authHeaderOf,
      makeFixture: async () => fixture,
      send,
    });
    expect(cases).toBe(classroomRoutes.length * classroomActors.length);
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
