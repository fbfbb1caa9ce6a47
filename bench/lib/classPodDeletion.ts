// The class-start benchmark's pods deleted behind Labstage's back
// (bench/class-start.ts): the bench deletes some Running pods as cluster
// admin and measures how soon their desktops leave `running`, what they end
// as, and that the other desktops are left alone.
import type { KubeAdmin } from './kubeAdmin.ts';
import type { ClassAccounts } from './classAccounts.ts';
import { latencySummary, lightGets, pool, type Row } from './classApi.ts';
import { cpuWindow, type Components } from './classCpu.ts';
import { podOf, type PodTally } from './classPods.ts';
import { percentile } from './stats.ts';
import { log, round, sleep } from './classCommon.ts';

/**
 * Deletes `count` pods of the desktops that ran (spread evenly over them),
 * then polls the admin's list every second until each of their desktops
 * left `running` and settled (at most 120 s), and once more a reconciler
 * pass later. Returns the result and that last list.
 */
export async function deletePodsBehindItsBack({
  count,
  rowsRunning,
  accounts,
  kube,
  namespace,
  tally,
  components,
}: {
  count: number;
  rowsRunning: Row[];
  accounts: ClassAccounts;
  kube: KubeAdmin;
  namespace: string;
  tally: PodTally;
  components: Components;
}) {
  const { pods } = tally;
  const byId = new Map(rowsRunning.map(r => [r.id, r]));
  const runningIds = [...byId.keys()].filter(
    id => pods.get(podOf(id))?.runningAt !== undefined,
  );
  const step = Math.max(1, Math.floor(runningIds.length / count));
  const victims = new Set(
    runningIds.filter((_, i) => i % step === 0).slice(0, count),
  );
  const bystanders = runningIds.filter(id => !victims.has(id));
  log(`deleting ${victims.size} pods as cluster admin`);
  let deletionDone = false;
  const cpuOfDeletion = cpuWindow(components);
  const eventsBeforeDeletion = tally.watchEvents;
  const deletionStarted = performance.now();
  const deletionStartedWall = Date.now();
  const deletionLightGets = lightGets(
    accounts.students[0],
    () => !deletionDone,
  );
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
    const { rows: now } = await accounts.listAll();
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
  const { rows: later } = await accounts.listAll();
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
    noticedSecondsP50: noticed.length
      ? round(percentile(noticed, 50), 2)
      : null,
    pollSeconds: round(noticedSeconds, 2),
    reasons,
    statesOneReconcilePassLater: victimStatesLater,
    bystanders: bystanders.length,
    bystandersDisturbed: bystandersDisturbed.length,
    bystandersNotRunningDuring: bystanderRowsNotRunning.length,
    watchEvents: tally.watchEvents - eventsBeforeDeletion,
    listMineLatencyMs: latencySummary((await deletionLightGets).map(x => x.ms)),
    cpu: deletionCpu,
  };
  log(`deletion: ${JSON.stringify(deletion, null, 2)}`);
  return { deletion, later };
}
