// The portal under a class's load: 100 connections as 20 signed-in students
// for 30 s, each connection cycling through what the pages poll. Records
// req/s, p50/p95/p99 and errors per route and overall, plus one request at a
// time with no load, into bench/results (bench/report.ts makes the table).
import { apiUrl } from './lib/platform.ts';
import { recordResult } from './lib/results.ts';
import {
  classStudents,
  headersOf,
  pollingRoutes,
  runClassLoad,
  type PollingRoute,
  type Student,
} from './lib/classLoad.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const RESULT_NAME = process.env.BENCH_RESULT_NAME ?? 'api.load';

/** One request at a time: what a single page load waits for. */
async function unloadedLatencies(
  students: Student[],
  routes: PollingRoute[],
  rounds: number,
): Promise<number[]> {
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

const students = await classStudents(USERS);
const routes = await pollingRoutes(students[0]);
// Warm up (JIT, caches, connection pools) before anything is measured.
await unloadedLatencies(students, routes, 5);
const unloaded = await unloadedLatencies(students, routes, 30);
const load = await runClassLoad({
  students,
  routes,
  connections: CONNECTIONS,
  durationSeconds: DURATION_S,
});

const measured = {
  connections: CONNECTIONS,
  users: USERS,
  durationSeconds: DURATION_S,
  ...load,
  unloaded: {
    requests: unloaded.length,
    p50: percentile(unloaded, 50),
    p95: percentile(unloaded, 95),
  },
};
recordResult(RESULT_NAME, measured);
console.log(JSON.stringify(measured, null, 2));
