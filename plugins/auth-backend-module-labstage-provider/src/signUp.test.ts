import {
  signIn,
  startAccountsBackend,
} from './__testUtils__/startAccountsBackend';

jest.setTimeout(60_000);

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'carol',
  displayName: 'Carol Student',
  email: 'carol@example.com',
  password: 'carol-secret-1',
  ...overrides,
});

describe('labstage sign-up (real auth plugin + module, stand-in courses plugin)', () => {
  it('creates a student, sets the session cookie and can sign in again', async () => {
    const { http } = await startAccountsBackend();
    const res = await http.post('/api/auth/accounts/signup').send(newUser());
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      username: 'carol',
      userEntityRef: 'user:default/carol',
      displayName: 'Carol Student',
      email: 'carol@example.com',
      role: 'student',
      disabled: false,
      createdAt: expect.any(String),
    });
    expect(res.headers['set-cookie'][0]).toMatch(/^labstage_session=/);
    await expect(signIn(http, 'carol', 'carol-secret-1')).resolves.toMatch(
      /^labstage_session=/,
    );
  });

  it('makes the very first account an admin when nothing was seeded', async () => {
    const { http } = await startAccountsBackend({ seed: false });
    const first = await http.post('/api/auth/accounts/signup').send(newUser());
    expect(first.body.user.role).toBe('admin');
    const second = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ username: 'dave', email: 'dave@example.com' }));
    expect(second.body.user.role).toBe('student');
  });

  it('rejects duplicates with 409 and invalid fields with 400', async () => {
    const { http } = await startAccountsBackend();
    const dup = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ username: 'alice' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('That username is already taken');

    const bad = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ username: 'X', password: 'short' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('username: Username must be');
    expect(bad.body.error.message).toContain(
      'password: Password must be at least 8 characters',
    );
  });

  it('enrols through the courses plugin with a service token when a join code is given', async () => {
    const { http, coursesCalls } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ joinCode: 'GOODCODE' }));
    expect(res.status).toBe(201);
    expect(coursesCalls).toEqual([
      {
        method: 'GET',
        path: '/internal/join-codes/GOODCODE',
        caller: 'plugin:auth',
      },
      {
        method: 'POST',
        path: '/internal/enrolments',
        caller: 'plugin:auth',
        body: { code: 'GOODCODE', username: 'carol' },
      },
    ]);
  });

  it('rejects a bad join code before creating the account', async () => {
    const { http, coursesCalls } = await startAccountsBackend();
    const res = await http
      .post('/api/auth/accounts/signup')
      .send(newUser({ joinCode: 'NOPE' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('That join code is not valid');
    expect(coursesCalls.map(c => c.method)).toEqual(['GET']);
    await expect(signIn(http, 'carol', 'carol-secret-1')).rejects.toThrow(
      '401',
    );
  });
});
