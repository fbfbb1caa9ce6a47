// What the class-start benchmark's burst (bench/lib/classBurst.ts) comes
// to, from what it measured: how long until every desktop ran, where a
// desktop's time went, the API server's requests, the latencies and the CPU.
import { percentile } from './stats.ts';
import { timelineWindow, type Sample } from './classTimeline.ts';
import { latencySummary, within, type Row, type Timed } from './classApi.ts';
import type { CpuUse } from './classCpu.ts';
import { podOf, type PodSeen } from './classPods.ts';
import type { BurstSettings } from './classBurst.ts';
import { round } from './classCommon.ts';

export type BurstMeasured = {
  settings: BurstSettings;
  /** Desktop id → student index. */
  created: Map<string, number>;
  /** Desktop id → when its launch call was answered. */
  answeredAt: Map<string, number>;
  createMs: number[];
  createFailures: Record<string, number>;
  /** performance.now() and Date.now() of the first launch call. */
  burstStarted: number;
  burstStartedWall: number;
  /** When the last launch call was answered (0: never). */
  callsDoneAt: number;
  settledAt: number | undefined;
  /** The admin's last list of all desktops. */
  rows: Row[];
  listAllMs: number[];
  listMine: Timed[];
  liveness: Timed[];
  cpu: CpuUse;
  events: number;
  eventCounts: Record<string, number>;
  requestsBefore: Map<string, number>;
  requestsAfter: Map<string, number>;
  pods: Map<string, PodSeen>;
  timeline: Sample[];
};

/** The burst's result, and the desktops that ran. */
export function burstSummary(m: BurstMeasured) {
  const { settings, created, answeredAt, burstStarted, burstStartedWall } = m;
  const { callsDoneAt, rows, pods, timeline } = m;
  const apiServerRequests = [...m.requestsAfter]
    .map(
      ([key, count]) =>
        [key, count - (m.requestsBefore.get(key) ?? 0)] as const,
    )
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
        .filter(r => pods.get(podOf(r.id))?.runningAt !== undefined)
        .map(
          r =>
            (Date.parse(r.startedAt!) - burstStartedWall) / 1000 -
            (pods.get(podOf(r.id))!.runningAt! - burstStarted) / 1000,
        ),
    ),
  };
  const perNode: Record<string, number> = {};
  for (const p of pods.values())
    if (p.node) perNode[p.node] = (perNode[p.node] ?? 0) + 1;
  const nodeCounts = Object.values(perNode);

  const burst = {
    desktops: settings.desktops,
    students: settings.students,
    nodes: settings.nodes,
    concurrency: settings.concurrency,
    created: created.size,
    createFailures: m.createFailures,
    launchCallsSeconds: round((callsDoneAt - burstStarted) / 1000, 2),
    allRunning:
      rowsRunning.length === settings.desktops &&
      podRunningTimes.length >= settings.desktops,
    rowsRunning: rowsRunning.length,
    rowsFailed: rowsFailed.length,
    failureReasons,
    /** Seconds from the first launch call until the last pod was Running (bench watch). */
    podsRunningSeconds: round(podsRunningSeconds, 2),
    /** Seconds from the first launch call until the last row was `running` (its startedAt). */
    rowsRunningSeconds: round(rowsRunningSeconds, 2),
    rowRunningSecondsP50: round(percentile(rowRunningTimes, 50), 2),
    podRunningSecondsP50: round(percentile(podRunningTimes, 50), 2),
    settledSeconds: m.settledAt
      ? round((m.settledAt - burstStarted) / 1000, 2)
      : null,
    phases,
    apiServer: {
      requests: apiServerTotal,
      perDesktop: round(apiServerTotal / Math.max(1, created.size)),
      rejected: m.requestsAfter.get('rejected by priority and fairness') ?? 0,
      top: Object.fromEntries(apiServerRequests.slice(0, 30)),
    },
    podsPerNode: {
      min: Math.min(...nodeCounts),
      max: Math.max(...nodeCounts),
      nodes: nodeCounts.length,
    },
    createLatencyMs: latencySummary(m.createMs),
    /** The whole burst window, until every desktop ran or failed. */
    listMineLatencyMs: latencySummary(m.listMine.map(x => x.ms)),
    livenessLatencyMs: latencySummary(m.liveness.map(x => x.ms)),
    adminListAllLatencyMs: latencySummary(m.listAllMs),
    /** While launch calls were in flight. */
    duringLaunchCalls: {
      seconds: round((callsDoneAt - burstStarted) / 1000, 2),
      listMineLatencyMs: latencySummary(
        within(m.listMine, burstStarted, callsDoneAt),
      ),
      livenessLatencyMs: latencySummary(
        within(m.liveness, burstStarted, callsDoneAt),
      ),
      timeline: timelineWindow(
        timeline,
        0,
        (callsDoneAt - burstStarted) / 1000,
      ),
    },
    /**
     * Until the last desktop that ran was running: the busy part of the burst
     * (the whole window also waits out any desktop that never starts).
     */
    untilLastRunning: {
      seconds: round(lastRunningSeconds, 2),
      listMineLatencyMs: latencySummary(
        within(m.listMine, burstStarted, lastRunningAt),
      ),
      livenessLatencyMs: latencySummary(
        within(m.liveness, burstStarted, lastRunningAt),
      ),
      timeline: timelineWindow(timeline, 0, lastRunningSeconds),
    },
    cpu: m.cpu,
    watch: {
      source:
        "the bench's own pod watch (cluster-admin), not the runtime's watchEventsHandled, which is not exposed outside the backend process",
      events: m.events,
      byType: m.eventCounts,
      perSecond: round(m.events / m.cpu.wallSeconds),
    },
  };
  return { burst, rowsRunning };
}
