// Course environments (issue 10), against a running platform with a registry:
// 1. saving a desktop as an image against the size of what changed in its
//    home (new incompressible files in ~/data), per phase;
// 2. a student's click on the course page's Launch → first non-black frame
//    in Chromium: first launch (image on the engine), first launch whose
//    image must be pulled from the registry, and resume of a stopped one,
//    each with when its steps happened (Docker events, the page's requests);
//    and for comparison the first launch without a browser (API call →
//    first framebuffer update) and the engine alone starting a container
//    made like the desktop's;
// 3. what each extra student copy adds: registry bytes (none expected) and
//    local disk (container layer + home volume, against the image's seed).
// Everything made here is removed again, except the published image (a
// course version cannot be deleted); CS101's previous environment, if any,
// is published again at the end so new launches get what they got before.
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  newUserContext,
  signIn,
  appUrl,
  demo,
} from '../e2e/browser.ts';
import {
  apiUrl,
  LabstageSession,
  signedInAs,
  type DesktopJson,
} from './lib/platform.ts';
import { waitForFirstFrame } from './lib/firstFrame.ts';
import { RfbClient, webSocketTransport } from './lib/rfb.ts';
import { percentile, summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

const saveSizesMiB = (process.env.BENCH_SAVE_SIZES_MIB ?? '0,1,100,1024')
  .split(',')
  .map(Number);
const runs = Number(process.env.BENCH_ENV_RUNS ?? 5);
const pulledRuns = Number(process.env.BENCH_ENV_PULLED_RUNS ?? 3);
const copies = Number(process.env.BENCH_ENV_COPIES ?? 3);
const dataDir = process.env.LABSTAGE_DATA_DIR;
if (!dataDir)
  throw new Error(
    'LABSTAGE_DATA_DIR must name the running platform data folder',
  );
const registryStorage = join(dataDir, 'registry', 'storage');
const registryBlobs = join(
  registryStorage,
  'docker',
  'registry',
  'v2',
  'blobs',
);

const COURSE_CODE = 'CS101';
const JOIN_CODE = 'CS101-DEMO';
const HOME = '/home/student';
const HOME_SEED = '/usr/local/share/labstage/home-seed';
/** The home data written before each save, and what it is published with. */
const SAVE_DIR = `${HOME}/data`;
const PUBLISHED_MIB = 1;

type SavedImage = { id: string; ref: string; sizeBytes: number };
type ImageSave = {
  id: string;
  state: 'saving' | 'succeeded' | 'failed';
  phase: string;
  error: string | null;
  image: SavedImage | null;
  startedAt: string;
  finishedAt: string | null;
};
type CourseDesktop = DesktopJson & {
  imageRef: string;
  startedAt: string | null;
};
type Environment = {
  version: number;
  imageId: string;
  imageRef: string;
  description: string;
  resources: Record<string, number>;
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const docker = (...args: string[]) =>
  execFileSync('docker', args, {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  }).trim();
/** Apparent size (du -sb) of a folder. */
const bytesOf = (path: string) =>
  Number(
    execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0],
  );
const container = (desktopId: string) => `labstage-desktop-${desktopId}`;
const homeVolume = (desktopId: string) => `labstage-home-${desktopId}`;
const mib = (bytes: number) => bytes / 2 ** 20;

async function courseIdOf(session: LabstageSession, code: string) {
  const res = await fetch(`${apiUrl}/api/courses/courses`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  if (!res.ok) throw new Error(`GET /api/courses/courses: ${res.status}`);
  const { items } = (await res.json()) as {
    items: Array<{ id: string; code: string }>;
  };
  const course = items.find(c => c.code === code);
  if (!course) throw new Error(`the demo course ${code} is missing`);
  return course.id;
}

/** A student of CS101 made for the bench (signed up on the first run). */
async function student(
  username: string,
): Promise<{ session: LabstageSession; username: string; password: string }> {
  const password = `${username}-pass`;
  const post = (path: string, body: unknown) =>
    fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  let res = await post('/api/auth/accounts/signin', { username, password });
  if (res.status === 401) {
    res = await post('/api/auth/accounts/signup', {
      username,
      displayName: `Environment Student ${username.slice(-2)}`,
      email: `${username}@example.com`,
      password,
      joinCode: JOIN_CODE,
    });
  }
  const session = new LabstageSession((await signedInAs(res)).token);
  return { session, username, password };
}

const teacher = await LabstageSession.signIn(
  demo.teacher.username,
  demo.teacher.password,
);
const courseId = await courseIdOf(teacher, COURSE_CODE);
const environmentPath = `/courses/${courseId}/environment`;

async function courseDesktopOf(session: LabstageSession) {
  const view = await session.call<{ desktop: CourseDesktop | null }>(
    'GET',
    environmentPath,
  );
  return view.desktop;
}

/** Removes the student's CS101 desktop, so the next launch is a first one. */
async function removeCourseDesktop(session: LabstageSession) {
  const desktop = await courseDesktopOf(session);
  if (desktop) await session.remove(desktop.id);
}

// What to undo at the end, whatever happens.
const made: Array<{ session: LabstageSession; id: string }> = [];
const savedImages: SavedImage[] = [];
let published: SavedImage | undefined;
let previous: Environment | null = null;

/** Writes `sizeMiB` of random bytes as the only file in ~/data, synced. */
function writeHomeData(desktopId: string, sizeMiB: number) {
  const write =
    sizeMiB > 0
      ? `head -c ${sizeMiB}M /dev/urandom > ${SAVE_DIR}/random-${sizeMiB}MiB.bin`
      : 'true';
  docker(
    'exec',
    '-u',
    '1000:1000',
    container(desktopId),
    'sh',
    '-c',
    `rm -rf ${SAVE_DIR} && mkdir -p ${SAVE_DIR} && ${write} && sync`,
  );
}

/**
 * POST /desktops/:id/image → succeeded, polling every 100 ms: the total, the
 * server's own (startedAt → finishedAt), and each phase from when it was
 * first seen to when the next one was (a phase shorter than a poll can be
 * missed; its time then counts in the one before).
 */
async function timedSave(desktopId: string, name: string) {
  const registryBefore = bytesOf(registryStorage);
  const t0 = performance.now();
  let { save } = await teacher.call<{ save: ImageSave }>(
    'POST',
    `/desktops/${desktopId}/image`,
    { name },
  );
  const seen: Array<{ phase: string; at: number }> = [];
  for (;;) {
    if (seen.at(-1)?.phase !== save.phase)
      seen.push({ phase: save.phase, at: performance.now() - t0 });
    if (save.state === 'failed')
      throw new Error(`saving ${name} failed: ${save.error}`);
    if (save.state === 'succeeded') break;
    await sleep(100);
    ({ save } = await teacher.call<{ save: ImageSave }>(
      'GET',
      `/image-saves/${save.id}`,
    ));
  }
  const totalMs = performance.now() - t0;
  savedImages.push(save.image!);
  const phaseSeconds: Record<string, number> = {};
  seen.forEach((p, i) => {
    if (p.phase === 'done') return;
    phaseSeconds[p.phase] = ((seen[i + 1]?.at ?? totalMs) - p.at) / 1000;
  });
  return {
    seconds: totalMs / 1000,
    serverSeconds:
      (Date.parse(save.finishedAt!) - Date.parse(save.startedAt)) / 1000,
    phaseSeconds,
    imageSizeBytes: save.image!.sizeBytes,
    registryBytesAdded: bytesOf(registryStorage) - registryBefore,
    image: save.image!,
  };
}

async function saveSeries() {
  const desktop = await teacher.launch('linux-desktop', 'bench-env-save');
  made.push({ session: teacher, id: desktop.id });
  await teacher.waitForState(desktop.id, 'running');
  await sleep(3000); // the session's first files in home
  // The first save of a run also pushes the base image's layers when the
  // registry lacks them (a fresh data folder); reported on its own.
  const { image: warmupImage, ...warmup } = await timedSave(
    desktop.id,
    'bench-save-warmup',
  );
  console.log(
    `save warm-up: ${warmup.seconds.toFixed(1)} s, registry +${mib(
      warmup.registryBytesAdded,
    ).toFixed(1)} MiB (${warmupImage.ref})`,
  );
  const sizes = [];
  let toPublish: SavedImage | undefined;
  for (const sizeMiB of saveSizesMiB) {
    writeHomeData(desktop.id, sizeMiB);
    const { image, ...result } = await timedSave(
      desktop.id,
      `bench-save-${sizeMiB}mib`,
    );
    if (sizeMiB === PUBLISHED_MIB) toPublish = image;
    sizes.push({ sizeMiB, ...result });
    console.log(
      `save with ${sizeMiB} MiB new in ~/data: ${result.seconds.toFixed(
        1,
      )} s (${Object.entries(result.phaseSeconds)
        .map(([phase, s]) => `${phase} ${s.toFixed(1)} s`)
        .join(', ')}), registry +${mib(result.registryBytesAdded).toFixed(
        1,
      )} MiB`,
    );
  }
  recordResult('env.save', {
    unit: 's',
    writtenTo: SAVE_DIR,
    warmup,
    sizes,
  });
  await teacher.remove(desktop.id);
  made.pop();
  return toPublish ?? savedImages.at(-1)!;
}

/** `docker diff` and home files beyond the seed, for what a copy holds. */
function copyFootprint(desktopId: string) {
  const name = container(desktopId);
  const sizeRwBytes = Number(
    docker('inspect', '--size', '-f', '{{.SizeRw}}', name),
  );
  const homeBytes = bytesOf(
    docker('volume', 'inspect', '-f', '{{.Mountpoint}}', homeVolume(desktopId)),
  );
  const seedBytes = Number(
    docker('exec', name, 'du', '-sb', HOME_SEED).split('\t')[0],
  );
  const files = (dir: string) =>
    new Map(
      docker('exec', name, 'find', dir, '-mindepth', '1', '-printf', '%P\t%s\n')
        .split('\n')
        .filter(Boolean)
        .map(line => line.split('\t') as [string, string]),
    );
  const seed = files(HOME_SEED);
  const homeBeyondSeed = [...files(HOME)]
    .filter(([path]) => !seed.has(path))
    .map(([path, size]) => `${path} (${size} B)`);
  const layerChanges = docker('diff', name).split('\n').filter(Boolean);
  return {
    sizeRwBytes,
    homeBytes,
    seedBytes,
    homeBeyondSeed,
    layerChanges,
  };
}

async function copiesBench(image: SavedImage) {
  const students = [];
  for (let i = 1; i <= copies; i++) {
    const s = await student(`envstudent${String(i + 1).padStart(2, '0')}`);
    await removeCourseDesktop(s.session);
    students.push(s);
  }
  const registryBefore = bytesOf(registryStorage);
  const blobsBefore = bytesOf(registryBlobs);
  const ids: string[] = [];
  for (const s of students) {
    const desktop = await s.session.call<CourseDesktop>(
      'POST',
      `${environmentPath}/launch`,
    );
    made.push({ session: s.session, id: desktop.id });
    ids.push(desktop.id);
    await s.session.waitForState(desktop.id, 'running');
  }
  await sleep(5000); // let the sessions write their first files
  const perCopy = ids.map(copyFootprint);
  const registryBytesAdded = bytesOf(registryStorage) - registryBefore;
  const registryBlobBytesAdded = bytesOf(registryBlobs) - blobsBefore;
  for (const [i, c] of perCopy.entries()) {
    console.log(
      `copy ${i + 1}: layer ${(c.sizeRwBytes / 1024).toFixed(0)} KiB, home ${(
        c.homeBytes / 1024
      ).toFixed(0)} KiB (seed ${(c.seedBytes / 1024).toFixed(0)} KiB; beyond: ${
        c.homeBeyondSeed.join(', ') || 'nothing'
      }); layer changes: ${c.layerChanges.join(', ')}`,
    );
  }
  console.log(
    `${copies} copies: registry +${registryBytesAdded} B (blobs +${registryBlobBytesAdded} B)`,
  );
  recordResult('env.copies', {
    copies,
    imageSizeBytes: image.sizeBytes,
    registryBytesAdded,
    registryBlobBytesAdded,
    perCopy,
  });
  for (const [i, s] of students.entries()) {
    await s.session.remove(ids[i]);
    made.splice(
      made.findIndex(m => m.id === ids[i]),
      1,
    );
  }
}

/** Docker engine events with their wall-clock times, for the breakdowns. */
function engineEvents() {
  const events: Array<{
    id: string;
    name: string;
    action: string;
    at: number;
  }> = [];
  const proc = spawn('docker', [
    'events',
    '--filter',
    'type=container',
    '--filter',
    'type=image',
    '--format',
    '{{json .}}',
  ]);
  let rest = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const e = JSON.parse(line);
      events.push({
        id: e.Actor?.ID ?? '',
        name: e.Actor?.Attributes?.name ?? '',
        action: e.Action,
        at: Number(BigInt(e.timeNano) / 1_000_000n),
      });
    }
  });
  return {
    /** ms after `t0` of the first `action` on `name` (or id) since `t0`. */
    after(t0: number, name: string, action: string) {
      const e = events.find(
        x =>
          x.at >= t0 &&
          x.action === action &&
          (x.name === name || x.id === name),
      );
      return e ? e.at - t0 : undefined;
    },
    stop: () => proc.kill(),
  };
}

/** One call to the Docker engine's API on its unix socket. */
function engine(method: string, path: string, body?: unknown) {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        socketPath: '/var/run/docker.sock',
        path,
        method,
        headers: body ? { 'Content-Type': 'application/json' } : {},
      },
      res => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/**
 * The engine alone, for comparison: create, then start a container made as
 * the desktop's was (its Config and HostConfig, a new home volume, no
 * Labstage labels) that only runs `true`, straight on the engine's API.
 */
async function engineBaseline(createBody: Record<string, unknown>) {
  const create: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const { Id } = JSON.parse(
      await engine('POST', '/containers/create', createBody),
    ) as { Id: string };
    create.push(performance.now() - t);
    t = performance.now();
    await engine('POST', `/containers/${Id}/start`);
    start.push(performance.now() - t);
    await engine('DELETE', `/containers/${Id}?force=1&v=1`);
  }
  return { create: summarize(create), start: summarize(start) };
}

/** How the desktop's container was created, running `true` instead. */
function likeDesktop(desktopId: string): Record<string, unknown> {
  const { Config, HostConfig } = JSON.parse(
    docker('inspect', '-f', '{{json .}}', container(desktopId)),
  );
  return {
    ...Config,
    Labels: {},
    Entrypoint: ['true'],
    Cmd: [],
    HostConfig: {
      ...HostConfig,
      Mounts: (HostConfig.Mounts ?? []).map(
        (m: { Type: string; Target: string }) =>
          m.Type === 'volume' ? { Type: 'volume', Target: m.Target } : m,
      ),
    },
  };
}

type Marks = Record<string, number | undefined>;

async function launchBench(image: SavedImage) {
  const s = await student('envstudent01');
  await removeCourseDesktop(s.session);
  const events = engineEvents();
  const browser = await launchBrowser();
  let t0 = 0;
  let marks: Marks = {};
  const mark = (key: string) => {
    if (t0 && marks[key] === undefined) marks[key] = Date.now() - t0;
  };
  let engineOnly:
    | Record<string, Awaited<ReturnType<typeof engineBaseline>>>
    | undefined;
  const apiFirst: number[] = [];
  const first: number[] = [];
  const pulled: number[] = [];
  const resumed: number[] = [];
  const breakdowns: Record<string, Marks[]> = {
    firstLaunchApi: [],
    firstLaunch: [],
    firstLaunchPulled: [],
    resume: [],
  };
  try {
    // The same first launch without a browser: the API call → the first
    // framebuffer update through the gateway (what bench/launch.ts times).
    for (let i = 0; i < runs; i++) {
      const start = Date.now();
      const desktop = await s.session.call<CourseDesktop>(
        'POST',
        `${environmentPath}/launch`,
      );
      const launchAnswered = Date.now() - start;
      made.push({ session: s.session, id: desktop.id });
      await s.session.waitForState(desktop.id, 'running');
      const client = new RfbClient(
        await webSocketTransport(await s.session.connectUrl(desktop.id)),
      );
      await client.handshake();
      client.requestUpdate(false);
      await client.readFramebufferUpdate();
      const ms = Date.now() - start;
      client.close();
      const { startedAt } = await s.session.call<CourseDesktop>(
        'GET',
        `/desktops/${desktop.id}`,
      );
      breakdowns.firstLaunchApi.push({
        launchAnswered,
        containerCreated: events.after(start, container(desktop.id), 'create'),
        containerStarted: events.after(start, container(desktop.id), 'start'),
        running: Date.parse(startedAt!) - start,
        firstFrame: ms,
      });
      apiFirst.push(ms);
      console.log(`firstLaunchApi ${i + 1}: ${ms} ms`);
      await s.session.remove(desktop.id);
    }
    const page: Page = await (await newUserContext(browser)).newPage();
    page.on('response', r => {
      if (r.url().endsWith('/environment/launch')) mark('launchAnswered');
    });
    page.on('request', r => {
      if (r.url().includes('/tickets')) mark('ticketAsked');
    });
    page.on('websocket', ws => {
      if (ws.url().includes('/api/desktops/')) mark('gatewaySocket');
    });
    await signIn(page, s.username, s.password);

    /** Click on the Environment card's button → first frame, in ms. */
    const sample = async (label: string, kind: string, into: number[]) => {
      await page.goto(`${appUrl}/courses/${courseId}`);
      const button = page
        .getByTestId('environment-launch')
        .filter({ hasText: label });
      await button.waitFor();
      marks = {};
      t0 = Date.now();
      await button.click();
      await waitForFirstFrame(page);
      const ms = Date.now() - t0;
      const id = new URL(page.url()).pathname.split('/').pop()!;
      if (!made.some(m => m.id === id)) made.push({ session: s.session, id });
      const name = container(id);
      // When the server wrote `running`: the display answered its greeting.
      const { startedAt } = await s.session.call<CourseDesktop>(
        'GET',
        `/desktops/${id}`,
      );
      breakdowns[kind].push({
        launchAnswered: marks.launchAnswered,
        imagePulled: events.after(t0, image.ref, 'pull'),
        containerCreated: events.after(t0, name, 'create'),
        containerStarted: events.after(t0, name, 'start'),
        running: startedAt ? Date.parse(startedAt) - t0 : undefined,
        ticketAsked: marks.ticketAsked,
        gatewaySocket: marks.gatewaySocket,
        firstFrame: ms,
      });
      t0 = 0;
      into.push(ms);
      console.log(`${kind} ${into.length}: ${ms} ms`);
      await page.goto('about:blank');
      return id;
    };

    for (let i = 0; i < runs; i++) {
      const id = await sample('Launch', 'firstLaunch', first);
      await s.session.remove(id);
    }
    let id = '';
    for (let i = 0; i < pulledRuns; i++) {
      // Not on the engine: the launch pulls it (only its own layers; the
      // base image's are there).
      docker('image', 'rm', image.ref);
      id = await sample('Launch', 'firstLaunchPulled', pulled);
      if (i < pulledRuns - 1) await s.session.remove(id);
    }
    if (!id) id = await sample('Launch', 'firstLaunch', []);
    for (let i = 0; i < runs; i++) {
      await s.session.call('POST', `/desktops/${id}/stop`);
      await s.session.waitForState(id, 'stopped');
      await sample('Resume', 'resume', resumed);
    }
    // The same with NetworkDisabled too: what the network namespace of
    // NetworkMode "none" costs a start.
    const body = likeDesktop(id);
    engineOnly = {
      desktop: await engineBaseline(body),
      networkDisabled: await engineBaseline({ ...body, NetworkDisabled: true }),
    };
    await s.session.remove(id);
  } finally {
    await browser.close();
    events.stop();
  }
  /** The p50 of each step's time after the click, over a kind's samples. */
  const typical = (samples: Marks[]) =>
    Object.fromEntries(
      [...new Set(samples.flatMap(m => Object.keys(m)))].map(key => {
        const values = samples
          .map(m => m[key])
          .filter((v): v is number => v !== undefined);
        return [key, values.length ? percentile(values, 50) : null];
      }),
    );
  for (const [label, x] of Object.entries(engineOnly ?? {}))
    console.log(
      `engine alone (${label}): create p50 ${x.create.p50.toFixed(
        0,
      )} ms, start p50 ${x.start.p50.toFixed(0)} ms`,
    );
  recordResult('env.launch', {
    unit: 'ms',
    engineOnly,
    firstLaunchApi: {
      ...summarize(apiFirst),
      p50Steps: typical(breakdowns.firstLaunchApi),
    },
    firstLaunch: {
      ...summarize(first),
      p50Steps: typical(breakdowns.firstLaunch),
    },
    firstLaunchPulled: {
      ...summarize(pulled),
      p50Steps: typical(breakdowns.firstLaunchPulled),
    },
    resume: { ...summarize(resumed), p50Steps: typical(breakdowns.resume) },
    samples: breakdowns,
  });
}

try {
  published = await saveSeries();
  previous = (
    await teacher.call<{ environment: Environment | null }>(
      'GET',
      environmentPath,
    )
  ).environment;
  await teacher.call('POST', environmentPath, {
    imageId: published.id,
    description: `Benchmark: a saved desktop with ${PUBLISHED_MIB} MiB in ~/data`,
  });
  console.log(`published ${published.ref} to ${COURSE_CODE}`);
  await copiesBench(published);
  await launchBench(published);
} finally {
  for (const { session, id } of made)
    await session.remove(id).catch(() => undefined);
  if (previous) {
    // New launches get what they got before the bench.
    await teacher
      .call('POST', environmentPath, {
        imageId: previous.imageId,
        description: previous.description,
        resources: {
          cpus: previous.resources.cpus,
          memoryMiB: previous.resources.memoryMiB,
        },
      })
      .catch(error =>
        console.warn(`could not publish the previous environment: ${error}`),
      );
  }
  for (const image of savedImages) {
    if (image.id !== published?.id)
      await teacher
        .call('DELETE', `/saved-images/${image.id}`)
        .catch(error => console.warn(`deleting ${image.ref}: ${error}`));
    // The engine's copy too (the registry keeps the published one).
    try {
      docker('image', 'rm', image.ref);
    } catch {
      // not there, or still used
    }
  }
}
