import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { courseAuthHeaderOf as authHeaderOf } from '../__testUtils__/courseMatrixActors';
import {
  fixtureCancelledDate,
  fixtureSession,
  sessionActors,
  SessionFixture,
  sessionRoutes,
} from '../__testUtils__/sessionMatrixRows';

describe('class sessions authorization matrix', () => {
  jest.setTimeout(600_000);

  it('gives every caller the expected status on every session route (real permission backend, Labstage policy and courses plugin)', async () => {
    const api = await startApiBackend();
    const { ok, as } = api;
    // tina teaches a course of her own: teaching is not enough.
    await api.course('tina', []);

    const makeFixture = async (): Promise<SessionFixture> => {
      const courseId = await api.course('teacher', ['alice']);
      const sessions = `/api/desktops/courses/${courseId}/sessions`;
      const session = await ok(
        201,
        'post',
        sessions,
        as('teacher'),
        fixtureSession,
      );
      await ok(
        200,
        'post',
        `${sessions}/${session.id}/cancellations`,
        as('teacher'),
        { date: fixtureCancelledDate },
      );
      return { courseId, sessionId: session.id };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'class sessions authorization matrix',
      routes: sessionRoutes,
      actors: sessionActors,
      authHeaderOf,
      makeFixture,
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(sessionRoutes.length * sessionActors.length);
    expect(unexpected).toEqual([]);
  });
});
