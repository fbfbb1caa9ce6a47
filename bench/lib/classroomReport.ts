// The classroom benchmark's rows of the README table (bench/report.ts),
// from `classroom.grid` and `classroom.revoke` (bench/classroom.ts).

type Spread = {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};
type CpuWindow = { backend: number; xvnc: number; machineBusy: number };
type Grid = {
  desktops: number;
  scrolling: number;
  windowSeconds: number;
  cpu: {
    noGridBefore: CpuWindow;
    grid: CpuWindow;
    noGridAfter: CpuWindow;
    backendAttributablePercentOfOneCore: number;
    xvncAttributablePercentOfOneCore: number;
  };
  traffic: {
    kBpsPerThumbnail: number;
    kBpsPerScrollingThumbnail: number;
    kBpsPerIdleThumbnail: number;
    picturesPerMinutePerScrollingThumbnail: number;
    picturesPerMinutePerIdleThumbnail: number;
    rosterKBps: number;
    statuses: Record<string, number>;
    requestMs: Spread;
  };
  delay: {
    changes: number;
    missed: number;
    seenMs: Spread;
    pictureReadyMs: Spread;
  };
};
type Revoke = {
  viewers: number;
  rounds: number;
  closeCodes: Record<string, number>;
  closedMs: Spread;
  deleteAnsweredMs: Spread;
};

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const codes = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');

export function classroomTable(r: Record<string, unknown>): string[] {
  const g = r['classroom.grid'] as Grid | undefined;
  const v = r['classroom.revoke'] as Revoke | undefined;
  if (!g && !v) return [];
  const rows: string[] = [];
  if (g) {
    const c = g.cpu;
    const t = g.traffic;
    const d = g.delay;
    rows.push(
      `| Backend CPU attributable to the grid: with the grid − without (mean of before and after), over ${
        g.windowSeconds
      } s each | ${c.backendAttributablePercentOfOneCore}% of one core (${
        c.grid.backend
      }% with; ${c.noGridBefore.backend}% / ${
        c.noGridAfter.backend
      }% without) | ≤ 25% | ${met(
        c.backendAttributablePercentOfOneCore <= 25,
      )} |`,
      `| Meanwhile, the class's X servers (the readers' screen updates) | +${c.xvncAttributablePercentOfOneCore}% of one core (${c.grid.xvnc}% with; ${c.noGridBefore.xvnc}% / ${c.noGridAfter.xvnc}% without); machine ${c.grid.machineBusy}% busy | — | |`,
      `| Bytes per second per thumbnail on the wire (headers and 304s included) | ${
        t.kBpsPerThumbnail
      } kB/s (scrolling ${t.kBpsPerScrollingThumbnail}, idle ${
        t.kBpsPerIdleThumbnail
      }; new pictures per minute: scrolling ${
        t.picturesPerMinutePerScrollingThumbnail
      }, idle ${t.picturesPerMinutePerIdleThumbnail}); roster ${
        t.rosterKBps
      } kB/s; answers: ${codes(t.statuses)}; p95 ${t.requestMs.p95.toFixed(
        0,
      )} ms | ≤ 20 kB/s | ${met(
        t.kBpsPerThumbnail <= 20 && t.kBpsPerScrollingThumbnail <= 20,
      )} |`,
      `| Change on a desktop → the grid has the changed thumbnail, p50 / p95 / max (${
        d.seenMs.runs
      } of ${d.changes} changes${
        d.missed ? `, **${d.missed} never seen**` : ''
      }) | ${s(d.seenMs.p50)} / ${s(d.seenMs.p95)} / ${s(
        d.seenMs.max,
      )}; picture ready on the server after ${s(
        d.pictureReadyMs.p50,
      )} (p50) | p50 ≤ 3 s | ${met(d.seenMs.p50 <= 3000 && d.missed === 0)} |`,
    );
  }
  if (v) {
    rows.push(
      `| Revoke (\`DELETE /desktops/:id/shares/:grantee\`) → the viewer's gateway connection closed, p50 / p99 / max (${
        v.closedMs.runs
      } revokes, ${v.viewers} viewers connected at first) | ${s(
        v.closedMs.p50,
      )} / ${s(v.closedMs.p99)} / ${s(v.closedMs.max)}; close codes: ${codes(
        v.closeCodes,
      )}; DELETE answered p50 ${s(v.deleteAnsweredMs.p50)} | p99 ≤ 1 s | ${met(
        v.closedMs.p99 <= 1000 && Object.keys(v.closeCodes).join() === '4403',
      )} |`,
    );
  }
  const title = g
    ? `Classroom grid: ${g.desktops} CS101 desktops (${g.scrolling} scrolling a terminal) under the teacher's Classroom tab (each thumbnail every 3 s with If-None-Match, roster every 10 s, 6 connections)`
    : 'Classroom: revocation';
  return [
    '',
    `| ${title} | Result | Target | |`,
    '| --- | --- | --- | --- |',
    ...rows,
  ];
}
