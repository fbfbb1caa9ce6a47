import { mockCredentials } from '@backstage/backend-test-utils';
import {
  signIn,
  startAccountsBackend,
} from './__testUtils__/startAccountsBackend';

jest.setTimeout(60_000);

const refresh = (
  http: Awaited<ReturnType<typeof startAccountsBackend>>['http'],
  cookie?: string,
) => {
  const req = http
    .get('/api/auth/labstage/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return cookie ? req.set('Cookie', cookie) : req;
};

describe('labstage sign-in (real auth plugin + module on SQLite)', () => {
  it('signs in with a httpOnly cookie and refreshes into a Backstage identity', async () => {
    const { http } = await startAccountsBackend();

    const res = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'alice', password: 'alice-demo-pass' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      username: 'alice',
      userEntityRef: 'user:default/alice',
      role: 'student',
    });
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0];
    expect(setCookie).toMatch(/^labstage_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/api/auth');
    expect(setCookie).not.toContain('Secure');

    const identity = await refresh(http, setCookie.split(';')[0]);
    expect(identity.status).toBe(200);
    expect(identity.body.profile).toEqual({
      displayName: 'Alice Student',
      email: 'alice@labstage.local',
    });
    expect(identity.body.backstageIdentity.token).toEqual(expect.any(String));
    expect(identity.body.backstageIdentity.identity).toMatchObject({
      type: 'user',
      userEntityRef: 'user:default/alice',
    });
  });

  it('puts the role group into the ownership claims of admins', async () => {
    const { http } = await startAccountsBackend();
    const cookie = await signIn(http, 'admin', 'admin-demo-pass');
    const identity = await refresh(http, cookie);
    expect(
      identity.body.backstageIdentity.identity.ownershipEntityRefs,
    ).toEqual(['user:default/admin', 'group:default/admins']);
  });

  it('refuses refresh without a session cookie or after sign-out', async () => {
    const { http } = await startAccountsBackend();
    expect((await refresh(http)).status).toBe(401);
    expect((await refresh(http, 'labstage_session=forged')).status).toBe(401);

    const cookie = await signIn(http, 'bob', 'bob-demo-pass');
    const out = await http
      .post('/api/auth/accounts/signout')
      .set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie'][0]).toContain('Expires=Thu, 01 Jan 1970');
    expect((await refresh(http, cookie)).status).toBe(401);
  });

  it('answers a wrong password with 401 and rate limits after repeated failures', async () => {
    const { http } = await startAccountsBackend({
      maxFailuresPerAccountAndClient: 3,
    });
    const attempt = (password: string) =>
      http
        .post('/api/auth/accounts/signin')
        .send({ username: 'bob', password });

    for (let i = 0; i < 3; i++) {
      const res = await attempt('wrong-password');
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('Incorrect username or password');
    }
    const limited = await attempt('bob-demo-pass');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe(
      'Too many sign-in attempts; try again in 10 minutes',
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);

    // Other accounts from the same client are not affected by bob's counter.
    expect(
      (
        await http.post('/api/auth/accounts/signin').send({
          username: 'alice',
          password: 'alice-demo-pass',
        })
      ).status,
    ).toBe(200);
  });

  it('resets the account counter after a successful sign-in', async () => {
    const { http } = await startAccountsBackend({
      maxFailuresPerAccountAndClient: 3,
    });
    const attempt = (password: string) =>
      http
        .post('/api/auth/accounts/signin')
        .send({ username: 'bob', password });
    await attempt('wrong-1');
    await attempt('wrong-2');
    expect((await attempt('bob-demo-pass')).status).toBe(200);
    await attempt('wrong-3');
    await attempt('wrong-4');
    expect((await attempt('bob-demo-pass')).status).toBe(200);
  });

  it('treats an unknown username like a wrong password', async () => {
    const { http } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'nobody', password: 'whatever-pass' });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'AuthenticationError',
        message: 'Incorrect username or password',
      }),
    );
  });

  it('rejects malformed bodies with 400 and the validation message', async () => {
    const { http } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'alice' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/^password: /);

    const bad = await http
      .post('/api/auth/accounts/signin')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(bad.status).toBe(400);
  });

  it('keeps a disabled user out of sign-in and refresh', async () => {
    const { http } = await startAccountsBackend();
    const aliceCookie = await signIn(http, 'alice', 'alice-demo-pass');

    const disable = await http
      .post('/api/auth/accounts/users/alice/disabled')
      .set('Authorization', mockCredentials.user.header('user:default/admin'))
      .send({ disabled: true });
    expect(disable.status).toBe(200);
    expect(disable.body.user.disabled).toBe(true);

    expect((await refresh(http, aliceCookie)).status).toBe(401);
    const again = await http
      .post('/api/auth/accounts/signin')
      .send({ username: 'alice', password: 'alice-demo-pass' });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toBe('This account is disabled');
  });
});
