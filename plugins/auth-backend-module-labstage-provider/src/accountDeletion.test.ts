import { FootprintScript } from './__testUtils__/footprintStandIns';
import {
  asUser,
  signIn,
  startAccountsBackend,
} from './__testUtils__/startAccountsBackend';

jest.setTimeout(60_000);

function bobOwns(): FootprintScript {
  return {
    courses: {
      bob: { enrolments: 1, posts: 5, comments: 12, soleInstructorOf: [] },
      teacher: {
        enrolments: 1,
        posts: 2,
        comments: 0,
        soleInstructorOf: [{ courseId: 'c1', code: 'CS101', title: 'Intro' }],
      },
    },
    desktops: { bob: 2 },
  };
}

describe('account deletion (real auth plugin + module; courses and desktops stand-ins)', () => {
  it('previews what goes and what stays, for admins only', async () => {
    const { http } = await startAccountsBackend({ footprints: bobOwns() });
    const preview = await http
      .get('/api/auth/accounts/users/bob/deletion-preview')
      .set('Authorization', asUser('admin'));
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      username: 'bob',
      displayName: expect.any(String),
      desktops: 2,
      enrolments: 1,
      posts: 5,
      comments: 12,
      soleInstructorOf: [],
    });
    const asStudent = await http
      .get('/api/auth/accounts/users/bob/deletion-preview')
      .set('Authorization', asUser('alice'));
    expect(asStudent.status).toBe(403);
    const unknown = await http
      .get('/api/auth/accounts/users/nobody/deletion-preview')
      .set('Authorization', asUser('admin'));
    expect(unknown.status).toBe(404);
  });

  it('deletes: disables first, removes desktops then course data, erases the account, announces both', async () => {
    const footprints = bobOwns();
    const { http, coursesCalls, accountChanges } = await startAccountsBackend({
      footprints,
    });
    const bobCookie = await signIn(http, 'bob', 'bob-demo-pass');

    const res = await http
      .delete('/api/auth/accounts/users/bob')
      .set('Authorization', asUser('admin'));
    expect(res.status).toBe(204);

    expect(
      coursesCalls
        .filter(c => c.method === 'DELETE')
        .map(c => [c.path, c.caller]),
    ).toEqual([
      ['desktops/internal/users/bob/desktops', 'plugin:auth'],
      ['/internal/users/bob', 'plugin:auth'],
    ]);
    expect(accountChanges.map(c => [c.username, c.change])).toEqual([
      ['bob', 'disabled'],
      ['bob', 'deleted'],
    ]);
    expect(footprints.desktops.bob).toBe(0);
    const users = await http
      .get('/api/auth/accounts/users')
      .set('Authorization', asUser('admin'));
    expect(
      users.body.items.map((u: { username: string }) => u.username),
    ).not.toContain('bob');
    // Old session and password are both gone.
    const refresh = await http
      .get('/api/auth/labstage/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('Cookie', bobCookie);
    expect(refresh.status).toBe(401);
    const again = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'bob', password: 'bob-demo-pass' });
    expect(again.status).toBe(401);
  });

  it('refuses, changing nothing, for yourself, the only instructor of a course, or the last admin', async () => {
    const { http, coursesCalls, accountChanges } = await startAccountsBackend({
      footprints: bobOwns(),
    });
    const self = await http
      .delete('/api/auth/accounts/users/admin')
      .set('Authorization', asUser('admin'));
    expect(self.status).toBe(400);
    expect(self.body.error.message).toBe(
      'Delete your own account from My account',
    );

    const preview = await http
      .get('/api/auth/accounts/users/teacher/deletion-preview')
      .set('Authorization', asUser('admin'));
    expect(preview.body.blockedBecause).toBe(
      'teacher is the only instructor of CS101 (Intro); add another instructor or archive the course first',
    );
    const sole = await http
      .delete('/api/auth/accounts/users/teacher')
      .set('Authorization', asUser('admin'));
    expect(sole.status).toBe(409);
    expect(sole.body.error.message).toBe(preview.body.blockedBecause);

    const lastAdmin = await http
      .get('/api/auth/accounts/me/deletion-preview')
      .set('Authorization', asUser('admin'));
    expect(lastAdmin.body.blockedBecause).toBe(
      'admin is the last enabled admin; promote another admin first',
    );

    expect(coursesCalls.filter(c => c.method === 'DELETE')).toEqual([]);
    expect(accountChanges).toEqual([]);
    const teacher = await http
      .get('/api/auth/accounts/me')
      .set('Authorization', asUser('teacher'));
    expect(teacher.body.user.disabled).toBe(false);
  });

  it('keeps the account disabled when a part cannot be removed, and a second try finishes', async () => {
    const footprints = { ...bobOwns(), desktopsFail: true };
    const { http } = await startAccountsBackend({ footprints });
    const first = await http
      .delete('/api/auth/accounts/users/bob')
      .set('Authorization', asUser('admin'));
    expect(first.status).toBe(502);
    expect(first.body.error.message).toBe(
      "The desktops service could not remove this account's desktops; the account is disabled, and deleting it again is safe once the service is back",
    );
    const bob = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'bob', password: 'bob-demo-pass' });
    expect(bob.status).toBe(403);

    footprints.desktopsFail = false;
    const second = await http
      .delete('/api/auth/accounts/users/bob')
      .set('Authorization', asUser('admin'));
    expect(second.status).toBe(204);
  });

  it('lets users delete their own account with their password, throttled, and signs them out', async () => {
    const { http } = await startAccountsBackend({ footprints: bobOwns() });
    const cookie = await signIn(http, 'bob', 'bob-demo-pass');
    const own = await http
      .get('/api/auth/accounts/me/deletion-preview')
      .set('Authorization', asUser('bob'));
    expect(own.body).toMatchObject({ username: 'bob', desktops: 2, posts: 5 });

    const wrong = await http
      .delete('/api/auth/accounts/me')
      .set('Authorization', asUser('bob'))
      .send({ password: 'not-my-password' });
    expect(wrong.status).toBe(401);
    const missing = await http
      .delete('/api/auth/accounts/me')
      .set('Authorization', asUser('bob'))
      .send({});
    expect(missing.status).toBe(400);

    const done = await http
      .delete('/api/auth/accounts/me')
      .set('Authorization', asUser('bob'))
      .set('Cookie', cookie)
      .send({ password: 'bob-demo-pass' });
    expect(done.status).toBe(204);
    expect(String(done.headers['set-cookie'])).toMatch(/labstage_session=;/);
    const signInAgain = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'bob', password: 'bob-demo-pass' });
    expect(signInAgain.status).toBe(401);
  });

  it('throttles wrong passwords on self-deletion like password changes', async () => {
    const { http } = await startAccountsBackend({
      signInRateLimit: { maxPasswordChangeFailures: 2 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await http
        .delete('/api/auth/accounts/me')
        .set('Authorization', asUser('alice'))
        .send({ password: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});
