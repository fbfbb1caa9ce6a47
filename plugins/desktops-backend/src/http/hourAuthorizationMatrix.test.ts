import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { courseAuthHeaderOf as authHeaderOf } from '../__testUtils__/courseMatrixActors';
import {
  hourActors,
  HourFixture,
  hourRoutes,
} from '../__testUtils__/hourMatrixRows';

describe('hour quotas authorization matrix', () => {
  jest.setTimeout(600_000);

  it('gives every caller the expected status on every hour route (real permission backend, Labstage policy and courses plugin)', async () => {
    const api = await startApiBackend({
      desktops: { quotas: { defaultWeeklyHours: 20 } },
    });
    // tina teaches a course of her own: teaching is not enough.
    await api.course('tina', []);

    const makeFixture = async (): Promise<HourFixture> => ({
      courseId: await api.course('teacher', ['alice']),
    });

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'hour quotas authorization matrix',
      routes: hourRoutes,
      actors: hourActors,
      authHeaderOf,
      makeFixture,
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(hourRoutes.length * hourActors.length);
    expect(unexpected).toEqual([]);
  });
});
