// Idle memory: PSS per desktop across N idle desktops with no viewer.
// PSS splits shared pages (the image's libraries) between the processes that
// map them, so it is the fair per-desktop share.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { LabstageSession } from './lib/platform.ts';
import { summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

const count = Number(process.env.BENCH_IDLE_DESKTOPS ?? 20);
const settleMs = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 30_000);

function containerId(desktopId: string): string {
  return execFileSync(
    'docker',
    ['inspect', '-f', '{{.Id}}', `labstage-desktop-${desktopId}`],
    {
      encoding: 'utf8',
    },
  ).trim();
}

/** Sum of PSS (KiB) over the processes whose cgroup names the container. */
function containerPssKiB(id: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id)) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // the process exited while we looked
    }
  }
  return total;
}

const session = await LabstageSession.signIn(
  'admin',
  process.env.BENCH_ADMIN_PASSWORD ?? 'admin-demo-pass',
);
const ids: string[] = [];
try {
  for (let i = 0; i < count; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, count - i) }, (_, j) =>
        session.launch(undefined, `bench-idle-${i + j}`),
      ),
    );
    ids.push(...batch.map(d => d.id));
    await Promise.all(batch.map(d => session.waitForState(d.id, 'running')));
  }
  console.log(
    `${ids.length} desktops running; letting them settle for ${
      settleMs / 1000
    } s`,
  );
  await new Promise(r => setTimeout(r, settleMs));
  const pssMiB = ids.map(id => containerPssKiB(containerId(id)) / 1024);
  console.log(
    `PSS per desktop (MiB): ${pssMiB.map(v => v.toFixed(1)).join(', ')}`,
  );
  recordResult('idle.pss', {
    unit: 'MiB',
    desktops: ids.length,
    ...summarize(pssMiB),
  });
} finally {
  await Promise.all(ids.map(id => session.remove(id).catch(() => undefined)));
}
