import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BackendFeature } from '@backstage/backend-plugin-api';
// The real courses plugin says who teaches and who is enrolled.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import coursesPlugin from '@internal/backstage-plugin-courses-backend';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  fixtureSender,
  matrixSender,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { InMemoryRuntime } from './InMemoryRuntime';
import { startDesktopsBackend, userHeader } from './testBackend';
import { testRegistryOptions } from './testRegistry';

/**
 * desktops-backend with the real courses plugin (and `modules`), on an
 * in-memory runtime, with what sharing tests need: courses with members,
 * and course desktops launched from a published environment (the fake
 * runtime's saves never reach the registry, but course environments need
 * one configured).
 */
export async function startSharingBackend(
  options: { modules?: BackendFeature[] } = {},
) {
  const runtime = new InMemoryRuntime();
  const materials = await fs.mkdtemp(join(os.tmpdir(), 'sharing-'));
  const backend = await startDesktopsBackend({
    runtime,
    modules: [coursesPlugin, ...(options.modules ?? [])],
    config: {
      // The notifications backend makes its links absolute with it.
      app: { baseUrl: 'http://localhost:3000' },
      desktops: {
        registry: testRegistryOptions(),
        quota: { maxRunningPerUser: 1000 },
      },
      courses: {
        materials: {
          storage: { type: 'filesystem', filesystem: { directory: materials } },
        },
      },
    },
  });
  const send = matrixSender(backend.server, 'application/octet-stream');
  const ok = fixtureSender(send);
  const as = (user: string) => userHeader(user);

  const untilRunning = (user: string, id: string) =>
    waitFor(
      `desktop ${id} to run`,
      async () =>
        (await send('get', `/api/desktops/desktops/${id}`, as(user))).body
          .state === 'running' || undefined,
      10_000,
    );

  /** A desktop of `user` outside any course, running. */
  const desktopOf = async (user: string): Promise<string> => {
    const desktop = await ok(202, 'post', '/api/desktops/desktops', as(user), {
      imageId: 'linux-desktop',
    });
    await untilRunning(user, desktop.id);
    return desktop.id;
  };

  let image: Promise<string> | undefined;
  /** An image of teacher's, saved once, to publish as course environments. */
  const teacherImage = () => {
    image ??= (async () => {
      const prep = await desktopOf('teacher');
      const save = await ok(
        202,
        'post',
        `/api/desktops/desktops/${prep}/image`,
        as('teacher'),
        { name: 'sharing-course' },
      );
      return waitFor(
        'the save',
        async () =>
          (
            await send(
              'get',
              `/api/desktops/image-saves/${save.save.id}`,
              as('teacher'),
            )
          ).body.save.image?.id as string | undefined,
        10_000,
      );
    })();
    return image;
  };

  let courses = 0;
  /** A new course taught by `instructor`, joined by `students`. */
  const course = async (
    instructor: string,
    students: string[],
  ): Promise<string> => {
    courses += 1;
    const created = await ok(
      201,
      'post',
      '/api/courses/courses',
      as(instructor),
      { title: `Course ${courses}`, code: `SH${courses}` },
    );
    for (const student of students) {
      await ok(201, 'post', '/api/courses/join', as(student), {
        code: created.joinCode,
      });
    }
    return created.id;
  };

  /** `user`'s desktop of the course (teacher publishes it), running. */
  const courseDesktopOf = async (
    user: string,
    courseId: string,
  ): Promise<string> => {
    const env = `/api/desktops/courses/${courseId}/environment`;
    await ok(201, 'post', env, as('teacher'), {
      imageId: await teacherImage(),
    });
    const desktop = await ok(201, 'post', `${env}/launch`, as(user));
    await untilRunning(user, desktop.id);
    return desktop.id;
  };

  /** PUT /desktops/:id/shares/:grantee as `by`, expecting `status`. */
  const share = (
    status: number,
    by: string,
    desktopId: string,
    grantee: string,
    role: 'viewer' | 'controller',
  ) =>
    ok(
      status,
      'put',
      `/api/desktops/desktops/${desktopId}/shares/${encodeURIComponent(
        `user:default/${grantee}`,
      )}`,
      as(by),
      { role },
    );

  return {
    send,
    ok,
    as,
    desktopOf,
    course,
    courseDesktopOf,
    share,
    async stop() {
      await backend.stop();
      await runtime.dispose();
      await fs.rm(materials, { recursive: true, force: true });
    },
  };
}
