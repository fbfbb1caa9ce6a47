// The classroom grid and revocation (issue 12), on real Docker desktops: a
// class of CS101 students, each with a running course desktop, a few of
// them scrolling a terminal, and the teacher's Classroom tab polling every
// thumbnail (bench/lib/classroomGrid.ts). Measures:
// 1. backend CPU while the grid polls, against the same class without the
//    grid (before it opened and after its readers closed);
// 2. bytes per second per thumbnail on the wire (304s and headers counted);
// 3. change on a desktop → the grid has the changed picture;
// 4. revoke of a share → the viewer's gateway connection closed.
import { listenerPid, CpuMeter, machineCpu } from './lib/procStats.ts';
import { apiUrl, LabstageSession } from './lib/platform.ts';
import {
  courseIdOf,
  launchClass,
  removeClass,
  startScrolling,
  xvncPids,
  type Seat,
} from './lib/classroomClass.ts';
import { ClassroomGrid } from './lib/classroomGrid.ts';
import { measureDelay } from './lib/classroomDelay.ts';
import { revokeRound, type RevokeResult } from './lib/revokeTiming.ts';
import { percentile, summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

const desktops = Number(process.env.BENCH_CLASSROOM_DESKTOPS ?? 35);
const active = Number(process.env.BENCH_CLASSROOM_ACTIVE ?? 5);
const windowMs =
  Number(process.env.BENCH_CLASSROOM_WINDOW_SECONDS ?? 45) * 1000;
const changes = Number(process.env.BENCH_CLASSROOM_CHANGES ?? 60);
const revokeRounds = Number(process.env.BENCH_REVOKE_ROUNDS ?? 2);
const backendPort = Number(new URL(apiUrl).port || 80);
/** desktops.thumbnails.lingerSeconds (15) and a margin. */
const readersGoneMs = 20_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (m: string) =>
  console.log(`[classroom ${new Date().toISOString().slice(11, 19)}] ${m}`);
const pct = (cpu: number, seconds: number) =>
  Number(((cpu / seconds) * 100).toFixed(1));

/** CPU over `ms`, as % of one core: the backend, the class's Xvnc, this bench, the machine. */
async function cpuWindow(backendPid: number, xvnc: number[], ms: number) {
  const backend = new CpuMeter(() => [backendPid]);
  const displays = new CpuMeter(() => xvnc);
  const bench = new CpuMeter(() => [process.pid]);
  const machine = machineCpu();
  const started = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - started) / 1000;
  const after = machineCpu();
  return {
    seconds: Number(seconds.toFixed(1)),
    backend: pct(backend.seconds(), seconds),
    xvnc: pct(displays.seconds(), seconds),
    bench: pct(bench.seconds(), seconds),
    machineBusy: Number(
      (
        ((after.busy - machine.busy) / (after.total - machine.total)) *
        100
      ).toFixed(1),
    ),
  };
}

const teacher = await LabstageSession.signIn(
  'teacher',
  process.env.BENCH_TEACHER_PASSWORD ?? 'teacher-demo-pass',
);
const courseId = await courseIdOf(teacher, 'CS101');
const usernames = Array.from(
  { length: desktops },
  (_, i) => `grid${String(i + 1).padStart(2, '0')}`,
);
const seats: Seat[] = [];
try {
  log(`launching ${desktops} CS101 desktops, 5 at a time`);
  const launchStarted = performance.now();
  await launchClass(courseId, usernames, seats);
  log(
    `all running after ${((performance.now() - launchStarted) / 1000).toFixed(
      0,
    )} s`,
  );
  const backendPid = listenerPid(backendPort);
  const xvnc = await xvncPids(seats);
  if (xvnc.length !== desktops)
    throw new Error(
      `found ${xvnc.length} Xvnc processes for ${desktops} desktops`,
    );
  const scrolling = seats.slice(0, active);
  const idle = seats.slice(active);
  await Promise.all(scrolling.map(s => startScrolling(s.desktopId)));
  await sleep(10_000); // terminals up, launch work settled

  log(`no grid: CPU over ${windowMs / 1000} s`);
  const before = await cpuWindow(backendPid, xvnc, windowMs);
  log(JSON.stringify(before));

  const grid = new ClassroomGrid(teacher.token, courseId);
  const paths = await grid.roster();
  if (paths.length !== desktops)
    throw new Error(
      `the classroom shows ${paths.length} thumbnails, not ${desktops}`,
    );
  const pathOf = (s: Seat) => `/desktops/${s.desktopId}/thumbnail`;
  grid.start();
  await sleep(12_000); // readers open, first pictures made
  grid.resetTraffic();
  log(`grid open: CPU and traffic over ${windowMs / 1000} s`);
  const withGrid = await cpuWindow(backendPid, xvnc, windowMs);
  const traffic = grid.traffic();
  log(JSON.stringify({ ...withGrid, statuses: traffic.statuses }));

  log(`${changes} timed background changes on idle desktops`);
  const delay = await measureDelay(grid, idle, pathOf, changes);
  log(`seen p50 ${percentile(delay.seenMs, 50)} ms, missed ${delay.missed}`);
  await grid.stop();

  await sleep(readersGoneMs);
  log(`grid closed, readers gone: CPU over ${windowMs / 1000} s`);
  const after = await cpuWindow(backendPid, xvnc, windowMs);
  log(JSON.stringify(after));

  const revoke: RevokeResult = { closedMs: [], answeredMs: [], closeCodes: {} };
  for (let round = 0; round < revokeRounds; round++) {
    log(`revoke round ${round + 1}: ${desktops} viewers, revoked one by one`);
    const r = await revokeRound(seats);
    revoke.closedMs.push(...r.closedMs);
    revoke.answeredMs.push(...r.answeredMs);
    for (const [code, n] of Object.entries(r.closeCodes))
      revoke.closeCodes[code] = (revoke.closeCodes[code] ?? 0) + n;
  }
  log(`revoke → closed p99 ${percentile(revoke.closedMs, 99).toFixed(0)} ms`);
  if (listenerPid(backendPort) !== backendPid)
    throw new Error('the backend restarted during the run; results void');

  const perThumbnail = (group: Seat[]) => {
    const bytes = group.reduce(
      (sum, s) => sum + (traffic.bytesByPath.get(pathOf(s)) ?? 0),
      0,
    );
    return Number((bytes / group.length / traffic.seconds / 1000).toFixed(2));
  };
  const picturesPerMinute = (group: Seat[]) => {
    const n = group.reduce(
      (sum, s) => sum + (traffic.picturesByPath.get(pathOf(s)) ?? 0),
      0,
    );
    return Number(((n / group.length / traffic.seconds) * 60).toFixed(1));
  };
  const baseline = (before.backend + after.backend) / 2;
  const baselineXvnc = (before.xvnc + after.xvnc) / 2;
  const ms = (v: number[]) => {
    const s = summarize(v);
    return { ...s, p99: percentile(v, 99) };
  };
  recordResult('classroom.grid', {
    desktops,
    scrolling: active,
    windowSeconds: windowMs / 1000,
    cpu: {
      noGridBefore: before,
      grid: withGrid,
      noGridAfter: after,
      backendAttributablePercentOfOneCore: Number(
        (withGrid.backend - baseline).toFixed(1),
      ),
      xvncAttributablePercentOfOneCore: Number(
        (withGrid.xvnc - baselineXvnc).toFixed(1),
      ),
    },
    traffic: {
      seconds: Number(traffic.seconds.toFixed(1)),
      kBpsPerThumbnail: perThumbnail(seats),
      kBpsPerScrollingThumbnail: perThumbnail(scrolling),
      kBpsPerIdleThumbnail: perThumbnail(idle),
      picturesPerMinutePerScrollingThumbnail: picturesPerMinute(scrolling),
      picturesPerMinutePerIdleThumbnail: picturesPerMinute(idle),
      rosterKBps: Number(
        (traffic.rosterBytes / traffic.seconds / 1000).toFixed(2),
      ),
      statuses: traffic.statuses,
      requestMs: ms(traffic.latenciesMs),
    },
    delay: {
      changes: delay.changes,
      missed: delay.missed,
      seenMs: ms(delay.seenMs),
      pictureReadyMs: ms(delay.capturedMs),
    },
  });
  recordResult('classroom.revoke', {
    viewers: desktops,
    rounds: revokeRounds,
    closeCodes: revoke.closeCodes,
    closedMs: ms(revoke.closedMs),
    deleteAnsweredMs: ms(revoke.answeredMs),
  });
} finally {
  await removeClass(seats);
}
