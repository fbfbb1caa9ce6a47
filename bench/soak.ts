// Memory under a long class: the load benchmark's polling mix for
// SOAK_MINUTES (10), while a student launches a desktop, stops it and
// deletes it, again and again. The backend's resident set and V8 heap are
// read from its own metrics every 10 s; a plateau means the trend of the
// last half of the run grows by less than 5%.
import { LabstageSession } from './lib/platform.ts';
import { recordResult } from './lib/results.ts';
import { classStudents, pollingRoutes, runClassLoad } from './lib/classLoad.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const METRICS_URL =
  process.env.LABSTAGE_METRICS_URL ?? 'http://127.0.0.1:9464/metrics';
const SAMPLE_MS = 10_000;

type Sample = {
  atSeconds: number;
  rss: number;
  heapUsed: number;
  /** What the last full GC left: the live heap (undefined before the first). */
  liveHeap?: number;
};

/** The backend's memory, from labstage_process_* on its metrics endpoint. */
async function memory(): Promise<Omit<Sample, 'atSeconds'>> {
  const text = await (await fetch(METRICS_URL)).text();
  const gauge = (name: string) => {
    const line = text
      .split('\n')
      .find(l => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.split(' ').pop()) : undefined;
  };
  const required = (name: string) => {
    const value = gauge(name);
    if (value === undefined)
      throw new Error(`${name} is not on ${METRICS_URL}`);
    return value;
  };
  return {
    rss: required('labstage_process_resident_memory_bytes'),
    heapUsed: required('labstage_process_heap_used_bytes'),
    liveHeap: gauge('labstage_process_heap_live_after_full_gc_bytes'),
  };
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// Idle: the backend as started, quiet for 30 s, before anyone signs in.
await sleep(30_000);
const idle = await memory();

const students = await classStudents(20);
const routes = await pollingRoutes(students[0]);
const alice = await LabstageSession.signIn('alice', 'alice-demo-pass');

const started = Date.now();
const endAt = started + MINUTES * 60_000;
const samples: Sample[] = [];
const sampler = setInterval(async () => {
  const m = await memory();
  samples.push({ atSeconds: (Date.now() - started) / 1000, ...m });
}, SAMPLE_MS);

let desktopCycles = 0;
async function churnDesktops() {
  while (Date.now() < endAt - 30_000) {
    const desktop = await alice.launch();
    await alice.waitForState(desktop.id, 'running');
    await alice.call('POST', `/desktops/${desktop.id}/stop`);
    await alice.waitForState(desktop.id, 'stopped');
    await alice.remove(desktop.id);
    desktopCycles++;
  }
}

const [load] = await Promise.all([
  runClassLoad({
    students,
    routes,
    connections: CONNECTIONS,
    durationSeconds: MINUTES * 60,
  }),
  churnDesktops(),
]);
clearInterval(sampler);
// What the load leaves behind once the class has gone quiet for a minute.
await sleep(60_000);
const afterLoad = await memory();

/**
 * Growth over the run's last half, from the least-squares trend of its
 * samples (those that have the value), as a share of the half's mean. The
 * heap in use is a GC sawtooth (160-450 MiB within a minute), so its trend
 * depends on where the samples fall; the live heap after each full GC is
 * what shows a leak.
 */
function lastHalfGrowth(pick: (s: Sample) => number | undefined): number {
  const half = samples.filter(
    s => s.atSeconds >= (MINUTES * 60) / 2 && pick(s) !== undefined,
  );
  const n = half.length;
  const meanT = half.reduce((a, s) => a + s.atSeconds, 0) / n;
  const meanV = half.reduce((a, s) => a + pick(s)!, 0) / n;
  const slope =
    half.reduce((a, s) => a + (s.atSeconds - meanT) * (pick(s)! - meanV), 0) /
    half.reduce((a, s) => a + (s.atSeconds - meanT) ** 2, 0);
  const span = half[n - 1].atSeconds - half[0].atSeconds;
  return (slope * span) / meanV;
}

const measured = {
  minutes: MINUTES,
  connections: CONNECTIONS,
  desktopCycles,
  requests: load.overall.requests,
  errors: load.overall.errors,
  idleRssMiB: mib(idle.rss),
  idleHeapMiB: mib(idle.heapUsed),
  peakRssMiB: mib(Math.max(...samples.map(s => s.rss))),
  lastRssMiB: mib(samples[samples.length - 1].rss),
  afterLoadRssMiB: mib(afterLoad.rss),
  rssGrowthLastHalf: lastHalfGrowth(s => s.rss),
  heapGrowthLastHalf: lastHalfGrowth(s => s.heapUsed),
  liveHeapGrowthLastHalf: lastHalfGrowth(s => s.liveHeap),
  lastLiveHeapMiB: mib(samples.findLast(s => s.liveHeap)?.liveHeap ?? NaN),
  samples: samples.map(s => ({
    atSeconds: Math.round(s.atSeconds),
    rssMiB: mib(s.rss),
    heapMiB: mib(s.heapUsed),
    liveHeapMiB: s.liveHeap === undefined ? undefined : mib(s.liveHeap),
  })),
};
recordResult('api.soak', measured);
console.log(JSON.stringify({ ...measured, samples: undefined }, null, 2));
