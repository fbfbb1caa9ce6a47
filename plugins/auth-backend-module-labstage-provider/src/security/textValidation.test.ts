import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Http,
  signIn,
  startAccountsBackend,
} from '../__testUtils__/startAccountsBackend';

// Security review, issue 7 (low): NUL characters and unpaired surrogates in
// names. PostgreSQL's text columns cannot hold U+0000 (a 500 in production,
// also for a sign-in lookup); an unpaired surrogate has no UTF-8 form and
// would be stored as U+FFFD. The request schemas refuse both with a 400
// before anything is written or looked up.
jest.setTimeout(60_000);

const NUL = '\u0000';
// JSON.stringify writes it as the escape \ud800; JSON.parse restores it.
const LONE = '\ud800';
const unstorable = (field: string, label: string) =>
  `${field}: ${label} contains a character that can't be stored (NUL or an unpaired surrogate)`;

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'carol',
  displayName: 'Carol Student',
  email: 'carol@example.com',
  password: 'carol-secret-1',
  ...overrides,
});

const usernames = async (http: Http) => {
  const res = await http
    .get('/api/auth/accounts/users')
    .set('Authorization', mockCredentials.user.header('user:default/admin'));
  expect(res.status).toBe(200);
  return res.body.items.map((u: { username: string }) => u.username);
};

describe('accounts API refuses text it cannot store', () => {
  it.each([
    [
      'NUL in the display name',
      { displayName: `Carol${NUL}` },
      unstorable('displayName', 'Display name'),
    ],
    [
      'a lone surrogate in the display name',
      { displayName: `Carol ${LONE}` },
      unstorable('displayName', 'Display name'),
    ],
    [
      'a line break in the display name',
      { displayName: 'Carol\nAdmin' },
      'displayName: Display name cannot contain control characters such as tabs or line breaks',
    ],
    [
      'a lone surrogate in the password',
      { password: `carol-secret-${LONE}` },
      unstorable('password', 'Password'),
    ],
    [
      'NUL in the join code',
      { joinCode: `GOODCODE${NUL}` },
      unstorable('joinCode', 'Join code'),
    ],
  ])('sign-up with %s → 400, no account', async (_, fields, message) => {
    const { http, coursesCalls } = await startAccountsBackend();
    const before = await usernames(http);
    const res = await http
      .post('/api/auth/accounts/signup')
      .send(newUser(fields));
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toBe(message);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await usernames(http)).toEqual(before);
    expect(before).not.toContain('carol');
    // The join code never reached courses-backend either.
    expect(coursesCalls).toEqual([]);
  });

  it('signs up with an emoji (a surrogate pair) in the display name', async () => {
    const { http } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ displayName: 'Carol \u{1F600}' }));
    expect(res.status).toBe(201);
    expect(res.body.user.displayName).toBe('Carol \u{1F600}');
  });

  it('answers 400 to a sign-in with NUL or a lone surrogate in the username', async () => {
    const { http } = await startAccountsBackend();
    for (const username of [`alice${NUL}`, `alice${LONE}`]) {
      const res = await http
        .post('/api/auth/accounts/signin')
        .send({ username, password: 'alice-demo-pass' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(unstorable('username', 'Username'));
    }
    // Nothing was counted against alice.
    await expect(signIn(http, 'alice', 'alice-demo-pass')).resolves.toMatch(
      /^labstage_session=/,
    );
  });

  it('refuses a new password with NUL and keeps the old one', async () => {
    const { http } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/me/password')
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .send({
        currentPassword: 'bob-demo-pass',
        newPassword: `bob-new-${NUL}-password`,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(unstorable('newPassword', 'Password'));
    await expect(signIn(http, 'bob', 'bob-demo-pass')).resolves.toBeTruthy();
  });
});
