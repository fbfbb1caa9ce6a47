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
import {
  environmentActors,
  EnvironmentFixture,
  environmentRoutes,
} from '../__testUtils__/environmentMatrixRows';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import {
  serviceHeader,
  startDesktopsBackend,
  userHeader,
} from '../__testUtils__/testBackend';
import { testRegistryOptions } from '../__testUtils__/testRegistry';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

type Actor = (typeof environmentActors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  classmate: userHeader('bob'),
  outsider: userHeader('dave'),
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
};

describe('saved images and course environments authorization matrix', () => {
  jest.setTimeout(600_000);

  it('gives every caller the expected status on every route (real permission backend, Labstage policy, courses plugin and registry; runtime replaced by an in-memory fake whose saves reach no registry; real saves are in courseEnvironments.test.ts)', async () => {
    const runtime = new InMemoryRuntime();
    const materials = await fs.mkdtemp(join(os.tmpdir(), 'env-matrix-'));
    const backend = await startDesktopsBackend({
      runtime,
      modules: [coursesPlugin],
      config: {
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
    let n = 0;

    const saved = async (user: string, saveId: string) =>
      waitFor(
        `save ${saveId}`,
        async () => {
          const res = await send(
            'get',
            `/api/desktops/image-saves/${saveId}`,
            as(user),
          );
          if (res.body.save.state === 'failed') {
            throw new Error(res.body.save.error);
          }
          return res.body.save.image ?? undefined;
        },
        10_000,
      );
    const untilRunning = (user: string, id: string) =>
      waitFor(
        `desktop ${id} to run`,
        async () => {
          const res = await send(
            'get',
            `/api/desktops/desktops/${id}`,
            as(user),
          );
          return res.body.state === 'running' ? true : undefined;
        },
        10_000,
      );

    const makeFixture = async (): Promise<EnvironmentFixture> => {
      n += 1;
      const course = await ok(
        201,
        'post',
        '/api/courses/courses',
        as('teacher'),
        {
          title: `Matrix ${n}`,
          code: `MX${n}`,
        },
      );
      for (const student of ['alice', 'bob']) {
        await ok(201, 'post', '/api/courses/join', as(student), {
          code: course.joinCode,
        });
      }
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
      const teacherSave = await ok(
        202,
        'post',
        `/api/desktops/desktops/${prep.id}/image`,
        as('teacher'),
        { name: `course-${n}` },
      );
      const teacherImage = await saved('teacher', teacherSave.save.id);
      const env = `/api/desktops/courses/${course.id}/environment`;
      await ok(201, 'post', env, as('teacher'), { imageId: teacherImage.id });
      const launched = await ok(201, 'post', `${env}/launch`, as('alice'));
      await untilRunning('alice', launched.id);
      await ok(201, 'post', env, as('teacher'), { imageId: teacherImage.id });
      const aliceSave = await ok(
        202,
        'post',
        `/api/desktops/desktops/${launched.id}/image`,
        as('alice'),
        { name: `mine-${n}` },
      );
      const aliceImage = await saved('alice', aliceSave.save.id);
      return {
        courseId: course.id,
        teacherImageId: teacherImage.id,
        aliceDesktopId: launched.id,
        aliceImageId: aliceImage.id,
        aliceSaveId: aliceSave.save.id,
      };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'saved images and course environments authorization matrix',
      routes: environmentRoutes,
      actors: environmentActors,
      authHeaderOf,
      makeFixture,
      send,
    });

    await backend.stop();
    await runtime.dispose();
    await fs.rm(materials, { recursive: true, force: true });
    expect(cases).toBe(environmentRoutes.length * environmentActors.length);
    expect(unexpected).toEqual([]);
  });
});
