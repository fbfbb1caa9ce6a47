// The Labstage API as the class-start benchmark (bench/class-start.ts) calls
// it: signing students up, timed desktops API calls that never throw on a
// status, a bounded pool of calls in flight, and the light requests timed
// meanwhile (a student's desktop list, the backend's liveness).
import { apiUrl, demoStudent, type Student } from './platform.ts';
export { post } from './platform.ts';
import { percentile } from './stats.ts';
import { round, sleep } from './classCommon.ts';

/** A desktop as the admin's list of all desktops shows it. */
export type Row = {
  id: string;
  owner: string;
  state: string;
  stateReason: string | null;
  startedAt: string | null;
  updatedAt: string;
};

export type { Student } from './platform.ts';

/** A request answered at `at` (performance.now()) after `ms`. */
export type Timed = { at: number; ms: number };

/** A student of the demo course, signed up (or in) by name. */
export const signUp = (username: string) => demoStudent(username);

/** A fresh Backstage token from the session cookie (tokens last an hour). */
export async function refreshed(student: Student): Promise<Student> {
  const res = await fetch(`${apiUrl}/api/auth/labstage/refresh`, {
    headers: { Cookie: student.cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`token refresh failed: ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return { cookie: student.cookie, token: body.backstageIdentity.token };
}

/** A desktops API call and how long it took (ms); never throws on a status. */
export async function timed(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; ms: number; json?: any; error?: string }> {
  const started = performance.now();
  try {
    const res = await fetch(`${apiUrl}/api/desktops${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    return {
      status: res.status,
      ms,
      json:
        text && res.headers.get('content-type')?.includes('json')
          ? JSON.parse(text)
          : undefined,
      error: res.ok ? undefined : text.slice(0, 300),
    };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, error: String(error) };
  }
}

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight. */
export async function pool(
  count: number,
  limit: number,
  task: (i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export const latencySummary = (samples: number[]) => ({
  requests: samples.length,
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  p99: round(percentile(samples, 99)),
  max: round(Math.max(...samples)),
});

/** One student's page polling their desktops, one request at a time, while `running()`. */
export function lightGets(
  token: string,
  running: () => boolean,
): Promise<Timed[]> {
  return (async () => {
    const samples: Timed[] = [];
    while (running()) {
      const res = await timed(token, 'GET', '/desktops');
      if (res.status === 200)
        samples.push({ at: performance.now(), ms: res.ms });
      await sleep(100);
    }
    return samples;
  })();
}

/**
 * The backend's liveness endpoint (no sign-in, no database), five times a
 * second: how long the event loop keeps any request waiting.
 */
export function livenessProbes(running: () => boolean): Promise<Timed[]> {
  return (async () => {
    const samples: Timed[] = [];
    while (running()) {
      const started = performance.now();
      const res = await fetch(`${apiUrl}/.backstage/health/v1/liveness`);
      await res.arrayBuffer();
      if (res.ok)
        samples.push({
          at: performance.now(),
          ms: performance.now() - started,
        });
      await sleep(200);
    }
    return samples;
  })();
}

/** Latencies of the samples answered within [from, to] (performance.now() times). */
export const within = (samples: Timed[], from: number, to: number) =>
  samples.filter(s => s.at >= from && s.at <= to).map(s => s.ms);
