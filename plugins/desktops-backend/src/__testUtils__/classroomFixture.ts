import {
  fixtureSender,
  MatrixSend,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { userHeader } from './testBackend';

/**
 * A class through the real REST API of the courses and desktops plugins:
 * a course taught by `teacher` with `students` enrolled, the teacher's
 * desktop saved and published as the course environment, and a running
 * course desktop for each of `launching` (launched all at once).
 */
export async function startClass(
  send: MatrixSend,
  options: {
    teacher: string;
    title: string;
    code: string;
    students: string[];
    launching: string[];
    /** How long a desktop may take to run. */
    timeoutMs: number;
  },
): Promise<{ courseId: string; desktops: Map<string, string> }> {
  const ok = fixtureSender(send);
  const as = userHeader;
  const untilRunning = (user: string, id: string) =>
    waitFor(
      `desktop ${id} of ${user} to run`,
      async () => {
        const res = await send('get', `/api/desktops/desktops/${id}`, as(user));
        if (res.body.state === 'error') {
          throw new Error(`desktop ${id} failed: ${res.body.stateReason}`);
        }
        return res.body.state === 'running' ? true : undefined;
      },
      options.timeoutMs,
    );
  const course = await ok(
    201,
    'post',
    '/api/courses/courses',
    as(options.teacher),
    {
      title: options.title,
      code: options.code,
    },
  );
  for (const student of options.students) {
    await ok(201, 'post', '/api/courses/join', as(student), {
      code: course.joinCode,
    });
  }
  const prep = await ok(
    202,
    'post',
    '/api/desktops/desktops',
    as(options.teacher),
    {
      imageId: 'linux-desktop',
    },
  );
  await untilRunning(options.teacher, prep.id);
  const started = await ok(
    202,
    'post',
    `/api/desktops/desktops/${prep.id}/image`,
    as(options.teacher),
    { name: `class-${options.code.toLowerCase()}` },
  );
  const image = await waitFor(
    'the environment save',
    async () => {
      const res = await send(
        'get',
        `/api/desktops/image-saves/${started.save.id}`,
        as(options.teacher),
      );
      if (res.body.save.state === 'failed')
        throw new Error(res.body.save.error);
      return res.body.save.image ?? undefined;
    },
    options.timeoutMs * 4,
  );
  // The teacher's own desktop is not part of the class.
  await ok(
    202,
    'post',
    `/api/desktops/desktops/${prep.id}/stop`,
    as(options.teacher),
  );
  const env = `/api/desktops/courses/${course.id}/environment`;
  await ok(201, 'post', env, as(options.teacher), { imageId: image.id });
  const launched = await Promise.all(
    options.launching.map(async student => {
      const desktop = await ok(201, 'post', `${env}/launch`, as(student));
      await untilRunning(student, desktop.id);
      return [student, desktop.id as string] as const;
    }),
  );
  return { courseId: course.id, desktops: new Map(launched) };
}
