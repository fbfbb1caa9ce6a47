import { MatrixSend } from '@internal/backstage-plugin-labstage-node/testUtils';
import { desktopsApi } from './desktopsApi';

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
  const api = desktopsApi(send, { timeoutMs: options.timeoutMs });
  const { ok, as } = api;
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
  const prep = await api.desktopOf(options.teacher);
  const image = await api.savedImageOf(
    options.teacher,
    prep,
    `class-${options.code.toLowerCase()}`,
  );
  // The teacher's own desktop is not part of the class.
  await ok(
    202,
    'post',
    `/api/desktops/desktops/${prep}/stop`,
    as(options.teacher),
  );
  const env = `/api/desktops/courses/${course.id}/environment`;
  await ok(201, 'post', env, as(options.teacher), { imageId: image.id });
  const launched = await Promise.all(
    options.launching.map(async student => {
      const desktop = await ok(201, 'post', `${env}/launch`, as(student));
      await api.untilState(student, desktop.id, 'running');
      return [student, desktop.id as string] as const;
    }),
  );
  return { courseId: course.id, desktops: new Map(launched) };
}
