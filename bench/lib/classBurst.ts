// The class-start benchmark's burst (bench/class-start.ts): every student
// launches a desktop at once through the API, a bounded number of launch
// calls in flight, while one student lists their desktops and the backend's
// liveness is probed; the admin's list of all desktops is polled every 2 s
// until every desktop runs or failed (or the timeout).
import type { KubeAdmin } from './kubeAdmin.ts';
import type { ClassAccounts } from './classAccounts.ts';
import {
  lightGets,
  livenessProbes,
  pool,
  timed,
  type Row,
  type Timed,
} from './classApi.ts';
import { cpuWindow, type ClassSampler, type Components } from './classCpu.ts';
import type { PodTally } from './classPods.ts';
import { burstSummary } from './classBurstSummary.ts';
import { log, sleep } from './classCommon.ts';

export type BurstSettings = {
  desktops: number;
  students: number;
  nodes: number;
  concurrency: number;
  timeoutMs: number;
};

export async function runBurst({
  settings,
  accounts,
  kube,
  tally,
  sampler,
  components,
}: {
  settings: BurstSettings;
  accounts: ClassAccounts;
  kube: KubeAdmin;
  tally: PodTally;
  sampler: ClassSampler;
  components: Components;
}) {
  const { desktops, students, concurrency, timeoutMs } = settings;
  log(`launching ${desktops} desktops, ${concurrency} calls in flight`);
  const created = new Map<string, number>(); // desktop id → student index
  const answeredAt = new Map<string, number>(); // desktop id → when its call was answered
  const createMs: number[] = [];
  const createSamples: Timed[] = [];
  const createFailures: Record<string, number> = {};
  let burstDone = false;
  const cpuOfBurst = cpuWindow(components);
  const eventsAtStart = tally.watchEvents;
  const requestsBefore = await kube.requestCounts();
  tally.resetEventCounts();
  const burstStarted = performance.now();
  const burstStartedWall = Date.now();
  sampler.zero = burstStarted;
  const burstLightGets = lightGets(accounts.students[0], () => !burstDone);
  const burstProbes = livenessProbes(() => !burstDone);
  const creating = pool(desktops, concurrency, async i => {
    const student = i % students;
    const res = await timed(accounts.students[student], 'POST', '/desktops', {
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
      `all ${desktops} launch calls answered in ${(
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
    const listed = await accounts.listAll();
    listAllMs.push(listed.ms);
    rows = listed.rows;
    const states: Record<string, number> = {};
    for (const row of rows) states[row.state] = (states[row.state] ?? 0) + 1;
    sampler.rowsRunning = states.running ?? 0;
    if (
      allPodsRunningAt === undefined &&
      tally.podsRunning >= created.size &&
      callsDoneAt
    ) {
      allPodsRunningAt = performance.now();
    }
    const elapsed = performance.now() - burstStarted;
    log(
      `${(elapsed / 1000).toFixed(1)} s: rows ${JSON.stringify(
        states,
      )}, pods running ${tally.podsRunning}, watch events ${
        tally.watchEvents - eventsAtStart
      }`,
    );
    const unsettled = rows.filter(
      r => r.state !== 'running' && r.state !== 'error',
    ).length;
    if (callsDoneAt && unsettled === 0 && rows.length === created.size) {
      settledAt = performance.now();
      // Pods of desktops in error never run; all the others have to.
      if (
        allPodsRunningAt !== undefined ||
        tally.podsRunning >= sampler.rowsRunning
      )
        break;
    }
    if (elapsed > timeoutMs) {
      log(`giving up after ${timeoutMs / 1000} s`);
      break;
    }
  }
  burstDone = true;
  const cpu = cpuOfBurst();
  const events = tally.watchEvents - eventsAtStart;
  const eventCounts = { ...tally.eventCounts };
  const listMine = await burstLightGets;
  const liveness = await burstProbes;
  const requestsAfter = await kube.requestCounts();

  const summary = burstSummary({
    settings,
    created,
    answeredAt,
    createMs,
    createFailures,
    burstStarted,
    burstStartedWall,
    callsDoneAt,
    settledAt,
    rows,
    listAllMs,
    listMine,
    liveness,
    cpu,
    events,
    eventCounts,
    requestsBefore,
    requestsAfter,
    pods: tally.pods,
    timeline: sampler.timeline,
  });
  log(`burst: ${JSON.stringify(summary.burst, null, 2)}`);
  return { ...summary, created };
}
