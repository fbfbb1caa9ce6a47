// The end of the class-start benchmark's class (bench/class-start.ts): every
// desktop deleted through the API by its student, and what is left behind
// in the database, the cluster and the homes folder.
import { existsSync, readdirSync } from 'node:fs';
import type { KubeAdmin } from './kubeAdmin.ts';
import type { ClassAccounts } from './classAccounts.ts';
import { latencySummary, pool, timed, type Row } from './classApi.ts';
import type { ClassSampler } from './classCpu.ts';
import type { PodTally } from './classPods.ts';
import { log, round, sleep } from './classCommon.ts';

/**
 * Deletes the class's desktops in `rows` (`concurrency` calls in flight),
 * waits until no row or pod is left (at most 300 s) and the volumes are
 * deleted (at most a minute), then stops the sampler and, once the
 * leftovers are counted, the pod watch.
 */
export async function deleteClass({
  rows,
  created,
  concurrency,
  accounts,
  kube,
  namespace,
  tally,
  homesDir,
  sampler,
  stopWatch,
}: {
  rows: Row[];
  /** Desktop id → student index. */
  created: Map<string, number>;
  concurrency: number;
  accounts: ClassAccounts;
  kube: KubeAdmin;
  namespace: string;
  tally: PodTally;
  homesDir: string | undefined;
  sampler: ClassSampler;
  stopWatch: () => void;
}) {
  log(`deleting all ${rows.length} desktops through the API`);
  await accounts.refresh();
  const cleanupStarted = performance.now();
  const deleteMs: number[] = [];
  const deleteFailures: Record<string, number> = {};
  const toDelete = rows.filter(r => created.has(r.id));
  await pool(toDelete.length, concurrency, async i => {
    const row = toDelete[i];
    const res = await timed(
      accounts.students[created.get(row.id)!],
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
    remainingRows = (await accounts.listAll()).rows.length;
    remainingPods = [...tally.pods.values()].filter(
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
    if ((await kube.list('/api/v1/persistentvolumes')).items.length === 0)
      break;
    await sleep(500);
  }
  sampler.stop();
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
      await kube.list<{ type: string }>(
        `/api/v1/namespaces/${namespace}/secrets`,
      )
    ).items.filter(s => s.type !== 'kubernetes.io/service-account-token')
      .length,
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
  return cleanup;
}
