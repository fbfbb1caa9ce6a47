// The class-start benchmark's timeline (bench/class-start.ts): one sample a
// second of the backend's CPU and RSS, the cluster's CPU, the machine and the
// progress of the class, and its averages over a window of the run.
const round = (v: number, digits = 1) => Number(v.toFixed(digits));

/** A timeline, once a second: backend CPU and RSS, the machine, progress. */
export type Sample = {
  t: number;
  backendCpuPercent: number;
  backendRssMiB: number;
  machineBusyPercent: number;
  apiserverCpuPercent: number;
  kineCpuPercent: number;
  schedulerCpuPercent?: number;
  controllerManagerCpuPercent?: number;
  /** Everything on the machine that is not the backend or the cluster. */
  otherCpuPercent?: number;
  podsRunning: number;
  rowsRunning: number;
  watchEvents: number;
};
/**
 * The timeline's averages over [fromS, toS] (seconds after the burst
 * started): CPU of each process in % of one core, the machine's busy %,
 * pod watch events per second and the backend's peak RSS.
 */
export function timelineWindow(samples: Sample[], fromS: number, toS: number) {
  const inside = samples.filter(x => x.t > fromS && x.t <= toS);
  if (inside.length === 0) return null;
  const mean = (key: keyof Sample) => {
    const values = inside
      .map(x => x[key])
      .filter((v): v is number => v !== undefined);
    return values.length
      ? round(values.reduce((a, b) => a + b, 0) / values.length)
      : null;
  };
  const before = samples.filter(x => x.t <= fromS).pop();
  const last = inside[inside.length - 1];
  const seconds = last.t - (before?.t ?? 0);
  return {
    fromSeconds: fromS,
    toSeconds: round(toS),
    cpuPercentOfOneCore: {
      backend: mean('backendCpuPercent'),
      'kube-apiserver': mean('apiserverCpuPercent'),
      kine: mean('kineCpuPercent'),
      'kube-scheduler': mean('schedulerCpuPercent'),
      'kube-controller-manager': mean('controllerManagerCpuPercent'),
      'everything else': mean('otherCpuPercent'),
    },
    machineBusyPercent: mean('machineBusyPercent'),
    watchEventsPerSecond: round(
      (last.watchEvents - (before?.watchEvents ?? 0)) / seconds,
    ),
    backendPeakRssMiB: Math.max(...inside.map(x => x.backendRssMiB)),
  };
}
