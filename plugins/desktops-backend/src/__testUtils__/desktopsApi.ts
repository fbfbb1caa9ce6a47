import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  fixtureSender,
  MatrixSend,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { userHeader } from './testBackend';

/**
 * Fixtures made through the REST API of a running desktops backend (with
 * the courses plugin beside it for `course`, `courseDesktopOf` and
 * `share`), as the authorization matrices and the route tests build them.
 * `timeoutMs` is how long a desktop may take to reach a state (a save gets
 * four times as long).
 */
export function desktopsApi(
  send: MatrixSend,
  { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
) {
  const ok = fixtureSender(send);
  const as = (user: string) => userHeader(user);
  const d = (id: string) => `/api/desktops/desktops/${id}`;

  /** Waits until `user`'s desktop `id` is in `state`. */
  const untilState = (user: string, id: string, state: string) =>
    waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const res = await send('get', d(id), as(user));
        if (res.body.state === 'error' && state !== 'error') {
          throw new Error(`desktop ${id} failed: ${res.body.stateReason}`);
        }
        return res.body.state === state || undefined;
      },
      timeoutMs,
    );

  /** A desktop of `user` outside any course, running. */
  const desktopOf = async (user: string): Promise<string> => {
    const desktop = await ok(202, 'post', '/api/desktops/desktops', as(user), {
      imageId: 'linux-desktop',
    });
    await untilState(user, desktop.id, 'running');
    return desktop.id;
  };

  /** A desktop of `user` outside any course, run once and stopped. */
  const stoppedDesktopOf = async (user: string): Promise<string> => {
    const id = await desktopOf(user);
    await ok(202, 'post', `${d(id)}/stop`, as(user));
    await untilState(user, id, 'stopped');
    return id;
  };

  /** `user` saves their desktop `desktopId` as `name`; the saved image. */
  const savedImageOf = async (
    user: string,
    desktopId: string,
    name: string,
  ): Promise<{ id: string; saveId: string }> => {
    const { save } = await ok(202, 'post', `${d(desktopId)}/image`, as(user), {
      name,
    });
    const image = await waitFor(
      `save ${save.id}`,
      async () => {
        const res = await send(
          'get',
          `/api/desktops/image-saves/${save.id}`,
          as(user),
        );
        if (res.body.save.state === 'failed') {
          throw new Error(res.body.save.error);
        }
        return res.body.save.image ?? undefined;
      },
      timeoutMs * 4,
    );
    return { id: image.id, saveId: save.id };
  };

  let image: Promise<string> | undefined;
  /** An image of teacher's, saved once, to publish as course environments. */
  const teacherImage = () => {
    image ??= (async () =>
      (
        await savedImageOf(
          'teacher',
          await desktopOf('teacher'),
          'course-environment',
        )
      ).id)();
    return image;
  };

  let courseCount = 0;
  /** A new course taught by `instructor`, joined by `students`. */
  const course = async (
    instructor: string,
    students: string[],
    fields: { title?: string; code?: string; timeZone?: string } = {},
  ): Promise<string> => {
    courseCount += 1;
    const created = await ok(
      201,
      'post',
      '/api/courses/courses',
      as(instructor),
      { title: `Course ${courseCount}`, code: `SH${courseCount}`, ...fields },
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
    await untilState(user, desktop.id, 'running');
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
      `${d(desktopId)}/shares/${encodeURIComponent(`user:default/${grantee}`)}`,
      as(by),
      { role },
    );

  /**
   * alice shares her desktop `desktopId` as in the matrices around a shared
   * desktop (sharedDesktopCallers.ts): with bob as viewer, carol as
   * controller.
   */
  const inviteViewerAndController = async (desktopId: string) => {
    await share(201, 'alice', desktopId, 'bob', 'viewer');
    await share(201, 'alice', desktopId, 'carol', 'controller');
  };

  /**
   * alice's running desktop of a new course of teacher's that alice, bob,
   * carol and dave joined, shared by `inviteViewerAndController`.
   */
  const sharedCourseDesktop = async () => {
    const courseId = await course('teacher', ['alice', 'bob', 'carol', 'dave']);
    const desktopId = await courseDesktopOf('alice', courseId);
    await inviteViewerAndController(desktopId);
    return { courseId, desktopId };
  };

  return {
    send,
    ok,
    as,
    untilState,
    desktopOf,
    stoppedDesktopOf,
    savedImageOf,
    course,
    courseDesktopOf,
    share,
    inviteViewerAndController,
    sharedCourseDesktop,
  };
}
