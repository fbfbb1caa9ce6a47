// A class of signed-up students polling the portal, driven by autocannon:
// shared by the load benchmark (bench/api-load.ts) and the soak
// (bench/soak.ts).
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { apiUrl, demoStudent, type Student } from './platform.ts';

export type { Student } from './platform.ts';

/** A student of the demo course, signed up on the first run. */
function student(i: number): Promise<Student> {
  const username = `loadstudent${String(i).padStart(2, '0')}`;
  return demoStudent(username, `Load Student ${i}`);
}

export function headersOf(s: Student): Record<string, string> {
  return {
    authorization: `Bearer ${s.token}`,
    cookie: s.cookie,
    'x-requested-with': 'XMLHttpRequest',
  };
}

/** `count` students of the demo course (signed up on the first run). */
export async function classStudents(count: number): Promise<Student[]> {
  const students: Student[] = [];
  for (let i = 1; i <= count; i++) students.push(await student(i));
  return students;
}

export type PollingRoute = { name: string; path: string };

/** What a student's open pages poll, one request each. */
export async function pollingRoutes(
  someStudent: Student,
): Promise<PollingRoute[]> {
  const courses = (await (
    await fetch(`${apiUrl}/api/courses/courses?scope=mine`, {
      headers: headersOf(someStudent),
    })
  ).json()) as { items: Array<{ id: string }> };
  const courseId = courses.items[0]?.id;
  if (!courseId) throw new Error('the load students are in no course');

  return [
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
}

export type LoadSummary = {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
};

/**
 * Loads the backend with `connections` connections, each one student
 * (round robin), cycling through `routes`, and summarizes each route and
 * all of them (latencies in ms, from autocannon's own response times).
 */
export async function runClassLoad(options: {
  students: Student[];
  routes: PollingRoute[];
  connections: number;
  durationSeconds: number;
}): Promise<{
  overall: LoadSummary & { socketErrors: number; timeouts: number };
  routes: Record<string, LoadSummary>;
}> {
  const { students, routes, connections, durationSeconds } = options;
  const histograms = new Map(
    routes.map(r => [r.name, hdr.build({ lowestDiscernibleValue: 1 })]),
  );
  const overall = hdr.build({ lowestDiscernibleValue: 1 });
  const errors = new Map(routes.map(r => [r.name, 0]));
  let nextStudent = 0;

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: apiUrl,
        connections,
        duration: durationSeconds,
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
      (error, done) => (error ? reject(error) : resolve(done)),
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
  });

  const summary = (h: hdr.Histogram, failed: number): LoadSummary => ({
    requests: h.totalCount,
    reqPerSec: h.totalCount / durationSeconds,
    p50: h.getValueAtPercentile(50) / 1000,
    p95: h.getValueAtPercentile(95) / 1000,
    p99: h.getValueAtPercentile(99) / 1000,
    errors: failed,
  });
  const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);
  return {
    overall: {
      ...summary(overall, totalErrors),
      socketErrors: result.errors,
      timeouts: result.timeouts,
    },
    routes: Object.fromEntries(
      routes.map(r => [
        r.name,
        summary(histograms.get(r.name)!, errors.get(r.name)!),
      ]),
    ),
  };
}
