// A class starts: 1,000 students each launch a desktop at once, through the
// Labstage API, on Kubernetes (20 kwok nodes; bench/run class-start makes
// the cluster and starts the built backend). Measures:
//   - the time until every pod is Running (the bench's own watch, as
//     cluster-admin) and every desktop is `running` in the API (the rows'
//     startedAt, found by polling the admin's list of all desktops every 2 s);
//   - the latency of the launch calls (bounded concurrency) and of a light
//     GET (one student listing their desktops, one request at a time)
//     meanwhile;
//   - the backend's CPU (user+sys from /proc/<pid>/stat) and RSS (before,
//     peak, after), the cluster's and PostgreSQL's CPU, and the machine's;
//   - pod watch events per second, counted by the bench's own watch (the
//     runtime's own counter, watchEventsHandled, is not exposed outside the
//     backend process; both watches see the same pods);
//   - what Labstage makes of 100 pods deleted behind its back;
//   - deleting the whole class again through the API (and what it leaves).
// Records `class.start` in bench/results (bench/report.ts makes the table).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { apiUrl, signedInAs } from './lib/platform.ts';
import { recordResult } from './lib/results.ts';
import { percentile } from './lib/stats.ts';
import { KubeAdmin, type Pod, type WatchEvent } from './lib/kubeAdmin.ts';
import { timelineWindow, type Sample } from './lib/classTimeline.ts';
import {
  CpuMeter,
  cpuSeconds,
  machineCpu,
  pidsNamed,
  rssBytes,
} from './lib/procStats.ts';

const DESKTOPS = Number(process.env.CLASS_DESKTOPS ?? 1000);
/** One desktop each; fewer students than desktops means several each (quota: 2). */
const STUDENTS = Number(process.env.CLASS_STUDENTS ?? DESKTOPS);
const CONCURRENCY = Number(process.env.CLASS_CONCURRENCY ?? 50);
const DELETED_PODS = Number(process.env.CLASS_DELETE_PODS ?? 100);
const NODES = Number(process.env.CLASS_NODES ?? 20);
const TIMEOUT_MS = Number(process.env.CLASS_TIMEOUT ?? 600) * 1000;
const TARGETS = { allRunningSeconds: 60, apiP99Ms: 500, rssGrowthMiB: 300 };

const backendPid = Number(process.env.BENCH_BACKEND_PID);
const kubernetesDir = process.env.KUBERNETES_DIR;
const kubeApiUrl = process.env.LABSTAGE_KUBE_API_URL;
const namespace = process.env.LABSTAGE_KUBE_NAMESPACE ?? 'labstage-desktops';
const homesDir = process.env.CLASS_HOMES_DIR;
const backendLog = process.env.CLASS_BACKEND_LOG;
if (!backendPid || !kubernetesDir || !kubeApiUrl) {
  throw new Error(
    'run through bench/run class-start (needs BENCH_BACKEND_PID, KUBERNETES_DIR, LABSTAGE_KUBE_API_URL)',
  );
}
if (
  !readFileSync(`/proc/${backendPid}/cmdline`, 'utf8').includes(
    'packages/backend',
  )
) {
  throw new Error(`process ${backendPid} is not the built backend`);
}

const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (message: string) =>
  console.log(
    `[class-start ${new Date().toISOString().slice(11, 19)}] ${message}`,
  );
const round = (v: number, digits = 1) => Number(v.toFixed(digits));

// ---- the API ------------------------------------------------------------

type Row = {
  id: string;
  owner: string;
  state: string;
  stateReason: string | null;
  startedAt: string | null;
  updatedAt: string;
};

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

type Student = { cookie: string; token: string };

async function signUp(username: string): Promise<Student> {
  const password = `${username}-pass`;
  let res = await post('/api/auth/accounts/signup', {
    username,
    displayName: username,
    email: `${username}@example.com`,
    password,
    joinCode: 'CS101-DEMO',
  });
  if (res.status === 409) {
    res = await post('/api/auth/accounts/signin', { username, password });
  }
  return signedInAs(res);
}

/** A fresh Backstage token from the session cookie (tokens last an hour). */
async function refreshed(student: Student): Promise<Student> {
  const res = await fetch(`${apiUrl}/api/auth/labstage/refresh`, {
    headers: { Cookie: student.cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`token refresh failed: ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return { cookie: student.cookie, token: body.backstageIdentity.token };
}

/** A desktops API call and how long it took (ms); never throws on a status. */
async function timed(
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
async function pool(
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

const latencySummary = (samples: number[]) => ({
  requests: samples.length,
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  p99: round(percentile(samples, 99)),
  max: round(Math.max(...samples)),
});

// ---- the cluster, as the bench sees it ------------------------------------

const kube = new KubeAdmin(kubernetesDir, kubeApiUrl);
type PodSeen = {
  desktopId?: string;
  node?: string;
  createdAt?: number;
  scheduledAt?: number;
  runningAt?: number;
  deletedAt?: number;
  phase?: string;
  terminating?: boolean;
};
const pods = new Map<string, PodSeen>();
let watchEvents = 0;
let podsRunning = 0;
/** Events per type since the counter was last reset. */
const eventCounts = { ADDED: 0, MODIFIED: 0, DELETED: 0 };

function onWatchEvent(event: WatchEvent, at: number) {
  const pod: Pod = event.object;
  watchEvents++;
  if (event.type in eventCounts)
    eventCounts[event.type as keyof typeof eventCounts]++;
  const seen = pods.get(pod.metadata.name) ?? {};
  pods.set(pod.metadata.name, seen);
  seen.desktopId = pod.metadata.labels?.['labstage.io/desktop-id'];
  seen.createdAt ??= at;
  seen.node = pod.spec?.nodeName ?? seen.node;
  if (seen.node) seen.scheduledAt ??= at;
  const wasRunning =
    seen.phase === 'Running' && !seen.terminating && !seen.deletedAt;
  if (event.type === 'DELETED') {
    seen.deletedAt = at;
  } else {
    seen.phase = pod.status?.phase;
    seen.terminating = Boolean(pod.metadata.deletionTimestamp);
    if (seen.phase === 'Running' && seen.runningAt === undefined)
      seen.runningAt = at;
  }
  const isRunning =
    seen.phase === 'Running' && !seen.terminating && !seen.deletedAt;
  podsRunning += Number(isRunning) - Number(wasRunning);
}

// ---- the processes ----------------------------------------------------------

const clusterPids = (name: string) => () => {
  const file = `${kubernetesDir}/${name}.pid`;
  return existsSync(file) ? [Number(readFileSync(file, 'utf8').trim())] : [];
};
const components: Record<string, () => number[]> = {
  backend: () => [backendPid],
  'kube-apiserver': clusterPids('kube-apiserver'),
  kine: clusterPids('kine'),
  'kube-controller-manager': clusterPids('kube-controller-manager'),
  'kube-scheduler': clusterPids('kube-scheduler'),
  kwok: clusterPids('kwok'),
  postgres: () => pidsNamed('postgres'),
  'this bench': () => [process.pid],
};

/** CPU of each component and of the machine over a window. */
function cpuWindow() {
  const meters = Object.fromEntries(
    Object.entries(components).map(([name, pids]) => [
      name,
      new CpuMeter(pids),
    ]),
  );
  const machine = machineCpu();
  const started = performance.now();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const now = machineCpu();
    const busy = now.busy - machine.busy;
    const perComponent = Object.fromEntries(
      Object.entries(meters).map(([name, meter]) => {
        const cpu = meter.seconds();
        return [
          name,
          {
            cpuSeconds: round(cpu, 2),
            percentOfOneCore: round((100 * cpu) / seconds),
          },
        ];
      }),
    );
    const ours = Object.values(perComponent).reduce(
      (sum, c) => sum + c.cpuSeconds,
      0,
    );
    // The rest of the machine: whatever else ran meanwhile (other work on
    // a shared machine shows up here).
    perComponent['everything else'] = {
      cpuSeconds: round(Math.max(0, busy - ours), 2),
      percentOfOneCore: round((100 * Math.max(0, busy - ours)) / seconds),
    };
    return {
      wallSeconds: round(seconds, 2),
      machineBusyPercent: round((100 * busy) / (now.total - machine.total)),
      perComponent,
    };
  };
}

const timeline: Sample[] = [];
let peakRss = 0;
let rowsRunningNow = 0;
let timelineZero = performance.now();
const cpuOf = (name: string) => cpuSeconds(components[name]()[0]) ?? 0;
function startSampler() {
  const read = () => ({
    at: performance.now(),
    backend: cpuSeconds(backendPid) ?? 0,
    apiserver: cpuOf('kube-apiserver'),
    kine: cpuOf('kine'),
    scheduler: cpuOf('kube-scheduler'),
    controllerManager: cpuOf('kube-controller-manager'),
    kwok: cpuOf('kwok'),
    bench: cpuSeconds(process.pid) ?? 0,
    machine: machineCpu(),
  });
  let last = read();
  let ticks = 0;
  const timer = setInterval(() => {
    const rss = rssBytes(backendPid) ?? 0;
    peakRss = Math.max(peakRss, rss);
    if (++ticks % 4 !== 0) return;
    const now = read();
    const seconds = (now.at - last.at) / 1000;
    const used = (key: Exclude<keyof typeof now, 'at' | 'machine'>) =>
      now[key] - last[key];
    const ours =
      used('backend') +
      used('apiserver') +
      used('kine') +
      used('scheduler') +
      used('controllerManager') +
      used('kwok') +
      used('bench');
    timeline.push({
      t: round((now.at - timelineZero) / 1000),
      backendCpuPercent: round((100 * (now.backend - last.backend)) / seconds),
      backendRssMiB: round(rss / MiB),
      machineBusyPercent: round(
        (100 * (now.machine.busy - last.machine.busy)) /
          (now.machine.total - last.machine.total),
      ),
      apiserverCpuPercent: round(
        (100 * (now.apiserver - last.apiserver)) / seconds,
      ),
      kineCpuPercent: round((100 * (now.kine - last.kine)) / seconds),
      schedulerCpuPercent: round((100 * used('scheduler')) / seconds),
      controllerManagerCpuPercent: round(
        (100 * used('controllerManager')) / seconds,
      ),
      // PostgreSQL counts here too (its many processes are summed per window only).
      otherCpuPercent: round(
        (100 * Math.max(0, now.machine.busy - last.machine.busy - ours)) /
          seconds,
      ),
      podsRunning,
      rowsRunning: rowsRunningNow,
      watchEvents,
    });
    last = now;
  }, 250);
  return () => clearInterval(timer);
}

// ---- the class ----------------------------------------------------------------

const loadAverageAtStart = readFileSync('/proc/loadavg', 'utf8')
  .split(' ')
  .slice(0, 3)
  .join(' ');

log(`signing up ${STUDENTS} students`);
const signUpStarted = performance.now();
const accounts: Student[] = new Array(STUDENTS);
await pool(STUDENTS, 8, async i => {
  accounts[i] = await signUp(`classstudent${String(i + 1).padStart(4, '0')}`);
});
const signUpSeconds = (performance.now() - signUpStarted) / 1000;
log(`signed up ${STUDENTS} students in ${signUpSeconds.toFixed(1)} s`);
let adminAccount = await signedInAs(
  await post('/api/auth/accounts/signin', {
    username: 'admin',
    password: process.env.BENCH_ADMIN_PASSWORD ?? 'admin-demo-pass',
  }),
);
let admin = adminAccount.token;
/** The students' current tokens. */
let students: string[] = [];
async function refreshTokens() {
  await pool(STUDENTS, 8, async i => {
    accounts[i] = await refreshed(accounts[i]);
  });
  students = accounts.map(a => a.token);
  adminAccount = await refreshed(adminAccount);
  admin = adminAccount.token;
}

async function listAll(): Promise<{ rows: Row[]; ms: number }> {
  const res = await timed(admin, 'GET', '/desktops?scope=all');
  if (res.status !== 200)
    throw new Error(`listing all desktops: ${res.status} ${res.error}`);
  return { rows: res.json.items as Row[], ms: res.ms };
}

const stopWatch = await kube.watchPods(namespace, onWatchEvent);
if (pods.size > 0)
  throw new Error(`the bench cluster has ${pods.size} pods already`);

// This machine may be shared: wait (up to CLASS_QUIET_WAIT s) until what
// else runs on it uses under a third of a core over 10 s, and say what was
// found. The backend and the cluster idle meanwhile.
const QUIET_WAIT_MS = Number(process.env.CLASS_QUIET_WAIT ?? 900) * 1000;
const quietStarted = performance.now();
let otherPercent = NaN;
for (;;) {
  const cpu = cpuWindow();
  await sleep(10_000);
  otherPercent = cpu().perComponent['everything else'].percentOfOneCore;
  const waited = performance.now() - quietStarted;
  if (otherPercent < 33 || waited > QUIET_WAIT_MS) break;
  log(
    `the rest of the machine uses ${otherPercent}% of a core; waiting for it to quiet down (${(
      waited / 1000
    ).toFixed(0)} s so far)`,
  );
}
const quiet = {
  waitedSeconds: round((performance.now() - quietStarted) / 1000),
  otherPercentOfOneCoreBeforeBurst: otherPercent,
};
await refreshTokens();
// Let the backend settle after the sign-ups (argon2) before measuring.
await sleep(5000);
const loadAverageBeforeBurst = readFileSync('/proc/loadavg', 'utf8')
  .split(' ')
  .slice(0, 3)
  .join(' ');
const rssBefore = rssBytes(backendPid)!;
peakRss = rssBefore;
timelineZero = performance.now();
const stopSampler = startSampler();

type Timed = { at: number; ms: number };

/** One student's page polling their desktops, one request at a time, while `running()`. */
function lightGets(token: string, running: () => boolean): Promise<Timed[]> {
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
function livenessProbes(running: () => boolean): Promise<Timed[]> {
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
const within = (samples: Timed[], from: number, to: number) =>
  samples.filter(s => s.at >= from && s.at <= to).map(s => s.ms);

// ---- 1. the burst ---------------------------------------------------------------

log(`launching ${DESKTOPS} desktops, ${CONCURRENCY} calls in flight`);
const created = new Map<string, number>(); // desktop id → student index
const answeredAt = new Map<string, number>(); // desktop id → when its call was answered
const createMs: number[] = [];
const createSamples: Timed[] = [];
const createFailures: Record<string, number> = {};
let burstDone = false;
const cpuOfBurst = cpuWindow();
const eventsAtStart = watchEvents;
const requestsBefore = await kube.requestCounts();
Object.assign(eventCounts, { ADDED: 0, MODIFIED: 0, DELETED: 0 });
const burstStarted = performance.now();
const burstStartedWall = Date.now();
timelineZero = burstStarted;
const burstLightGets = lightGets(students[0], () => !burstDone);
const burstProbes = livenessProbes(() => !burstDone);
const creating = pool(DESKTOPS, CONCURRENCY, async i => {
  const student = i % STUDENTS;
  const res = await timed(students[student], 'POST', '/desktops', {
    imageId: 'linux-desktop',
    name: `class-${i + 1}`,
  });
  createMs.push(res.ms);
  createSamples.push({ at: performance.now(), ms: res.ms });
  if (res.status === 202) {
    created.set(res.json.id, student);
    answeredAt.set(res.json.id, performance.now());
  } else {
    const key = `${res.status} ${res.error ?? ''}`.slice(0, 160);
    createFailures[key] = (createFailures[key] ?? 0) + 1;
  }
});
let callsDoneAt = 0;
void creating.then(() => {
  callsDoneAt = performance.now();
  log(
    `all ${DESKTOPS} launch calls answered in ${(
      (callsDoneAt - burstStarted) /
      1000
    ).toFixed(1)} s`,
  );
});

const listAllMs: number[] = [];
let rows: Row[] = [];
let allPodsRunningAt: number | undefined;
let settledAt: number | undefined;
for (;;) {
  await sleep(2000);
  const listed = await listAll();
  listAllMs.push(listed.ms);
  rows = listed.rows;
  const states: Record<string, number> = {};
  for (const row of rows) states[row.state] = (states[row.state] ?? 0) + 1;
  rowsRunningNow = states.running ?? 0;
  if (
    allPodsRunningAt === undefined &&
    podsRunning >= created.size &&
    callsDoneAt
  ) {
    allPodsRunningAt = performance.now();
  }
  const elapsed = performance.now() - burstStarted;
  log(
    `${(elapsed / 1000).toFixed(1)} s: rows ${JSON.stringify(
      states,
    )}, pods running ${podsRunning}, watch events ${
      watchEvents - eventsAtStart
    }`,
  );
  const unsettled = rows.filter(
    r => r.state !== 'running' && r.state !== 'error',
  ).length;
  if (callsDoneAt && unsettled === 0 && rows.length === created.size) {
    settledAt = performance.now();
    // Pods of desktops in error never run; all the others have to.
    if (allPodsRunningAt !== undefined || podsRunning >= rowsRunningNow) break;
  }
  if (elapsed > TIMEOUT_MS) {
    log(`giving up after ${TIMEOUT_MS / 1000} s`);
    break;
  }
}
burstDone = true;
const burstCpu = cpuOfBurst();
const burstEvents = watchEvents - eventsAtStart;
const burstEventCounts = { ...eventCounts };
const burstLatencyOfGets = await burstLightGets;
const burstLiveness = await burstProbes;
const requestsAfter = await kube.requestCounts();
const apiServerRequests = [...requestsAfter]
  .map(([key, count]) => [key, count - (requestsBefore.get(key) ?? 0)] as const)
  .filter(([, count]) => count > 0)
  .sort((a, b) => b[1] - a[1]);
const apiServerTotal = apiServerRequests
  .filter(([key]) => !key.startsWith('rejected'))
  .reduce((sum, [, count]) => sum + count, 0);

const rowsRunning = rows.filter(r => r.state === 'running');
const rowsFailed = rows.filter(r => r.state === 'error');
const failureReasons: Record<string, number> = {};
for (const row of rowsFailed) {
  const reason = (row.stateReason ?? '').slice(0, 200);
  failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
}
const rowsRunningSeconds = rowsRunning.length
  ? (Math.max(...rowsRunning.map(r => Date.parse(r.startedAt!))) -
      burstStartedWall) /
    1000
  : NaN;
const podRunningTimes = [...pods.values()]
  .filter(p => p.runningAt !== undefined)
  .map(p => (p.runningAt! - burstStarted) / 1000);
const podsRunningSeconds = podRunningTimes.length
  ? Math.max(...podRunningTimes)
  : NaN;
const rowRunningTimes = rowsRunning.map(
  r => (Date.parse(r.startedAt!) - burstStartedWall) / 1000,
);
const lastRunningSeconds = Math.max(
  Number.isNaN(rowsRunningSeconds) ? 0 : rowsRunningSeconds,
  Number.isNaN(podsRunningSeconds) ? 0 : podsRunningSeconds,
);
const lastRunningAt = burstStarted + lastRunningSeconds * 1000;
/** Where a desktop's time went, in seconds (p50 and max over the class). */
const phase = (values: number[]) => ({
  p50: round(percentile(values, 50), 2),
  max: round(Math.max(...values), 2),
});
const podsOf = [...pods.values()].filter(
  p => p.desktopId && created.has(p.desktopId),
);
const phases = {
  launchCallAnswered: phase(
    [...answeredAt.values()].map(t => (t - burstStarted) / 1000),
  ),
  callAnsweredToPodCreated: phase(
    podsOf
      .filter(p => p.createdAt !== undefined && answeredAt.has(p.desktopId!))
      .map(p => (p.createdAt! - answeredAt.get(p.desktopId!)!) / 1000),
  ),
  podCreatedToScheduled: phase(
    podsOf
      .filter(p => p.scheduledAt !== undefined)
      .map(p => (p.scheduledAt! - p.createdAt!) / 1000),
  ),
  podScheduledToRunning: phase(
    podsOf
      .filter(p => p.runningAt !== undefined)
      .map(p => (p.runningAt! - p.scheduledAt!) / 1000),
  ),
  podRunningToRowRunning: phase(
    rowsRunning
      .filter(
        r => pods.get(`labstage-desktop-${r.id}`)?.runningAt !== undefined,
      )
      .map(
        r =>
          (Date.parse(r.startedAt!) - burstStartedWall) / 1000 -
          (pods.get(`labstage-desktop-${r.id}`)!.runningAt! - burstStarted) /
            1000,
      ),
  ),
};
const perNode: Record<string, number> = {};
for (const p of pods.values())
  if (p.node) perNode[p.node] = (perNode[p.node] ?? 0) + 1;
const nodeCounts = Object.values(perNode);

const burst = {
  desktops: DESKTOPS,
  students: STUDENTS,
  nodes: NODES,
  concurrency: CONCURRENCY,
  created: created.size,
  createFailures,
  launchCallsSeconds: round((callsDoneAt - burstStarted) / 1000, 2),
  allRunning:
    rowsRunning.length === DESKTOPS && podRunningTimes.length >= DESKTOPS,
  rowsRunning: rowsRunning.length,
  rowsFailed: rowsFailed.length,
  failureReasons,
  /** Seconds from the first launch call until the last pod was Running (bench watch). */
  podsRunningSeconds: round(podsRunningSeconds, 2),
  /** Seconds from the first launch call until the last row was `running` (its startedAt). */
  rowsRunningSeconds: round(rowsRunningSeconds, 2),
  rowRunningSecondsP50: round(percentile(rowRunningTimes, 50), 2),
  podRunningSecondsP50: round(percentile(podRunningTimes, 50), 2),
  settledSeconds: settledAt
    ? round((settledAt - burstStarted) / 1000, 2)
    : null,
  phases,
  apiServer: {
    requests: apiServerTotal,
    perDesktop: round(apiServerTotal / Math.max(1, created.size)),
    rejected: requestsAfter.get('rejected by priority and fairness') ?? 0,
    top: Object.fromEntries(apiServerRequests.slice(0, 30)),
  },
  podsPerNode: {
    min: Math.min(...nodeCounts),
    max: Math.max(...nodeCounts),
    nodes: nodeCounts.length,
  },
  createLatencyMs: latencySummary(createMs),
  /** The whole burst window, until every desktop ran or failed. */
  listMineLatencyMs: latencySummary(burstLatencyOfGets.map(x => x.ms)),
  livenessLatencyMs: latencySummary(burstLiveness.map(x => x.ms)),
  adminListAllLatencyMs: latencySummary(listAllMs),
  /** While launch calls were in flight. */
  duringLaunchCalls: {
    seconds: round((callsDoneAt - burstStarted) / 1000, 2),
    listMineLatencyMs: latencySummary(
      within(burstLatencyOfGets, burstStarted, callsDoneAt),
    ),
    livenessLatencyMs: latencySummary(
      within(burstLiveness, burstStarted, callsDoneAt),
    ),
    timeline: timelineWindow(timeline, 0, (callsDoneAt - burstStarted) / 1000),
  },
  /**
   * Until the last desktop that ran was running: the busy part of the burst
   * (the whole window also waits out any desktop that never starts).
   */
  untilLastRunning: {
    seconds: round(lastRunningSeconds, 2),
    listMineLatencyMs: latencySummary(
      within(burstLatencyOfGets, burstStarted, lastRunningAt),
    ),
    livenessLatencyMs: latencySummary(
      within(burstLiveness, burstStarted, lastRunningAt),
    ),
    timeline: timelineWindow(timeline, 0, lastRunningSeconds),
  },
  cpu: burstCpu,
  watch: {
    source:
      "the bench's own pod watch (cluster-admin), not the runtime's watchEventsHandled, which is not exposed outside the backend process",
    events: burstEvents,
    byType: burstEventCounts,
    perSecond: round(burstEvents / burstCpu.wallSeconds),
  },
};
log(`burst: ${JSON.stringify(burst, null, 2)}`);

// After the burst: the reconciler's passes over the whole class go on.
await sleep(10_000);
const rssAfter = rssBytes(backendPid)!;
const memory = {
  rssBeforeMiB: round(rssBefore / MiB),
  rssPeakMiB: round(peakRss / MiB),
  rssAfterMiB: round(rssAfter / MiB),
  /** Peak minus before: what the target is held to. */
  rssGrowthMiB: round((peakRss - rssBefore) / MiB),
  rssGrowthAfterMiB: round((rssAfter - rssBefore) / MiB),
};
log(`memory: ${JSON.stringify(memory)}`);

// ---- 2. pods deleted behind Labstage's back ------------------------------------

const byId = new Map(rowsRunning.map(r => [r.id, r]));
const podOf = (id: string) => `labstage-desktop-${id}`;
const runningIds = [...byId.keys()].filter(
  id => pods.get(podOf(id))?.runningAt !== undefined,
);
const step = Math.max(1, Math.floor(runningIds.length / DELETED_PODS));
const victims = new Set(
  runningIds.filter((_, i) => i % step === 0).slice(0, DELETED_PODS),
);
const bystanders = runningIds.filter(id => !victims.has(id));
log(`deleting ${victims.size} pods as cluster admin`);
let deletionDone = false;
const cpuOfDeletion = cpuWindow();
const eventsBeforeDeletion = watchEvents;
const deletionStarted = performance.now();
const deletionStartedWall = Date.now();
const deletionLightGets = lightGets(students[0], () => !deletionDone);
const deleteStatuses: Record<string, number> = {};
await pool(victims.size, 20, async i => {
  const status = await kube.deletePod(namespace, podOf([...victims][i]));
  deleteStatuses[status] = (deleteStatuses[status] ?? 0) + 1;
});
const deleteCallsSeconds = (performance.now() - deletionStarted) / 1000;
const noticedAt = new Map<string, number>(); // id → seconds (row updatedAt)
let victimRows: Row[] = [];
let bystanderRowsNotRunning: Row[] = [];
for (;;) {
  await sleep(1000);
  const { rows: now } = await listAll();
  const current = new Map(now.map(r => [r.id, r]));
  victimRows = [...victims].map(id => current.get(id)!).filter(Boolean);
  for (const row of victimRows) {
    if (row.state !== 'running' && !noticedAt.has(row.id)) {
      noticedAt.set(
        row.id,
        (Date.parse(row.updatedAt) - deletionStartedWall) / 1000,
      );
    }
  }
  bystanderRowsNotRunning = bystanders
    .map(id => current.get(id))
    .filter((r): r is Row => !r || r.state !== 'running');
  const settled = victimRows.every(
    r => r.state === 'error' || r.state === 'stopped',
  );
  if (noticedAt.size === victims.size && settled) break;
  if (performance.now() - deletionStarted > 120_000) {
    log('not all deleted pods were noticed within 120 s');
    break;
  }
}
const noticedSeconds = (performance.now() - deletionStarted) / 1000;
const victimPodsGone = [...victims].filter(
  id => pods.get(podOf(id))?.deletedAt !== undefined,
);
// A reconciler pass later (every 10 s), nothing else may have moved.
await sleep(12_000);
deletionDone = true;
const deletionCpu = cpuOfDeletion();
const { rows: later } = await listAll();
const laterById = new Map(later.map(r => [r.id, r]));
const victimStatesLater: Record<string, number> = {};
for (const id of victims) {
  const state = laterById.get(id)?.state ?? 'gone';
  victimStatesLater[state] = (victimStatesLater[state] ?? 0) + 1;
}
const bystandersDisturbed = bystanders.filter(id => {
  const pod = pods.get(podOf(id));
  return (
    laterById.get(id)?.state !== 'running' ||
    !pod ||
    pod.deletedAt !== undefined ||
    pod.terminating ||
    pod.phase !== 'Running'
  );
});
const reasons: Record<string, number> = {};
for (const row of victimRows) {
  const reason = `${row.state}: ${row.stateReason ?? ''}`;
  reasons[reason] = (reasons[reason] ?? 0) + 1;
}
const noticed = [...noticedAt.values()];
const deletion = {
  pods: victims.size,
  deleteStatuses,
  deleteCallsSeconds: round(deleteCallsSeconds, 2),
  podsGone: victimPodsGone.length,
  noticed: noticed.length,
  /** Seconds from the first delete until the last row left `running` (its updatedAt). */
  allNoticedSeconds: noticed.length ? round(Math.max(...noticed), 2) : null,
  noticedSecondsP50: noticed.length ? round(percentile(noticed, 50), 2) : null,
  pollSeconds: round(noticedSeconds, 2),
  reasons,
  statesOneReconcilePassLater: victimStatesLater,
  bystanders: bystanders.length,
  bystandersDisturbed: bystandersDisturbed.length,
  bystandersNotRunningDuring: bystanderRowsNotRunning.length,
  watchEvents: watchEvents - eventsBeforeDeletion,
  listMineLatencyMs: latencySummary((await deletionLightGets).map(x => x.ms)),
  cpu: deletionCpu,
};
log(`deletion: ${JSON.stringify(deletion, null, 2)}`);

// ---- 3. the class ends: every desktop deleted through the API ------------------

log(`deleting all ${later.length} desktops through the API`);
await refreshTokens();
const cleanupStarted = performance.now();
const deleteMs: number[] = [];
const deleteFailures: Record<string, number> = {};
const toDelete = later.filter(r => created.has(r.id));
await pool(toDelete.length, CONCURRENCY, async i => {
  const row = toDelete[i];
  const res = await timed(
    students[created.get(row.id)!],
    'DELETE',
    `/desktops/${row.id}`,
  );
  deleteMs.push(res.ms);
  if (res.status !== 204) {
    const key = `${res.status} ${res.error ?? ''}`.slice(0, 160);
    deleteFailures[key] = (deleteFailures[key] ?? 0) + 1;
  }
});
let remainingRows = -1;
let remainingPods = -1;
for (;;) {
  remainingRows = (await listAll()).rows.length;
  remainingPods = [...pods.values()].filter(
    p => p.deletedAt === undefined,
  ).length;
  if (
    (remainingRows === 0 && remainingPods === 0) ||
    performance.now() - cleanupStarted > 300_000
  )
    break;
  await sleep(500);
}
const cleanupSeconds = (performance.now() - cleanupStarted) / 1000;
// Released volumes are deleted last, and asynchronously: give them a minute.
for (let i = 0; i < 120; i++) {
  if ((await kube.list('/api/v1/persistentvolumes')).items.length === 0) break;
  await sleep(500);
}
stopSampler();
const leftovers = {
  rows: remainingRows,
  pods: remainingPods,
  persistentVolumes: (await kube.list('/api/v1/persistentvolumes')).items
    .length,
  persistentVolumesAfterSeconds: round(
    (performance.now() - cleanupStarted) / 1000 - cleanupSeconds,
    1,
  ),
  claims: (
    await kube.list(`/api/v1/namespaces/${namespace}/persistentvolumeclaims`)
  ).items.length,
  secrets: (
    await kube.list<{ type: string }>(`/api/v1/namespaces/${namespace}/secrets`)
  ).items.filter(s => s.type !== 'kubernetes.io/service-account-token').length,
  networkPolicies: (
    await kube.list(
      `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`,
    )
  ).items.length,
  homeFolders:
    homesDir && existsSync(homesDir) ? readdirSync(homesDir).length : null,
};
stopWatch();
const cleanup = {
  seconds: round(cleanupSeconds, 2),
  deleteLatencyMs: latencySummary(deleteMs),
  deleteFailures,
  leftovers,
};
log(`cleanup: ${JSON.stringify(cleanup, null, 2)}`);

// What the backend logged meanwhile (warnings are where trouble shows).
const backendWarnings: Record<string, number> = {};
if (backendLog && existsSync(backendLog)) {
  for (const line of readFileSync(backendLog, 'utf8').split('\n')) {
    if (!/"level":"(warn|error)"|\b(warn|error)\b/i.test(line)) continue;
    const message = (/"message":"([^"]*)"/.exec(line)?.[1] ?? line)
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '<id>')
      .replace(/\d+/g, 'N')
      .slice(0, 160);
    backendWarnings[message] = (backendWarnings[message] ?? 0) + 1;
  }
}

const result = {
  targets: TARGETS,
  machine: { loadAverageAtStart, loadAverageBeforeBurst, ...quiet },
  signUpSeconds: round(signUpSeconds),
  burst,
  memory,
  deletion,
  cleanup,
  backendWarnings,
  /** Every 5 s of the run (from the burst on), one line each; the full timeline is in CLASS_TIMELINE_FILE. */
  timelineColumns: Object.keys(timeline[0] ?? {}),
  timeline: timeline
    .filter((_, i) => i % 5 === 4)
    .map(sample => Object.values(sample).join(' ')),
};
recordResult('class.start', result);
if (process.env.CLASS_TIMELINE_FILE) {
  writeFileSync(process.env.CLASS_TIMELINE_FILE, JSON.stringify(timeline));
}
log(
  `done: all running ${burst.allRunning} (rows ${burst.rowsRunningSeconds} s, pods ${burst.podsRunningSeconds} s), launch p99 ${burst.createLatencyMs.p99} ms, list p99 ${burst.listMineLatencyMs.p99} ms, RSS growth ${memory.rssGrowthMiB} MiB`,
);
