// Labstage's own API as a demo account, for the demo-data scripts: signs in
// with the accounts route, takes a Backstage token from the session, and
// calls the backend with it.

/** Signs in as `username`; returns `call(method, path, body)`. */
export async function signInAs(api, username, password) {
  const signin = await fetch(`${api}/api/auth/accounts/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!signin.ok)
    throw new Error(`signing in as ${username}: ${signin.status}`);
  const cookie = signin.headers
    .getSetCookie()
    .map(c => c.split(';')[0])
    .join('; ');
  const refresh = await fetch(`${api}/api/auth/labstage/refresh`, {
    headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok) throw new Error(`token for ${username}: ${refresh.status}`);
  const token = (await refresh.json()).backstageIdentity.token;

  return async function call(method, path, body) {
    const res = await fetch(`${api}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}

/** CS101, as `call`'s account sees it. */
export async function findCs101(call) {
  const courses = await call('GET', '/courses/courses');
  const cs101 = courses.items.find(c => c.code === 'CS101');
  if (!cs101) throw new Error('the demo course CS101 is missing');
  return cs101;
}
