import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
// The real courses plugin decides who teaches and who is enrolled.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
import {
  fixtureSender,
  matrixSender,
  runAuthorizationMatrix,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  collaborationActors,
  CollaborationFixture,
  collaborationRoutes,
} from '../__testUtils__/collaborationMatrixRows';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import { startDesktopsBackend, userHeader } from '../__testUtils__/testBackend';
import { testRegistryOptions } from '../__testUtils__/testRegistry';

type Actor = (typeof collaborationActors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  viewer: userHeader('bob'),
  controller: userHeader('carol'),
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  classmate: userHeader('dave'),
  admin: userHeader('root'),
};

describe('control hand-off, presence and audit authorization matrix', () => {
  jest.setTimeout(900_000);

  it('gives every caller the expected status on every route (real permission backend, Labstage policy, courses plugin, shares and registry; runtime replaced by an in-memory fake: the gateway side is proven on real desktops in gatewaySharing.test.ts)', async () => {
    const runtime = new InMemoryRuntime();
    const materials = await fs.mkdtemp(join(os.tmpdir(), 'collab-matrix-'));
    const backend = await startDesktopsBackend({
      runtime,
      modules: [coursesPlugin, notificationsPlugin],
      config: {
        // The notifications backend makes its links absolute with it.
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
    const send = matrixSender(backend.server, 'application/json');
    const ok = fixtureSender(send);
    const as = (user: string) => userHeader(user);
    const d = (id: string) => `/api/desktops/desktops/${id}`;
    const untilRunning = (user: string, id: string) =>
      waitFor(
        `desktop ${id} to run`,
        async () => {
          const res = await send('get', d(id), as(user));
          return res.body.state === 'running' ? true : undefined;
        },
        10_000,
      );

    // Once: teacher's saved image, to publish in each case's course; tina
    // teaches a course of her own.
    await ok(201, 'post', '/api/courses/courses', as('tina'), {
      title: 'Other course',
      code: 'OTHER1',
    });
    const prep = await ok(
      202,
      'post',
      '/api/desktops/desktops',
      as('teacher'),
      {
        imageId: 'linux-desktop',
      },
    );
    await untilRunning('teacher', prep.id);
    const save = await ok(202, 'post', `${d(prep.id)}/image`, as('teacher'), {
      name: 'collab-course',
    });
    const teacherImage = await waitFor(
      'the course image',
      async () => {
        const res = await send(
          'get',
          `/api/desktops/image-saves/${save.save.id}`,
          as('teacher'),
        );
        if (res.body.save.state === 'failed') {
          throw new Error(res.body.save.error);
        }
        return res.body.save.image ?? undefined;
      },
      30_000,
    );

    let n = 0;
    const makeFixture = async (): Promise<CollaborationFixture> => {
      n += 1;
      const course = await ok(
        201,
        'post',
        '/api/courses/courses',
        as('teacher'),
        { title: `Collab ${n}`, code: `CL${n}` },
      );
      for (const student of ['alice', 'bob', 'carol', 'dave']) {
        await ok(201, 'post', '/api/courses/join', as(student), {
          code: course.joinCode,
        });
      }
      const env = `/api/desktops/courses/${course.id}/environment`;
      await ok(201, 'post', env, as('teacher'), { imageId: teacherImage.id });
      const launched = await ok(201, 'post', `${env}/launch`, as('alice'));
      await untilRunning('alice', launched.id);
      await ok(
        201,
        'put',
        `${d(launched.id)}/shares/${encodeURIComponent('user:default/bob')}`,
        as('alice'),
        { role: 'viewer' },
      );
      await ok(
        201,
        'put',
        `${d(launched.id)}/shares/${encodeURIComponent('user:default/carol')}`,
        as('alice'),
        { role: 'controller' },
      );
      await ok(200, 'post', `${d(launched.id)}/control/request`, as('carol'));
      return { desktopId: launched.id };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'control hand-off, presence and audit authorization matrix',
      routes: collaborationRoutes,
      actors: collaborationActors,
      authHeaderOf,
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

    await backend.stop();
    await runtime.dispose();
    await fs.rm(materials, { recursive: true, force: true });
    expect(cases).toBe(collaborationRoutes.length * collaborationActors.length);
    expect(unexpected).toEqual([]);
  });
});
