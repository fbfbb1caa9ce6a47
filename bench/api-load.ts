// The portal under a class's load: 100 connections as 20 signed-in students
// for 30 s, each connection cycling through what the pages poll. Records
// req/s, p50/p95/p99 and errors per route and overall, plus one request at a
// time with no load, into bench/results (bench/report.ts makes the table).
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { apiUrl } from './lib/platform.ts';
import { recordResult } from './lib/results.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const JOIN_CODE = 'CS101-DEMO';
const RESULT_NAME = process.env.BENCH_RESULT_NAME ?? 'api.load';

type Student = { cookie: string; token: string };

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A student of the demo course, signed up on the first run. */
async function student(i: number): Promise<Student> {
  const username = `loadstudent${String(i).padStart(2, '0')}`;
  const password = `${username}-pass`;
  let res = await post('/api/auth/accounts/signin', { username, password });
  if (res.status === 401) {
    res = await post('/api/auth/accounts/signup', {
      username,
      displayName: `Load Student ${i}`,
      email: `${username}@example.com`,
      password,
      joinCode: JOIN_CODE,
    });
  }
  if (!res.ok)
    throw new Error(`${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map(c => c.split(';')[0])
    .join('; ');
  const refresh = await fetch(`${apiUrl}/api/auth/labstage/refresh`, {
    headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok) throw new Error(`${username}: refresh ${refresh.status}`);
  const body = (await refresh.json()) as {
    backstageIdentity: { token: string };
  };
  return { cookie, token: body.backstageIdentity.token };
}

function headersOf(s: Student): Record<string, string> {
  return {
    authorization: `Bearer ${s.token}`,
    cookie: s.cookie,
    'x-requested-with': 'XMLHttpRequest',
  };
}

const students: Student[] = [];
for (let i = 1; i <= USERS; i++) students.push(await student(i));

const courses = (await (
  await fetch(`${apiUrl}/api/courses/courses?scope=mine`, {
    headers: headersOf(students[0]),
  })
).json()) as { items: Array<{ id: string }> };
const courseId = courses.items[0]?.id;
if (!courseId) throw new Error('the load students are in no course');

/** What a student's open pages poll, one request each. */
const routes = [
  { name: 'list my courses', path: '/api/courses/courses?scope=mine' },
  { name: 'list my desktops', path: '/api/desktops/desktops' },
  {
    name: 'one page of posts',
    path: `/api/courses/courses/${courseId}/posts?board=qa&page=1&pageSize=20`,
  },
  { name: 'recent announcements', path: '/api/courses/announcements/recent' },
  { name: 'GET /me', path: '/api/auth/accounts/me' },
  { name: 'token refresh', path: '/api/auth/labstage/refresh' },
];

/** One request at a time: what a single page load waits for. */
async function unloadedLatencies(rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const route of routes) {
      const started = performance.now();
      const res = await fetch(`${apiUrl}${route.path}`, {
        headers: headersOf(students[i % students.length]),
      });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (!res.ok) throw new Error(`${route.name}: ${res.status}`);
    }
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// Warm up (JIT, caches, connection pools) before anything is measured.
await unloadedLatencies(5);
const unloaded = await unloadedLatencies(30);

const histograms = new Map(
  routes.map(r => [r.name, hdr.build({ lowestDiscernibleValue: 1 })]),
);
const overall = hdr.build({ lowestDiscernibleValue: 1 });
const errors = new Map(routes.map(r => [r.name, 0]));
let nextStudent = 0;

let finished: (result: autocannon.Result) => void = () => undefined;
let failed: (error: Error) => void = () => undefined;
const done = new Promise<autocannon.Result>((resolve, reject) => {
  finished = resolve;
  failed = reject;
});
const instance = autocannon(
  {
    url: apiUrl,
    connections: CONNECTIONS,
    duration: DURATION_S,
    // Each connection is one student (5 connections each with 100 and 20).
    requests: routes.map(route => ({
      method: 'GET' as const,
      path: route.path,
      name: route.name,
      setupRequest: (req: any, context: any) => {
        context.student ??= nextStudent++ % students.length;
        return { ...req, headers: headersOf(students[context.student]) };
      },
    })),
  },
  (error, result) => (error ? failed(error) : finished(result)),
);
// The client's current request is the one just answered (no pipelining).
instance.on(
  'response',
  (client: any, status: number, _b: number, ms: number) => {
    const name: string = client.requestIterator.currentRequest.name;
    const micros = Math.max(1, Math.round(ms * 1000));
    histograms.get(name)!.recordValue(micros);
    overall.recordValue(micros);
    if (status >= 400) errors.set(name, errors.get(name)! + 1);
  },
);
const result = await done;

const summary = (h: hdr.Histogram, failed: number) => ({
  requests: h.totalCount,
  reqPerSec: h.totalCount / DURATION_S,
  p50: h.getValueAtPercentile(50) / 1000,
  p95: h.getValueAtPercentile(95) / 1000,
  p99: h.getValueAtPercentile(99) / 1000,
  errors: failed,
});
const perRoute = Object.fromEntries(
  routes.map(r => [
    r.name,
    summary(histograms.get(r.name)!, errors.get(r.name)!),
  ]),
);
const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);
const measured = {
  connections: CONNECTIONS,
  users: USERS,
  durationSeconds: DURATION_S,
  overall: {
    ...summary(overall, totalErrors),
    socketErrors: result.errors,
    timeouts: result.timeouts,
  },
  routes: perRoute,
  unloaded: {
    requests: unloaded.length,
    p50: percentile(unloaded, 50),
    p95: percentile(unloaded, 95),
  },
};
recordResult(RESULT_NAME, measured);
console.log(JSON.stringify(measured, null, 2));
