// Talks to a running Labstage backend as a signed-in demo user.
export const apiUrl = process.env.LABSTAGE_API_URL ?? 'http://localhost:7007';

export type DesktopJson = {
  id: string;
  state: string;
  stateReason: string | null;
};

/**
 * The session cookie of a sign-in or sign-up answer, and the Backstage token
 * it refreshes to (what the frontend holds).
 */
export async function signedInAs(
  answer: Response,
): Promise<{ cookie: string; token: string }> {
  if (!answer.ok)
    throw new Error(`sign-in failed: ${answer.status} ${await answer.text()}`);
  const cookie = answer.headers
    .getSetCookie()
    .map(c => c.split(';')[0])
    .join('; ');
  const refresh = await fetch(`${apiUrl}/api/auth/labstage/refresh`, {
    headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok) throw new Error(`token refresh failed: ${refresh.status}`);
  const body = (await refresh.json()) as {
    backstageIdentity: { token: string };
  };
  return { cookie, token: body.backstageIdentity.token };
}

/** A signed-in user: the session cookie and the Backstage token. */
export type Student = { cookie: string; token: string };

export async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Signs `username` up into the demo course (password `<username>-pass`),
 * or signs them in if an earlier run already did.
 */
export async function demoStudent(
  username: string,
  displayName = username,
): Promise<Student> {
  const password = `${username}-pass`;
  let res = await post('/api/auth/accounts/signup', {
    username,
    displayName,
    email: `${username}@example.com`,
    password,
    joinCode: 'CS101-DEMO',
  });
  if (res.status === 409) {
    res = await post('/api/auth/accounts/signin', { username, password });
  }
  return signedInAs(res);
}

export class LabstageSession {
  readonly token: string;

  constructor(token: string) {
    this.token = token;
  }

  static async signIn(
    username: string,
    password: string,
  ): Promise<LabstageSession> {
    const signIn = await fetch(`${apiUrl}/api/auth/accounts/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return new LabstageSession((await signedInAs(signIn)).token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${apiUrl}/api/desktops${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  launch(imageId = 'linux-desktop', name?: string) {
    return this.call<DesktopJson>('POST', '/desktops', { imageId, name });
  }

  async waitForState(
    id: string,
    state: string,
    timeoutMs = 120_000,
  ): Promise<DesktopJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const desktop = await this.call<DesktopJson>('GET', `/desktops/${id}`);
      if (desktop.state === state) return desktop;
      if (desktop.state === 'error')
        throw new Error(`desktop ${id} failed: ${desktop.stateReason}`);
      if (Date.now() > deadline)
        throw new Error(`desktop ${id} still ${desktop.state}`);
      await new Promise(r => setTimeout(r, 25));
    }
  }

  /** A WebSocket URL for one gateway connection. */
  async connectUrl(
    id: string,
    mode: 'view' | 'control' = 'control',
  ): Promise<string> {
    const ticket = await this.call<{ path: string }>(
      'POST',
      `/desktops/${id}/tickets`,
      { mode },
    );
    return `${apiUrl.replace(/^http/, 'ws')}/api/desktops${ticket.path}`;
  }

  remove(id: string) {
    return this.call<void>('DELETE', `/desktops/${id}`);
  }
}
