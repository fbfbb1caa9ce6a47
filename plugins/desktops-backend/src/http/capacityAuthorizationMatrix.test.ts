import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { courseAuthHeaderOf as authHeaderOf } from '../__testUtils__/courseMatrixActors';
import { capacityRoutes } from '../__testUtils__/capacityMatrixRows';
import {
  fixtureSession,
  sessionActors,
  SessionFixture,
} from '../__testUtils__/sessionMatrixRows';

describe('capacity authorization matrix', () => {
  jest.setTimeout(600_000);

  it('gives the capacity report to admins only, and the scheduling check to the course managers (real permission backend, Labstage policy and courses plugin)', async () => {
    const api = await startApiBackend();
    const { ok, as } = api;
    // tina teaches a course of her own: teaching is not enough.
    await api.course('tina', []);

    const makeFixture = async (): Promise<SessionFixture> => {
      const courseId = await api.course('teacher', ['alice']);
      const session = await ok(
        201,
        'post',
        `/api/desktops/courses/${courseId}/sessions`,
        as('teacher'),
        fixtureSession,
      );
      return { courseId, sessionId: session.id };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'capacity authorization matrix',
      routes: capacityRoutes,
      actors: sessionActors,
      authHeaderOf,
      makeFixture,
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(capacityRoutes.length * sessionActors.length);
    expect(unexpected).toEqual([]);
  });
});
