// The class sessions' rows of the README table (bench/report.ts), from
// `sessions.prewarmed.firstFrame` (bench/prewarmed-frame.ts) and
// `sessions.warmup.c<concurrency>` (bench/warmup.ts).

type FirstFrame = { runs: number; p50: number; p95: number };
type WarmUp = {
  desktops: number;
  concurrency: number;
  tickSeconds: number;
  firstCreatedAfterWarmUpSeconds: number;
  allRunningAfterWarmUpSeconds: number;
  allRunningAfterFirstCreatedSeconds: number;
  readyBeforeStartSeconds: number;
  perDesktopCreateToRunningMs: { p50: number; max: number };
};

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function sessionsTable(r: Record<string, unknown>): string[] {
  const frame = r['sessions.prewarmed.firstFrame'] as FirstFrame | undefined;
  const warmUps = Object.keys(r)
    .filter(name => name.startsWith('sessions.warmup.'))
    .map(name => r[name] as WarmUp)
    .sort((a, b) => a.concurrency - b.concurrency);
  if (!frame && warmUps.length === 0) return [];
  return [
    '',
    '| Class sessions | Runs | p50 | p95 | Target |',
    '| --- | --- | --- | --- | --- |',
    frame
      ? `| Chromium, production build: click Open on "your desktop is ready" (pre-warmed) → first non-black canvas | ${
          frame.runs
        } | ${secs(frame.p50)} | ${secs(frame.p95)} | p50 ≤ 0.3 s (${
          frame.p50 <= 300 ? 'met' : '**not met**'
        }) |`
      : '| Chromium: pre-warmed desktop → first frame | n/a | n/a | n/a | p50 ≤ 0.3 s |',
    ...(warmUps.length
      ? [
          '',
          `| Warm-up of ${warmUps[0].desktops} desktops (created from CS101's environment), by concurrency | First desktop created after the warm-up time (tick ${warmUps[0].tickSeconds} s) | All running, from the warm-up time | All running, from the first created | Each desktop, created → running: p50 / max | Ready before the class starts |`,
          '| --- | --- | --- | --- | --- | --- |',
          ...warmUps.map(
            w =>
              `| ${
                w.concurrency
              } at a time | ${w.firstCreatedAfterWarmUpSeconds.toFixed(
                1,
              )} s | ${w.allRunningAfterWarmUpSeconds.toFixed(
                1,
              )} s | ${w.allRunningAfterFirstCreatedSeconds.toFixed(
                1,
              )} s | ${secs(w.perDesktopCreateToRunningMs.p50)} / ${secs(
                w.perDesktopCreateToRunningMs.max,
              )} | ${w.readyBeforeStartSeconds.toFixed(0)} s |`,
          ),
        ]
      : []),
  ];
}
