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
import { readFileSync, writeFileSync } from 'node:fs';
import { recordResult } from './lib/results.ts';
import { KubeAdmin } from './lib/kubeAdmin.ts';
import { log, round, sleep } from './lib/classCommon.ts';
import { ClassAccounts } from './lib/classAccounts.ts';
import { PodTally } from './lib/classPods.ts';
import { ClassSampler, classComponents, loadAverage } from './lib/classCpu.ts';
import { waitForQuiet } from './lib/classQuiet.ts';
import { runBurst } from './lib/classBurst.ts';
import { deletePodsBehindItsBack } from './lib/classPodDeletion.ts';
import { deleteClass } from './lib/classCleanup.ts';
import { backendWarnings } from './lib/classWarnings.ts';

const DESKTOPS = Number(process.env.CLASS_DESKTOPS ?? 1000);
/** One desktop each; fewer students than desktops means several each (quota: 2). */
const STUDENTS = Number(process.env.CLASS_STUDENTS ?? DESKTOPS);
const CONCURRENCY = Number(process.env.CLASS_CONCURRENCY ?? 50);
const DELETED_PODS = Number(process.env.CLASS_DELETE_PODS ?? 100);
const NODES = Number(process.env.CLASS_NODES ?? 20);
const TIMEOUT_MS = Number(process.env.CLASS_TIMEOUT ?? 600) * 1000;
/** How long to wait for the rest of the machine to quiet down before the burst. */
const QUIET_WAIT_MS = Number(process.env.CLASS_QUIET_WAIT ?? 900) * 1000;
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

const kube = new KubeAdmin(kubernetesDir, kubeApiUrl);
const components = classComponents(backendPid, kubernetesDir);
const loadAverageAtStart = loadAverage();

const { accounts, signUpSeconds } = await ClassAccounts.signUp(
  STUDENTS,
  process.env.BENCH_ADMIN_PASSWORD ?? 'admin-demo-pass',
);
const tally = new PodTally();
const stopWatch = await kube.watchPods(namespace, tally.onWatchEvent);
if (tally.pods.size > 0)
  throw new Error(`the bench cluster has ${tally.pods.size} pods already`);

const quiet = await waitForQuiet(components, QUIET_WAIT_MS);
await accounts.refresh();
// Let the backend settle after the sign-ups (argon2) before measuring.
await sleep(5000);
const loadAverageBeforeBurst = loadAverage();
const sampler = new ClassSampler(backendPid, components, tally);
sampler.start();

// What every phase works with.
const run = { accounts, kube, namespace, tally, components, sampler };

// 1. the burst: every student launches at once.
const { burst, rowsRunning, created } = await runBurst({
  ...run,
  settings: {
    desktops: DESKTOPS,
    students: STUDENTS,
    nodes: NODES,
    concurrency: CONCURRENCY,
    timeoutMs: TIMEOUT_MS,
  },
});

// After the burst: the reconciler's passes over the whole class go on.
await sleep(10_000);
const memory = sampler.memory();
log(`memory: ${JSON.stringify(memory)}`);

// 2. pods deleted behind Labstage's back.
const { deletion, later } = await deletePodsBehindItsBack({
  ...run,
  count: DELETED_PODS,
  rowsRunning,
});

// 3. the class ends: every desktop deleted through the API.
const cleanup = await deleteClass({
  ...run,
  rows: later,
  created,
  concurrency: CONCURRENCY,
  homesDir,
  stopWatch,
});

const { timeline } = sampler;
const result = {
  targets: TARGETS,
  machine: { loadAverageAtStart, loadAverageBeforeBurst, ...quiet },
  signUpSeconds: round(signUpSeconds),
  burst,
  memory,
  deletion,
  cleanup,
  backendWarnings: backendWarnings(backendLog),
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
