import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import {
  environmentActors,
  EnvironmentFixture,
  environmentRoutes,
} from '../__testUtils__/environmentMatrixRows';
import { serviceHeader, userHeader } from '../__testUtils__/testBackend';

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
    const api = await startApiBackend();
    const { ok, as } = api;
    let n = 0;

    const makeFixture = async (): Promise<EnvironmentFixture> => {
      n += 1;
      const courseId = await api.course('teacher', ['alice', 'bob']);
      const prep = await api.desktopOf('teacher');
      const teacherImage = await api.savedImageOf(
        'teacher',
        prep,
        `course-${n}`,
      );
      const env = `/api/desktops/courses/${courseId}/environment`;
      await ok(201, 'post', env, as('teacher'), { imageId: teacherImage.id });
      const launched = await ok(201, 'post', `${env}/launch`, as('alice'));
      await api.untilState('alice', launched.id, 'running');
      await ok(201, 'post', env, as('teacher'), { imageId: teacherImage.id });
      const aliceImage = await api.savedImageOf(
        'alice',
        launched.id,
        `mine-${n}`,
      );
      return {
        courseId,
        teacherImageId: teacherImage.id,
        aliceDesktopId: launched.id,
        aliceImageId: aliceImage.id,
        aliceSaveId: aliceImage.saveId,
      };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'saved images and course environments authorization matrix',
      routes: environmentRoutes,
      actors: environmentActors,
      authHeaderOf,
      makeFixture,
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(environmentRoutes.length * environmentActors.length);
    expect(unexpected).toEqual([]);
  });
});
