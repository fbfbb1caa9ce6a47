import { runAuthorizationMatrix } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  ShareFixture,
  shareActors,
  shareRoutes,
} from '../__testUtils__/shareMatrixRows';
import { startSharingBackend } from '../__testUtils__/sharingBackend';
import { serviceHeader, userHeader } from '../__testUtils__/testBackend';

type Actor = (typeof shareActors)[number];

const authHeaderOf: Record<Actor, string | undefined> = {
  anonymous: undefined,
  owner: userHeader('alice'),
  viewer: userHeader('bob'),
  controller: userHeader('carol'),
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  classmate: userHeader('dave'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
};

describe('desktop sharing authorization matrix', () => {
  jest.setTimeout(900_000);

  it('gives every caller the expected status on the sharing routes and on the desktop routes shares open (real permission backend, Labstage policy and courses plugin; runtime replaced by an in-memory fake)', async () => {
    const sharing = await startSharingBackend();
    // tina teaches another course alice is in: she may be invited, and
    // teaching it gives her nothing on alice's desktop of this course.
    await sharing.course('tina', ['alice']);

    const makeFixture = async (): Promise<ShareFixture> => {
      const courseId = await sharing.course('teacher', [
        'alice',
        'bob',
        'carol',
        'dave',
      ]);
      const desktopId = await sharing.courseDesktopOf('alice', courseId);
      await sharing.share(201, 'alice', desktopId, 'bob', 'viewer');
      await sharing.share(201, 'alice', desktopId, 'carol', 'controller');
      return { courseId, desktopId };
    };

    const { cases, unexpected } = await runAuthorizationMatrix({
      label: 'desktop sharing authorization matrix',
      routes: shareRoutes,
      actors: shareActors,
      authHeaderOf,
      makeFixture,
      send: sharing.send,
    });

    await sharing.stop();
    expect(cases).toBe(shareRoutes.length * shareActors.length);
    expect(unexpected).toEqual([]);
  });
});
