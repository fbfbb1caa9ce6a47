import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { ApiBackend, startApiBackend } from '../__testUtils__/apiBackend';
import { INSTRUCTORS_CACHE_MS } from '../sharing/CourseMemberships';

jest.setTimeout(300_000);

type Notification = {
  payload: {
    title: string;
    description?: string;
    link?: string;
    scope?: string;
  };
};

/**
 * What the sharing routes answer and do, against the real courses plugin,
 * the real permission backend and policy, and the real notifications
 * backend (who may call them: shareAuthorizationMatrix.test.ts).
 */
describe('sharing a desktop', () => {
  let sharing: ApiBackend;
  const d = (id: string) => `/api/desktops/desktops/${id}`;
  const ref = (user: string) => encodeURIComponent(`user:default/${user}`);

  beforeAll(async () => {
    sharing = await startApiBackend({ modules: [notificationsPlugin] });
    // alice is in teacher's course with bob, and in tina's with carol;
    // dave is in a course of teacher's without alice.
    await sharing.course('teacher', ['alice', 'bob']);
    await sharing.course('tina', ['alice', 'carol']);
    await sharing.course('teacher', ['dave']);
  });

  afterAll(async () => {
    await sharing?.stop();
  });

  const notificationsOf = async (user: string): Promise<Notification[]> =>
    (
      await sharing.ok(
        200,
        'get',
        '/api/notifications/notifications',
        sharing.as(user),
      )
    ).notifications;

  it('offers the classmates and instructors of the owner’s courses, instructors first, never the owner or strangers', async () => {
    const desktop = await sharing.desktopOf('alice');
    const { items } = await sharing.ok(
      200,
      'get',
      `${d(desktop)}/share-candidates`,
      sharing.as('alice'),
    );
    expect(
      items.map((c: any) => [
        c.userEntityRef,
        c.relation,
        c.courses.map((x: any) => x.title),
      ]),
    ).toEqual([
      ['user:default/teacher', 'instructor', ['Course 1']],
      ['user:default/tina', 'instructor', ['Course 2']],
      ['user:default/bob', 'classmate', ['Course 1']],
      ['user:default/carol', 'classmate', ['Course 2']],
    ]);
  });

  it('invites, changes the role and revokes, telling the invitee through the notifications backend', async () => {
    const desktop = await sharing.desktopOf('alice');
    await sharing.ok(200, 'patch', d(desktop), sharing.as('alice'), {
      name: 'Project work',
    });

    const invited = await sharing.share(201, 'alice', desktop, 'bob', 'viewer');
    expect(invited).toMatchObject({
      desktopId: desktop,
      grantee: 'user:default/bob',
      granteeName: 'bob',
      role: 'viewer',
      grantedBy: 'user:default/alice',
    });
    const mine = (n: Notification) =>
      n.payload.scope === `desktop-share:${desktop}`;
    const invitation = await waitFor(
      "bob's notification",
      async () => (await notificationsOf('bob')).find(mine),
      10_000,
    );
    expect(invitation.payload).toMatchObject({
      title: 'alice shared a desktop with you',
      link: '/desktops',
    });
    expect(invitation.payload.description).toContain('"Project work"');
    expect(invitation.payload.description).toContain('you can watch it');

    // The same role again changes nothing and tells nobody.
    await sharing.share(200, 'alice', desktop, 'bob', 'viewer');
    const upgraded = await sharing.share(
      200,
      'alice',
      desktop,
      'bob',
      'controller',
    );
    expect(upgraded).toMatchObject({ role: 'controller' });
    await waitFor(
      "bob's notification of the new role",
      async () => {
        const ours = (await notificationsOf('bob')).filter(mine);
        return ours.length === 1 &&
          ours[0].payload.title === 'alice changed your access to a desktop'
          ? ours[0]
          : undefined;
      },
      10_000,
    );

    expect(
      (
        await sharing.ok(
          200,
          'get',
          `${d(desktop)}/shares`,
          sharing.as('alice'),
        )
      ).items.map((s: any) => [s.grantee, s.role]),
    ).toEqual([['user:default/bob', 'controller']]);
    await sharing.ok(200, 'get', d(desktop), sharing.as('bob'));

    await sharing.ok(
      204,
      'delete',
      `${d(desktop)}/shares/${ref('bob')}`,
      sharing.as('alice'),
    );
    // Revoked means revoked at once: the next request is refused.
    await sharing.ok(404, 'get', d(desktop), sharing.as('bob'));
    expect(
      (
        await sharing.ok(
          200,
          'get',
          `${d(desktop)}/shares`,
          sharing.as('alice'),
        )
      ).items,
    ).toEqual([]);
    const again = await sharing.ok(
      404,
      'delete',
      `${d(desktop)}/shares/${ref('bob')}`,
      sharing.as('alice'),
    );
    expect(again.error.message).toBe(
      'The desktop is not shared with user:default/bob',
    );
  });

  it.each([
    ['alice', 'The owner already has the desktop; invite someone else'],
    [
      'root',
      "root is not in a course with the desktop's owner: a desktop can be shared with classmates and instructors of the owner's courses",
    ],
    [
      'dave',
      "dave is not in a course with the desktop's owner: a desktop can be shared with classmates and instructors of the owner's courses",
    ],
    ['nobody', 'There is no user user:default/nobody'],
  ])('refuses to invite %s, saying why', async (user, message) => {
    const desktop = await sharing.desktopOf('alice');
    const res = await sharing.ok(
      400,
      'put',
      `${d(desktop)}/shares/${ref(user)}`,
      sharing.as('alice'),
      { role: 'viewer' },
    );
    expect(res.error.message).toBe(message);
  });

  it('refuses a grantee that is no user entity ref and a role that does not exist', async () => {
    const desktop = await sharing.desktopOf('alice');
    const badRef = await sharing.ok(
      400,
      'put',
      `${d(desktop)}/shares/bob`,
      sharing.as('alice'),
      { role: 'viewer' },
    );
    expect(badRef.error.message).toBe(
      'Name the person by user entity ref, user:default/<username>',
    );
    const badRole = await sharing.ok(
      400,
      'put',
      `${d(desktop)}/shares/${ref('bob')}`,
      sharing.as('alice'),
      { role: 'admin' },
    );
    expect(badRole.error.message).toBe(
      'role: The role is "viewer" or "controller"',
    );
  });

  it('lists what the caller was invited to, newest first, with role and owner, and forgets deleted desktops', async () => {
    const first = await sharing.desktopOf('alice');
    const second = await sharing.desktopOf('alice');
    await sharing.share(201, 'alice', first, 'carol', 'viewer');
    await sharing.share(201, 'alice', second, 'carol', 'controller');

    const sharedWithCarol = async () =>
      (
        await sharing.ok(
          200,
          'get',
          '/api/desktops/desktops/shared-with-me',
          sharing.as('carol'),
        )
      ).items;
    expect(
      (await sharedWithCarol()).map((s: any) => [
        s.id,
        s.role,
        s.ownerName,
        s.owner,
      ]),
    ).toEqual([
      [second, 'controller', 'alice', 'user:default/alice'],
      [first, 'viewer', 'alice', 'user:default/alice'],
    ]);
    // Her own desktops are not "shared with" her.
    expect(
      (
        await sharing.ok(
          200,
          'get',
          '/api/desktops/desktops/shared-with-me',
          sharing.as('alice'),
        )
      ).items,
    ).toEqual([]);

    await sharing.ok(204, 'delete', d(second), sharing.as('alice'));
    expect((await sharedWithCarol()).map((s: any) => s.id)).toEqual([first]);
    await sharing.ok(404, 'get', d(second), sharing.as('carol'));
  });

  it("counts a course's instructors for its desktops, and stops counting a removed one within the cache time", async () => {
    const courseId = await sharing.course('teacher', ['alice']);
    const desktop = await sharing.courseDesktopOf('alice', courseId);
    await sharing.ok(200, 'get', d(desktop), sharing.as('teacher'));
    await sharing.ok(
      201,
      'post',
      `${d(desktop)}/tickets`,
      sharing.as('teacher'),
      { mode: 'control' },
    );
    await sharing.ok(404, 'get', d(desktop), sharing.as('tina'));

    await sharing.ok(
      200,
      'post',
      `/api/courses/courses/${courseId}/instructors`,
      sharing.as('teacher'),
      { username: 'tina' },
    );
    await waitFor(
      'tina to count as an instructor of the course',
      async () =>
        (await sharing.send('get', d(desktop), sharing.as('tina'))).status ===
          200 || undefined,
      INSTRUCTORS_CACHE_MS + 2_000,
    );

    await sharing.ok(
      204,
      'delete',
      `/api/courses/courses/${courseId}/roster/tina`,
      sharing.as('teacher'),
    );
    const removedAt = Date.now();
    await waitFor(
      'tina to stop counting as an instructor',
      async () =>
        (
          await sharing.send(
            'post',
            `${d(desktop)}/tickets`,
            sharing.as('tina'),
            { mode: 'view' },
          )
        ).status === 404 || undefined,
      INSTRUCTORS_CACHE_MS + 2_000,
    );
    expect(Date.now() - removedAt).toBeLessThanOrEqual(
      INSTRUCTORS_CACHE_MS + 1_000,
    );
  });
});
