// CPU and memory for the class-start benchmark (bench/class-start.ts): the
// processes it watches (the backend, the cluster's, PostgreSQL's, its own),
// their CPU over a window of the run, and a sampler that keeps the backend's
// peak RSS and the per-second timeline (bench/lib/classTimeline.ts).
import { existsSync, readFileSync } from 'node:fs';
import type { Sample } from './classTimeline.ts';
import type { PodTally } from './classPods.ts';
import {
  CpuMeter,
  cpuSeconds,
  machineCpu,
  pidsNamed,
  rssBytes,
} from './procStats.ts';
import { MiB, round } from './classCommon.ts';

/** The processes measured, by name: a function that finds their pids. */
export type Components = Record<string, () => number[]>;

export function classComponents(
  backendPid: number,
  kubernetesDir: string,
): Components {
  const clusterPids = (name: string) => () => {
    const file = `${kubernetesDir}/${name}.pid`;
    return existsSync(file) ? [Number(readFileSync(file, 'utf8').trim())] : [];
  };
  return {
    backend: () => [backendPid],
    'kube-apiserver': clusterPids('kube-apiserver'),
    kine: clusterPids('kine'),
    'kube-controller-manager': clusterPids('kube-controller-manager'),
    'kube-scheduler': clusterPids('kube-scheduler'),
    kwok: clusterPids('kwok'),
    postgres: () => pidsNamed('postgres'),
    'this bench': () => [process.pid],
  };
}

/** The machine's load averages (1, 5 and 15 minutes), as /proc/loadavg says. */
export const loadAverage = () =>
  readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU of each component and of the machine over a window. */
export function cpuWindow(components: Components) {
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

/** What a window of `cpuWindow` measured. */
export type CpuUse = ReturnType<ReturnType<typeof cpuWindow>>;

/**
 * The backend's RSS four times a second (its peak) and, once a second, a
 * sample of the timeline: CPU of the backend, the cluster and the rest of
 * the machine, and the progress of the class.
 */
export class ClassSampler {
  readonly timeline: Sample[] = [];
  rssBefore = 0;
  peakRss = 0;
  /** Desktops `running` as the burst last listed them. */
  rowsRunning = 0;
  /** When t = 0 in the timeline (performance.now()). */
  zero = performance.now();
  private readonly backendPid: number;
  private readonly components: Components;
  private readonly tally: PodTally;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(backendPid: number, components: Components, tally: PodTally) {
    this.backendPid = backendPid;
    this.components = components;
    this.tally = tally;
  }

  /** Takes the backend's RSS before, then samples from now on. */
  start() {
    const backendPid = this.backendPid;
    this.rssBefore = rssBytes(backendPid)!;
    this.peakRss = this.rssBefore;
    this.zero = performance.now();
    const cpuOf = (name: string) => cpuSeconds(this.components[name]()[0]) ?? 0;
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
    this.timer = setInterval(() => {
      const rss = rssBytes(backendPid) ?? 0;
      this.peakRss = Math.max(this.peakRss, rss);
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
      this.timeline.push({
        t: round((now.at - this.zero) / 1000),
        backendCpuPercent: round(
          (100 * (now.backend - last.backend)) / seconds,
        ),
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
        podsRunning: this.tally.podsRunning,
        rowsRunning: this.rowsRunning,
        watchEvents: this.tally.watchEvents,
      });
      last = now;
    }, 250);
  }

  stop() {
    clearInterval(this.timer);
  }

  /** The backend's RSS before, at its peak so far and now. */
  memory() {
    const rssAfter = rssBytes(this.backendPid)!;
    return {
      rssBeforeMiB: round(this.rssBefore / MiB),
      rssPeakMiB: round(this.peakRss / MiB),
      rssAfterMiB: round(rssAfter / MiB),
      /** Peak minus before: what the target is held to. */
      rssGrowthMiB: round((this.peakRss - this.rssBefore) / MiB),
      rssGrowthAfterMiB: round((rssAfter - this.rssBefore) / MiB),
    };
  }
}
