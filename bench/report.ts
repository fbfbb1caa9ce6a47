// Renders bench/results/latest.json as a Markdown table (latest.md) and, with
// --readme, replaces the table between the bench markers in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { resultsFile } from './lib/results.ts';
import { classroomTable } from './lib/classroomReport.ts';
import { sessionsTable } from './lib/sessionsReport.ts';

type Summary = { runs: number; p50: number; p95: number; desktops?: number };
type Relay = {
  throughputMiBps: number;
  roundTripP50ms: number;
  proxyCpuSecondsPerGB: number | null;
};

const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
const ms = (v?: number) =>
  v === undefined ? 'n/a' : `${(v / 1000).toFixed(2)} s`;
const launch = (label: string, s: Summary | undefined, target: string) =>
  `| ${label} | ${s?.runs ?? 'n/a'} | ${ms(s?.p50)} | ${ms(
    s?.p95,
  )} | ${target} |`;
const relay = (label: string, x: Relay | undefined) =>
  x
    ? `| ${label} | ${x.throughputMiBps.toFixed(
        0,
      )} MiB/s | ${x.roundTripP50ms.toFixed(2)} ms | ${
        x.proxyCpuSecondsPerGB === null
          ? '—'
          : `${x.proxyCpuSecondsPerGB.toFixed(2)} s`
      } |`
    : `| ${label} | n/a | n/a | n/a |`;

type Load = {
  connections: number;
  users: number;
  durationSeconds: number;
  overall: LoadSummary;
  routes: Record<string, LoadSummary>;
  unloaded: { p50: number };
};
type LoadSummary = {
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
};
const msText = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
const loadRow = (label: string, x: LoadSummary, unloadedP50?: number) =>
  `| ${label} | ${x.reqPerSec.toFixed(0)} | ${msText(x.p50)} | ${msText(
    x.p95,
  )} | ${msText(x.p99)} | ${x.errors} | ${
    unloadedP50 === undefined ? '' : msText(unloadedP50)
  } |`;
/** The API load run(s): `api.load.before` (baseline) and `api.load` (now). */
function loadTable(): string[] {
  const runs: Array<[string, Load]> = (
    [
      ['before', r['api.load.before']],
      ['now', r['api.load']],
    ] as Array<[string, Load | undefined]>
  ).filter((run): run is [string, Load] => run[1] !== undefined);
  if (runs.length === 0) return [];
  const [, first] = runs[0];
  return [
    '',
    `| API load, built backend on PostgreSQL: ${first.connections} connections as ${first.users} students, ${first.durationSeconds} s | req/s | p50 | p95 | p99 | errors | one request, no load: p50 |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(([when, run]) => [
      loadRow(`**all routes (${when})**`, run.overall, run.unloaded.p50),
      ...Object.entries(run.routes).map(([route, x]) =>
        loadRow(`${route} (${when})`, x),
      ),
    ]),
    '| Target | ≥ 300 | | | ≤ 200 ms | 0 | ≤ 10 ms |',
  ];
}

type Soak = {
  minutes: number;
  desktopCycles: number;
  requests: number;
  errors: number;
  idleRssMiB: number;
  peakRssMiB: number;
  afterLoadRssMiB?: number;
  rssGrowthLastHalf: number;
  heapGrowthLastHalf: number;
  liveHeapGrowthLastHalf?: number;
  lastLiveHeapMiB?: number;
};
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const mibOrDash = (v?: number) => (v === undefined ? '—' : `${v} MiB`);
const percentOrDash = (v?: number) => (v === undefined ? '—' : percent(v));

function soakRow(label: string, s: Soak): string {
  return `| ${label} | ${s.minutes} | ${s.requests} (${s.errors}) | ${
    s.desktopCycles
  } | ${s.idleRssMiB} MiB | ${s.peakRssMiB} MiB | ${mibOrDash(
    s.afterLoadRssMiB,
  )} | ${percent(s.rssGrowthLastHalf)} | ${mibOrDash(
    s.lastLiveHeapMiB,
  )} | ${percentOrDash(s.liveHeapGrowthLastHalf)} | ${percent(
    s.heapGrowthLastHalf,
  )} |`;
}

/** The soaks: `api.soak.before` (the first, if kept) and `api.soak` (now). */
function soakTable(): string[] {
  const now = r['api.soak'] as Soak | undefined;
  if (!now) return [];
  const before = r['api.soak.before'] as Soak | undefined;
  return [
    '',
    '| Soak: load + desktop churn, built backend | Minutes | Requests (errors) | Desktop cycles | Idle RSS | Peak RSS | RSS 1 min after | RSS growth, last half | Live heap after full GC | Live heap growth, last half | Heap in use (sawtooth): trend, last half |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...(before ? [soakRow('before', before)] : []),
    soakRow('now', now),
    '| Target | 10 | | | ≤ 400 MiB | | | < 5% | | < 5% | |',
  ];
}

const bytes = (v: number) =>
  v < 1024
    ? `${v} B`
    : v < 2 ** 20
    ? `${(v / 1024).toFixed(1)} KiB`
    : v < 2 ** 30
    ? `${(v / 2 ** 20).toFixed(1)} MiB`
    : `${(v / 2 ** 30).toFixed(2)} GiB`;
const seconds = (v?: number) => (v === undefined ? '—' : `${v.toFixed(1)} s`);

type Save = {
  seconds: number;
  phaseSeconds: Record<string, number>;
  registryBytesAdded: number;
};
const savePhases = ['committing', 'copying-home', 'pushing', 'recording'];
const saveRow = (label: string, x: Save) =>
  `| ${label} | ${seconds(x.seconds)} | ${savePhases
    .map(phase => seconds(x.phaseSeconds[phase]))
    .join(' | ')} | ${bytes(x.registryBytesAdded)} |`;

/** Saving a desktop against the size of what changed (`env.save`). */
function saveTable(): string[] {
  const x = r['env.save'] as
    | {
        writtenTo: string;
        warmup: Save;
        sizes: Array<Save & { sizeMiB: number }>;
      }
    | undefined;
  if (!x) return [];
  return [
    '',
    `| Save as image: new random data in ${x.writtenTo.replace(
      '/home/student',
      '~',
    )} | Total | Commit | Copy home | Push | Record | Registry grew by |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    saveRow(
      `first save of the run, nothing new${
        x.warmup.registryBytesAdded > 50 * 2 ** 20
          ? " (the registry's first copy of the base image)"
          : ''
      }`,
      x.warmup,
    ),
    ...x.sizes.map(s =>
      saveRow(
        s.sizeMiB >= 1024 ? `${s.sizeMiB / 1024} GiB` : `${s.sizeMiB} MiB`,
        s,
      ),
    ),
  ];
}

type LaunchKind = {
  runs: number;
  p50: number;
  max: number;
  p50Steps: Record<string, number | null>;
};
const stepNames: Array<[string, string]> = [
  ['launchAnswered', 'launch answered'],
  ['imagePulled', 'image pulled'],
  ['containerCreated', 'container created'],
  ['containerStarted', 'container started'],
  ['running', 'display answers'],
  ['ticketAsked', 'viewer asks a ticket'],
  ['gatewaySocket', 'gateway socket opens'],
  ['firstFrame', 'first frame'],
];
const step = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v / 1000).toFixed(2)} s`;

/** Course environment launches in Chromium (`env.launch.browser`). */
function environmentLaunchTable(): string[] {
  const x = r['env.launch'] as
    | {
        firstLaunchApi?: LaunchKind;
        firstLaunch: LaunchKind;
        firstLaunchPulled: LaunchKind;
        resume: LaunchKind;
        engineOnly?: Record<string, { create: Summary; start: Summary }>;
      }
    | undefined;
  if (!x) return [];
  const kinds: Array<[string, LaunchKind, string]> = [
    [
      'Chromium, first launch (image already on the engine)',
      x.firstLaunch,
      'p50 ≤ 1 s',
    ],
    [
      'Chromium, first launch, image pulled from the registry',
      x.firstLaunchPulled,
      '—',
    ],
    ['Chromium, resume (stopped desktop)', x.resume, '—'],
    ...(x.firstLaunchApi
      ? [
          [
            'No browser, first launch: API call → first framebuffer update via the gateway',
            x.firstLaunchApi,
            '—',
          ] as [string, LaunchKind, string],
        ]
      : []),
  ];
  return [
    '',
    '| Course environment launch: click on the course page → first non-black canvas | Runs | p50 | max | Target |',
    '| --- | --- | --- | --- | --- |',
    ...kinds.map(
      ([label, k, target]) =>
        `| ${label} | ${k.runs} | ${ms(k.p50)} | ${ms(k.max)} | ${target} |`,
    ),
    '',
    `| Time after the click (or API call), p50 | ${stepNames
      .map(([, name]) => name)
      .join(' | ')} |`,
    `| --- | ${stepNames.map(() => '---').join(' | ')} |`,
    ...kinds.map(
      ([label, k]) =>
        `| ${label} | ${stepNames
          .map(([key]) => step(k.p50Steps[key]))
          .join(' | ')} |`,
    ),
    ...Object.entries(x.engineOnly ?? {}).map(
      ([kind, e]) =>
        `| The engine alone (durations, ${
          kind === 'desktop'
            ? 'made as the desktop container'
            : 'the same with NetworkDisabled'
        }): create, then start a container that runs \`true\` | | | ${step(
          e.create.p50,
        )} | ${step(e.start.p50)} | | | | |`,
    ),
  ];
}

type Copy = {
  sizeRwBytes: number;
  homeBytes: number;
  seedBytes: number;
  homeBeyondSeed: string[];
};
/** What each extra student copy adds (`env.copies`). */
function copiesTable(): string[] {
  const x = r['env.copies'] as
    | { copies: number; registryBytesAdded: number; perCopy: Copy[] }
    | undefined;
  if (!x) return [];
  return [
    '',
    `| Student copies of a course environment (${x.copies} launched) | Registry grew by | Container layer (SizeRw) | Home volume | The image's home seed | Home − seed |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...x.perCopy.map(
      (c, i) =>
        `| copy ${i + 1} | ${
          i === 0 ? `${bytes(x.registryBytesAdded)} (all ${x.copies})` : ''
        } | ${bytes(c.sizeRwBytes)} | ${bytes(c.homeBytes)} | ${bytes(
          c.seedBytes,
        )} | ${bytes(c.homeBytes - c.seedBytes)}${
          c.homeBeyondSeed.length === 0
            ? ''
            : ` (new: ${c.homeBeyondSeed.join(', ')})`
        } |`,
    ),
    '| Target | 0 B | | | | 0 B |',
  ];
}

/** The class start on Kubernetes (`class.start`, bench/run class-start). */
function classStartTable(): string[] {
  const x = r['class.start'] as ClassStart | undefined;
  if (!x) return [];
  const b = x.burst;
  const t = x.targets;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const secs = (v: number | null | undefined) =>
    v === null || v === undefined || Number.isNaN(v)
      ? '—'
      : `${v.toFixed(1)} s`;
  const lat = (l: { p50: number; p99: number }) =>
    `${msText(l.p50)} / ${msText(l.p99)}`;
  const m = x.memory;
  const d = x.deletion;
  const active = b.untilLastRunning;
  const duringCalls = b.duringLaunchCalls;
  const failed = Object.entries(b.failureReasons)
    .map(
      ([reason, n]) =>
        `${n} × ${reason
          .replace(/^The desktop could not start: /, '')
          .replace(/ no new claims.*$/, '')}`,
    )
    .join('; ');
  const reasons = Object.entries(d.reasons)
    .map(
      ([reason, n]) =>
        `${n} × \`${reason.replace(/\. Start it again.*$/, '.')}\``,
    )
    .join(', ');
  const leftovers = Object.entries(x.cleanup.leftovers)
    .filter(([k, v]) => k !== 'persistentVolumesAfterSeconds' && v)
    .map(([k, v]) => `${v} ${k}`);
  // Light GETs while the launch calls were in flight, where the run kept
  // them per window; else over the whole burst, said so.
  const listMine = duringCalls?.listMineLatencyMs
    ? `${lat(
        duringCalls.listMineLatencyMs,
      )} while the launch calls were in flight`
    : `${lat(b.listMineLatencyMs)} over the whole ${secs(
        b.cpu.wallSeconds,
      )} (most of it the wait for the failed desktop; not kept per window in this run)`;
  const listMineP99 =
    duringCalls?.listMineLatencyMs?.p99 ?? b.listMineLatencyMs.p99;
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${v.toFixed(0)}%`;
  const cpu = b.cpu.perComponent;
  const cpuCell = (name: string) =>
    cpu[name]
      ? `${cpu[name].cpuSeconds.toFixed(
          cpu[name].cpuSeconds < 10 ? 1 : 0,
        )} s (${cpu[name].percentOfOneCore.toFixed(0)}%)`
      : '—';
  const names = Object.keys(cpu);
  const phaseNames: Array<[keyof ClassStart['burst']['phases'], string]> = [
    ['launchCallAnswered', 'launch call answered (after the first call)'],
    [
      'callAnsweredToPodCreated',
      'answered → pod created (home volume and claim, secret, policy, pod)',
    ],
    ['podCreatedToScheduled', 'pod created → scheduled'],
    ['podScheduledToRunning', 'scheduled → Running (kwok)'],
    ['podRunningToRowRunning', 'pod Running → desktop `running`'],
  ];
  const lastRunning = Math.max(b.podsRunningSeconds, b.rowsRunningSeconds);
  return [
    '',
    `| Class start on Kubernetes: ${b.desktops} desktops for ${b.students} students at once (${b.concurrency} launch calls in flight), ${b.nodes} kwok nodes (16 CPUs, 64 GiB) | Result | Target | |`,
    '| --- | --- | --- | --- |',
    `| All pods Running and all desktops \`running\` (from the first launch call) | ${
      b.allRunning
        ? `${secs(b.podsRunningSeconds)} / ${secs(b.rowsRunningSeconds)}`
        : `not all: ${b.rowsRunning} running after ${secs(lastRunning)}, ${
            b.rowsFailed
          } failed (${failed})`
    }; p50 ${secs(b.rowRunningSecondsP50)} | all within ${
      t.allRunningSeconds
    } s | ${met(b.allRunning && lastRunning <= t.allRunningSeconds)} |`,
    `| Launch calls (\`POST /desktops\`), p50 / p99 | ${lat(
      b.createLatencyMs,
    )} (the last answered after ${secs(b.launchCallsSeconds)}) | p99 ≤ ${
      t.apiP99Ms
    } ms | ${met(b.createLatencyMs.p99 <= t.apiP99Ms)} |`,
    `| Meanwhile, one student listing their desktops, p50 / p99 | ${listMine} | p99 ≤ ${
      t.apiP99Ms
    } ms | ${met(listMineP99 <= t.apiP99Ms)} |`,
    ...(duringCalls?.livenessLatencyMs
      ? [
          `| Meanwhile, the backend's liveness endpoint (event loop lag), p50 / p99 | ${lat(
            duringCalls.livenessLatencyMs,
          )} | — | |`,
        ]
      : []),
    `| Backend RSS before / peak / 10 s after (growth: peak − before) | ${
      m.rssBeforeMiB
    } / ${m.rssPeakMiB} / ${m.rssAfterMiB} MiB (${
      m.rssGrowthMiB
    } MiB) | growth ≤ ${t.rssGrowthMiB} MiB | ${met(
      m.rssGrowthMiB <= t.rssGrowthMiB,
    )} |`,
    `| Backend CPU (user+sys), % of one core | ${
      active?.timeline
        ? `${pct(
            active.timeline.cpuPercentOfOneCore.backend,
          )} until the last desktop ran (${secs(active.seconds)}, machine ${pct(
            active.timeline.machineBusyPercent,
          )} busy); `
        : ''
    }${cpuCell('backend')} over the whole ${secs(b.cpu.wallSeconds)} | — | |`,
    `| Kubernetes API requests during the burst (all clients) | ${b.apiServer.requests} (${b.apiServer.perDesktop} per desktop), ${b.apiServer.rejected} rejected | — | |`,
    `| Pod watch events (the bench's own watch, not the runtime's counter) | ${
      b.watch.events
    }: ${
      active?.timeline
        ? `${active.timeline.watchEventsPerSecond}/s until the last desktop ran, `
        : ''
    }${b.watch.perSecond}/s over the whole burst | — | |`,
    `| ${
      d.pods
    } pods deleted as cluster admin: every desktop left \`running\` after | ${secs(
      d.allNoticedSeconds,
    )} (p50 ${secs(d.noticedSecondsP50)}), all to ${reasons}; ${
      d.bystandersDisturbed
    } of the other ${d.bystanders} disturbed | — | |`,
    `| The class deleted through the API | ${secs(
      x.cleanup.seconds,
    )} (p99 ${msText(x.cleanup.deleteLatencyMs.p99)} per call); left behind: ${
      leftovers.length ? leftovers.join(', ') : 'nothing'
    } | — | |`,
    '',
    `| CPU, seconds (% of one core) | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...(active?.timeline
      ? [
          `| until the last desktop ran (${secs(
            active.seconds,
          )}), from the per-second timeline | ${names
            .map(name =>
              pct(
                active.timeline!.cpuPercentOfOneCore[
                  name as keyof typeof active.timeline.cpuPercentOfOneCore
                ],
              ),
            )
            .join(' | ')} |`,
        ]
      : []),
    `| the whole burst (${secs(b.cpu.wallSeconds)}${
      x.machine.otherPercentOfOneCoreBeforeBurst === undefined
        ? ''
        : `; the rest of the machine at ${x.machine.otherPercentOfOneCoreBeforeBurst.toFixed(
            0,
          )}% of a core just before`
    }) | ${names.map(cpuCell).join(' | ')} |`,
    '',
    "| Where a desktop's time went (s) | p50 | max |",
    '| --- | --- | --- |',
    ...phaseNames.map(
      ([key, label]) =>
        `| ${label} | ${b.phases[key].p50.toFixed(2)} | ${b.phases[
          key
        ].max.toFixed(2)} |`,
    ),
  ];
}

type Latency = { p50: number; p99: number };
type ClassWindow = {
  seconds: number;
  listMineLatencyMs: Latency | null;
  livenessLatencyMs: Latency | null;
  timeline: {
    cpuPercentOfOneCore: Record<string, number | null>;
    machineBusyPercent: number | null;
    watchEventsPerSecond: number;
  } | null;
};
type ClassStart = {
  targets: {
    allRunningSeconds: number;
    apiP99Ms: number;
    rssGrowthMiB: number;
  };
  machine: {
    loadAverageAtStart: string;
    loadAverageBeforeBurst?: string;
    otherPercentOfOneCoreBeforeBurst?: number;
  };
  burst: {
    desktops: number;
    students: number;
    nodes: number;
    concurrency: number;
    allRunning: boolean;
    rowsRunning: number;
    rowsFailed: number;
    failureReasons: Record<string, number>;
    podsRunningSeconds: number;
    rowsRunningSeconds: number;
    rowRunningSecondsP50: number;
    launchCallsSeconds: number;
    createLatencyMs: Latency;
    listMineLatencyMs: Latency;
    duringLaunchCalls?: ClassWindow;
    untilLastRunning?: ClassWindow;
    cpu: {
      wallSeconds: number;
      machineBusyPercent: number;
      perComponent: Record<
        string,
        { cpuSeconds: number; percentOfOneCore: number }
      >;
    };
    apiServer: { requests: number; perDesktop: number; rejected: number };
    watch: { events: number; perSecond: number };
    phases: Record<
      | 'launchCallAnswered'
      | 'callAnsweredToPodCreated'
      | 'podCreatedToScheduled'
      | 'podScheduledToRunning'
      | 'podRunningToRowRunning',
      { p50: number; max: number }
    >;
  };
  memory: {
    rssBeforeMiB: number;
    rssPeakMiB: number;
    rssAfterMiB: number;
    rssGrowthMiB: number;
  };
  deletion: {
    pods: number;
    allNoticedSeconds: number | null;
    noticedSecondsP50: number | null;
    reasons: Record<string, number>;
    bystanders: number;
    bystandersDisturbed: number;
  };
  cleanup: {
    seconds: number;
    deleteLatencyMs: { p99: number };
    leftovers: Record<string, number | null>;
  };
};

const measured = Object.values(r as Record<string, { measuredAt: string }>)
  .map(v => v.measuredAt)
  .sort()
  .pop();
const lines = [
  `Measured ${measured?.slice(0, 10)} on ${cpus().length} cores / ${Math.round(
    totalmem() / 2 ** 30,
  )} GiB (\`bench/run\`).`,
  '',
  '| Launch latency | Runs | p50 | p95 | Target |',
  '| --- | --- | --- | --- | --- |',
  launch(
    'API call → first framebuffer update via the gateway',
    r['launch.api.sequential'],
    'p50 ≤ 1.5 s',
  ),
  launch('Burst: simultaneous launches, each', r['launch.api.burst'], '—'),
  launch(
    'Chromium: click Launch → first non-black canvas',
    r['launch.browser.sequential'],
    'p50 ≤ 1.5 s',
  ),
  '',
  '| Idle memory | Desktops | PSS p50 | PSS p95 | Target |',
  '| --- | --- | --- | --- | --- |',
  r['idle.pss']
    ? `| PSS per idle desktop, no viewer | ${r['idle.pss'].desktops} | ${r[
        'idle.pss'
      ].p50.toFixed(1)} MiB | ${r['idle.pss'].p95.toFixed(1)} MiB | ≤ 45 MiB |`
    : '| PSS per idle desktop | n/a | n/a | n/a | ≤ 45 MiB |',
  '',
  '| Relay (same desktop, same run) | Full-screen Raw throughput | 1×1 round trip p50 | Proxy CPU per GB |',
  '| --- | --- | --- | --- |',
  relay('Direct unix socket (no proxy)', r.relay?.direct),
  relay('Labstage gateway', r.relay?.gateway),
  relay("Debian's websockify", r.relay?.websockify),
  ...saveTable(),
  ...environmentLaunchTable(),
  ...copiesTable(),
  ...loadTable(),
  ...soakTable(),
  ...classStartTable(),
  ...classroomTable(r),
  ...sessionsTable(r),
];
const table = `${lines.join('\n')}\n`;
writeFileSync(join(resultsFile, '..', 'latest.md'), table);
console.log(table);

if (process.argv.includes('--readme')) {
  const readmePath = join(import.meta.dirname, '..', 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start) || !readme.includes(end))
    throw new Error('README has no bench markers');
  writeFileSync(
    readmePath,
    readme.replace(
      new RegExp(`${start}[\\s\\S]*${end}`),
      `${start}\n${table}${end}`,
    ),
  );
}
