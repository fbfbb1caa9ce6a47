// Class-session warm-up (issue 13) on real Docker desktops: CS101's
// students (the demo's alice and bob and signed-up warm01…), none with a
// desktop yet, a session scheduled to start in about
// two minutes with one minute of warm-up, and the backend's warm-up creating
// and starting every student's desktop at the configured concurrency
// (desktops.sessions.warmUpConcurrency, set by bench/lib/sessions.sh per run).
// Measures, from the warm-up time (start − 1 minute):
// - the first desktop created (the tick's delay: desktops.sessions.tickSeconds);
// - the last desktop `running` (the class is ready);
// and each desktop's create → running time.
import { apiUrl, demoStudent, LabstageSession } from './lib/platform.ts';
import { courseIdOf } from './lib/classroomClass.ts';
import { summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

/** The class size, alice and bob included. */
const students = Number(process.env.BENCH_WARMUP_DESKTOPS ?? 30);
const concurrency = Number(process.env.BENCH_WARMUP_CONCURRENCY ?? 4);
const tickSeconds = Number(process.env.BENCH_WARMUP_TICK_SECONDS ?? 2);

type CourseDesktop = {
  id: string;
  owner: string;
  state: string;
  stateReason: string | null;
  createdAt: string;
  startedAt: string | null;
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (m: string) =>
  console.log(
    `[warm-up c=${concurrency} ${new Date().toISOString().slice(11, 19)}] ${m}`,
  );
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

const teacher = await LabstageSession.signIn(
  'teacher',
  process.env.BENCH_TEACHER_PASSWORD ?? 'teacher-demo-pass',
);
const courseId = await courseIdOf(teacher, 'CS101');
const signedUp = Array.from(
  { length: students - 2 },
  (_, i) => `warm${String(i + 1).padStart(2, '0')}`,
);
/** Each student's own session: a student deletes their own desktop. */
const owners = new Map<string, LabstageSession>([
  [
    'user:default/alice',
    await LabstageSession.signIn('alice', 'alice-demo-pass'),
  ],
  ['user:default/bob', await LabstageSession.signIn('bob', 'bob-demo-pass')],
]);
log(
  `signing ${signedUp.length} students up into CS101 (or in, from an earlier run)`,
);
for (let i = 0; i < signedUp.length; i += 5) {
  await Promise.all(
    signedUp.slice(i, i + 5).map(async u => {
      const { token } = await demoStudent(u);
      owners.set(`user:default/${u}`, new LabstageSession(token));
    }),
  );
}

const classDesktops = async () =>
  (
    await teacher.call<{ items: CourseDesktop[] }>(
      'GET',
      `/courses/${courseId}/desktops`,
    )
  ).items.filter(d => owners.has(d.owner));

// Every desktop is created by the warm-up: remove what an earlier run left.
const removeClass = async () => {
  for (const d of await classDesktops()) {
    await owners
      .get(d.owner)!
      .remove(d.id)
      .catch(() => undefined);
  }
  const deadline = Date.now() + 120_000;
  while ((await classDesktops()).length > 0 && Date.now() < deadline) {
    await sleep(500);
  }
};
// Other sessions of CS101 (the demo's) would warm other students meanwhile.
const { items: existing } = await teacher.call<{
  items: Array<{ id: string }>;
}>('GET', `/courses/${courseId}/sessions`);
for (const s of existing) {
  await teacher.call('DELETE', `/courses/${courseId}/sessions/${s.id}`);
}
await removeClass();

// Starts on a whole minute (HH:mm), at least 70 s away, so the warm-up
// minute before it is still ahead.
const start = new Date(Math.ceil((Date.now() + 70_000) / 60_000) * 60_000);
const warmUpAt = start.getTime() - 60_000;
const session = await teacher.call<{ id: string }>(
  'POST',
  `/courses/${courseId}/sessions`,
  {
    title: `Warm-up bench (${concurrency} at a time)`,
    kind: 'once',
    // CS101 is in UTC (courses.defaultTimeZone).
    startDate: start.toISOString().slice(0, 10),
    startTime: start.toISOString().slice(11, 16),
    durationMinutes: 30,
    warmUpMinutes: 1,
  },
);
log(
  `session at ${start.toISOString()}; warm-up from ${new Date(
    warmUpAt,
  ).toISOString()}`,
);

try {
  let desktops: CourseDesktop[] = [];
  const deadline = warmUpAt + 15 * 60_000;
  for (;;) {
    desktops = await classDesktops();
    const failed = desktops.filter(d => d.state === 'error');
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} desktops failed: ${failed[0].stateReason}`,
      );
    }
    const running = desktops.filter(d => d.state === 'running').length;
    if (running === students) break;
    if (Date.now() > deadline) {
      throw new Error(`only ${running} of ${students} running after 15 min`);
    }
    await sleep(250);
  }
  const created = desktops.map(d => Date.parse(d.createdAt));
  const runningAt = desktops.map(d => Date.parse(d.startedAt!));
  const firstCreated = Math.min(...created);
  const lastRunning = Math.max(...runningAt);
  const result = {
    desktops: students,
    concurrency,
    tickSeconds,
    firstCreatedAfterWarmUpSeconds: seconds(firstCreated - warmUpAt),
    allRunningAfterWarmUpSeconds: seconds(lastRunning - warmUpAt),
    allRunningAfterFirstCreatedSeconds: seconds(lastRunning - firstCreated),
    readyBeforeStartSeconds: seconds(start.getTime() - lastRunning),
    perDesktopCreateToRunningMs: summarize(
      desktops.map(d => Date.parse(d.startedAt!) - Date.parse(d.createdAt)),
    ),
  };
  log(JSON.stringify(result));
  recordResult(`sessions.warmup.c${concurrency}`, result);
} finally {
  await teacher
    .call('DELETE', `/courses/${courseId}/sessions/${session.id}`)
    .catch(() => undefined);
  await removeClass();
}
log(`done (${apiUrl})`);
