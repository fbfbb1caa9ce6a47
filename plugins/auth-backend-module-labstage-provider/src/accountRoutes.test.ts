import { mockCredentials } from '@backstage/backend-test-utils';
import {
  asUser,
  signIn,
  startAccountsBackend,
} from './__testUtils__/startAccountsBackend';

jest.setTimeout(60_000);

const asService = () =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('plugin:catalog'),
    targetPluginId: 'auth',
  });

describe('accounts routes (real auth plugin + module; admin-only stand-in policy)', () => {
  it('returns the caller from /me and 401 without credentials', async () => {
    const { http } = await startAccountsBackend();
    const me = await http
      .get('/api/auth/accounts/me')
      .set('Authorization', asUser('teacher'));
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      username: 'teacher',
      role: 'instructor',
      displayName: 'Tom Teacher',
    });
    expect((await http.get('/api/auth/accounts/me')).status).toBe(401);
  });

  it('changes the own password after checking the current one', async () => {
    const { http } = await startAccountsBackend();
    const change = (currentPassword: string, newPassword: string) =>
      http
        .post('/api/auth/accounts/me/password')
        .set('Authorization', asUser('bob'))
        .send({ currentPassword, newPassword });

    const wrong = await change('nope-nope', 'bob-new-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Current password is incorrect');
    expect((await change('bob-demo-pass', 'short')).status).toBe(400);
    expect((await change('bob-demo-pass', 'bob-new-password')).status).toBe(
      204,
    );

    await expect(signIn(http, 'bob', 'bob-demo-pass')).rejects.toThrow('401');
    await expect(signIn(http, 'bob', 'bob-new-password')).resolves.toBeTruthy();
  });

  it('lets admins manage users and refuses students with 403', async () => {
    const { http } = await startAccountsBackend();
    const asStudent = await http
      .get('/api/auth/accounts/users')
      .set('Authorization', asUser('alice'));
    expect(asStudent.status).toBe(403);
    const promote = await http
      .post('/api/auth/accounts/users/bob/role')
      .set('Authorization', asUser('alice'))
      .send({ role: 'admin' });
    expect(promote.status).toBe(403);

    const list = await http
      .get('/api/auth/accounts/users')
      .set('Authorization', asUser('admin'));
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((u: { username: string }) => u.username),
    ).toEqual(['admin', 'alice', 'bob', 'teacher']);

    const role = await http
      .post('/api/auth/accounts/users/bob/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'instructor' });
    expect(role.status).toBe(200);
    expect(role.body.user.role).toBe('instructor');

    const reset = await http
      .post('/api/auth/accounts/users/bob/password')
      .set('Authorization', asUser('admin'))
      .send({ newPassword: 'reset-by-admin' });
    expect(reset.status).toBe(204);
    await expect(signIn(http, 'bob', 'reset-by-admin')).resolves.toBeTruthy();

    const missing = await http
      .post('/api/auth/accounts/users/ghost/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'student' });
    expect(missing.status).toBe(404);

    const badRole = await http
      .post('/api/auth/accounts/users/bob/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'root' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.message).toMatch(/^role: /);
  });

  it('announces disabling, enabling and role changes on the events service', async () => {
    const { http, accountChanges } = await startAccountsBackend();
    for (const [path, body] of [
      ['bob/disabled', { disabled: true }],
      ['bob/disabled', { disabled: false }],
      ['teacher/role', { role: 'student' }],
    ] as const) {
      const res = await http
        .post(`/api/auth/accounts/users/${path}`)
        .set('Authorization', asUser('admin'))
        .send(body);
      expect(res.status).toBe(200);
    }
    expect(accountChanges).toEqual([
      {
        username: 'bob',
        userEntityRef: 'user:default/bob',
        change: 'disabled',
      },
      { username: 'bob', userEntityRef: 'user:default/bob', change: 'enabled' },
      {
        username: 'teacher',
        userEntityRef: 'user:default/teacher',
        change: 'role',
        role: 'student',
      },
    ]);
  });

  it('protects admins from locking themselves and the system out', async () => {
    const { http } = await startAccountsBackend();
    const self = await http
      .post('/api/auth/accounts/users/admin/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'student' });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toBe(
      'You cannot remove your own admin role',
    );

    // Promote teacher so that a second admin can act on the first one.
    await http
      .post('/api/auth/accounts/users/teacher/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'admin' });
    await http
      .post('/api/auth/accounts/users/admin/disabled')
      .set('Authorization', asUser('teacher'))
      .send({ disabled: true });
    // teacher is now the last enabled admin; the store's 409 guard is
    // covered in stores.test.ts, here the self-protection answers first.
    const last = await http
      .post('/api/auth/accounts/users/teacher/disabled')
      .set('Authorization', asUser('teacher'))
      .send({ disabled: true });
    expect(last.status).toBe(400);
    expect(last.body.error.message).toBe('You cannot disable your own account');
    const re = await http
      .post('/api/auth/accounts/users/admin/disabled')
      .set('Authorization', asUser('teacher'))
      .send({ disabled: false });
    expect(re.status).toBe(200);
    // With `admin` back, demoting teacher leaves one enabled admin: allowed.
    const demote = await http
      .post('/api/auth/accounts/users/teacher/role')
      .set('Authorization', asUser('admin'))
      .send({ role: 'instructor' });
    expect(demote.status).toBe(200);
  });

  it('serves the directory to services only', async () => {
    const { http } = await startAccountsBackend();
    const asUserRes = await http
      .get('/api/auth/accounts/directory/users')
      .set('Authorization', asUser('admin'));
    expect(asUserRes.status).toBe(403);
    expect((await http.get('/api/auth/accounts/directory/users')).status).toBe(
      401,
    );

    const list = await http
      .get('/api/auth/accounts/directory/users')
      .set('Authorization', asService());
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(4);

    const one = await http
      .get('/api/auth/accounts/directory/users/teacher')
      .set('Authorization', asService());
    expect(one.body).toMatchObject({
      username: 'teacher',
      role: 'instructor',
      disabled: false,
    });
    const none = await http
      .get('/api/auth/accounts/directory/users/ghost')
      .set('Authorization', asService());
    expect(none.status).toBe(404);
  });
});
