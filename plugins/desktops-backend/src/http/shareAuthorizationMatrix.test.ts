import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import {
  sharedDesktopActors,
  sharedDesktopAuthHeaders,
} from '../__testUtils__/sharedDesktopCallers';
import { ShareFixture, shareRoutes } from '../__testUtils__/shareMatrixRows';

describe('desktop sharing authorization matrix', () => {
  jest.setTimeout(900_000);

  it('gives every caller the expected status on the sharing routes and on the desktop routes shares open (real permission backend, Labstage policy and courses plugin; runtime replaced by an in-memory fake)', async () => {
    const api = await startApiBackend();
    // tina teaches another course alice is in: she may be invited, and
    // teaching it gives her nothing on alice's desktop of this course.
    await api.course('tina', ['alice']);

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'desktop sharing authorization matrix',
      routes: shareRoutes,
      actors: sharedDesktopActors,
      authHeaderOf: sharedDesktopAuthHeaders,
      makeFixture: (): Promise<ShareFixture> => api.sharedCourseDesktop(),
      send: api.send,
    });

    await api.stop();
    expect(cases).toBe(shareRoutes.length * sharedDesktopActors.length);
    expect(unexpected).toEqual([]);
  });
});
