import { mockCredentials } from '@backstage/backend-test-utils';
import argon2 from 'argon2';
import {
  Http,
  signIn,
  startAccountsBackend,
} from '../__testUtils__/startAccountsBackend';

// Red-team cases from the security review (issue 7). Real argon2 at its real
// cost, real HTTP; every request comes from the test client's one loopback
// address, which is exactly a school behind one NAT (or a reverse proxy
// without `backend.trustProxy`).
jest.setTimeout(180_000);

const signInAs = (http: Http, username: string, password: string) =>
  http.post('/api/auth/accounts/signin').send({ username, password });

const countStatuses = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe('sign-in guessing (security review, issue 7)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts concurrent wrong sign-ins before verifying them', async () => {
    // The test backend allows 3 failures per account and client.
    const { http } = await startAccountsBackend();
    const verify = jest.spyOn(argon2, 'verify');

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signInAs(http, 'bob', `wrong-guess-${i}`),
      ),
    );

    const counts = countStatuses(responses.map(r => r.status));
    expect(counts).toEqual({ 401: 3, 429: 7 });
    expect(verify).toHaveBeenCalledTimes(3);
    const limited = responses.find(r => r.status === 429)!;
    expect(limited.body.error.message).toBe(
      'Too many sign-in attempts; try again in 10 minutes',
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);
  });

  it('lets a class behind one address sign in while an account is guessed', async () => {
    // The shipped defaults, not the test backend's tighter limits.
    const { http } = await startAccountsBackend({
      signInRateLimit: { windowSeconds: 900 },
    });
    const students = Array.from({ length: 30 }, (_, i) => ({
      username: `student${String(i + 1).padStart(2, '0')}`,
      password: `student-${i + 1}-secret`,
    }));
    const signUps = await Promise.all(
      students.map(s =>
        http.post('/api/auth/accounts/signup').send({
          ...s,
          displayName: s.username,
          email: `${s.username}@school.example`,
        }),
      ),
    );
    expect(signUps.map(r => r.status)).toEqual(students.map(() => 201));

    // One attacker in the same classroom guesses bob's password...
    const guesses: number[] = [];
    for (let i = 0; i < 60; i++) {
      guesses.push((await signInAs(http, 'bob', `guess-${i}`)).status);
    }
    expect(guesses.filter(s => s !== 401 && s !== 429)).toEqual([]);
    expect(guesses.filter(s => s === 429).length).toBeGreaterThanOrEqual(55);

    // ...and sprays three common passwords over half the class.
    for (const common of ['password1', 'welcome123', 'letmein!!']) {
      const sprayed = await Promise.all(
        students.slice(0, 15).map(s => signInAs(http, s.username, common)),
      );
      expect(sprayed.map(r => r.status)).toEqual(
        students.slice(0, 15).map(() => 401),
      );
    }

    // Then the lesson starts and everyone signs in at once.
    const lesson = await Promise.all(
      students.map(s => signInAs(http, s.username, s.password)),
    );
    expect(countStatuses(lesson.map(r => r.status))).toEqual({ 200: 30 });
  });

  it('throttles wrong current passwords on POST /me/password', async () => {
    const { http } = await startAccountsBackend();
    const change = (currentPassword: string) =>
      http
        .post('/api/auth/accounts/me/password')
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .send({ currentPassword, newPassword: 'bob-new-password' });

    // Concurrent, so that checking after verifying would let all 8 through.
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => change(`not-my-password-${i}`)),
    );
    expect(countStatuses(responses.map(r => r.status))).toEqual({
      401: 5,
      429: 3,
    });
    const limited = await change('bob-demo-pass');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe(
      'Too many password change attempts; try again in 10 minutes',
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);
    // The password was not changed by any of them.
    await expect(signIn(http, 'bob', 'bob-demo-pass')).resolves.toBeTruthy();
  });

  it('refuses a refresh without X-Requested-With, like the OAuth providers', async () => {
    const { http } = await startAccountsBackend();
    const cookie = await signIn(http, 'alice', 'alice-demo-pass');

    for (const method of ['get', 'post'] as const) {
      const bare = await http[method]('/api/auth/labstage/refresh').set(
        'Cookie',
        cookie,
      );
      expect(bare.status).toBe(401);
      expect(bare.body.error).toMatchObject({
        name: 'AuthenticationError',
        message: 'Invalid X-Requested-With header',
      });
      expect(bare.body.backstageIdentity).toBeUndefined();
    }

    const ok = await http
      .get('/api/auth/labstage/refresh')
      .set('Cookie', cookie)
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(ok.status).toBe(200);
    expect(ok.body.backstageIdentity.token).toEqual(expect.any(String));
  });
});
