import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { testAccount } from '@internal/backstage-plugin-accounts-node/testUtils';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { ClassroomSeat } from '@internal/backstage-plugin-desktops-common';
import { ApiBackend, startApiBackend } from '../__testUtils__/apiBackend';
import { startClass } from '../__testUtils__/classroomFixture';
import {
  dockerTestRuntime,
  execInDesktop,
} from '../__testUtils__/dockerTestRuntime';
import { testAccounts } from '../__testUtils__/testAccounts';
import { userHeader } from '../__testUtils__/testBackend';
import {
  displayConnections,
  fetchThumbnail,
  FetchedThumbnail,
  shareOfColour,
} from '../__testUtils__/thumbnailProbes';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { LABEL_DEPLOYMENT } from '../runtime/dockerNaming';

/**
 * The classroom grid on real Docker desktops (Xvnc), through the REST API:
 * a class of ten students, each with a running course desktop; the
 * teacher's grid gets ten live thumbnails, made on the server by one reader
 * per desktop, which follow what happens on each screen, and the readers
 * hang up once the grid stops asking.
 */

jest.setTimeout(900_000);

const run = promisify(execFile);
const docker = new Docker();
const deploymentId = `thumb-${randomBytes(4).toString('hex')}`;
const pupils = Array.from(
  { length: 10 },
  (_, i) => `pupil${String(i + 1).padStart(2, '0')}`,
);
/** A background colour per desktop, far apart from each other. */
const colours: Array<[number, number, number]> = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 0],
  [255, 0, 255],
  [0, 255, 255],
  [255, 128, 0],
  [128, 0, 255],
  [0, 128, 64],
  [255, 255, 255],
];
const hex = (rgb: number[]) =>
  `#${rgb.map(c => c.toString(16).padStart(2, '0')).join('')}`;
const LINGER_SECONDS = 2;
/** What images/desktop's session sets (labstage-session). */
const SESSION_BACKGROUND: [number, number, number] = [0x27, 0x44, 0x5f];

let runtime: DockerDesktopRuntime;
let runDir: string;
let api: ApiBackend;
const pushedRefs: string[] = [];

beforeAll(async () => {
  ({ runtime, runDir } = await dockerTestRuntime({
    runDirPrefix: 'lsth-',
    deploymentId,
  }));
  api = await startApiBackend({
    runtime,
    accounts: [...testAccounts, ...pupils.map(p => testAccount(p, 'student'))],
    desktops: {
      thumbnails: { intervalSeconds: 1, lingerSeconds: LINGER_SECONDS },
    },
  });
});

afterAll(async () => {
  await api?.stop();
  const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
  for (const c of await docker.listContainers({
    all: true,
    filters: { label },
  })) {
    pushedRefs.push(c.Image);
    await docker.getContainer(c.Id).remove({ force: true });
  }
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove();
  for (const ref of new Set(pushedRefs)) {
    if (ref.startsWith('labstage/desktop')) continue;
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => {});
  }
  await fs.rm(runDir, { recursive: true, force: true });
});

it('gives the teacher ten live thumbnails of ten real desktops, one reader per desktop, hung up when the grid closes', async () => {
  const { send } = api;
  const teacher = userHeader('teacher');
  const { courseId, desktops } = await startClass(send, {
    teacher: 'teacher',
    title: 'Grid of ten',
    code: 'GRID10',
    students: pupils,
    launching: pupils,
    timeoutMs: 180_000,
  });

  const grid = await send(
    'get',
    `/api/desktops/courses/${courseId}/classroom`,
    teacher,
  );
  expect(grid.status).toBe(200);
  const seats = grid.body.items as ClassroomSeat[];
  expect(seats.map(s => s.username)).toEqual(pupils);
  for (const seat of seats) {
    expect(seat.desktop).toMatchObject({
      id: desktops.get(seat.username),
      state: 'running',
    });
    expect(seat.thumbnailPath).toBe(`/desktops/${seat.desktop!.id}/thumbnail`);
    expect(seat.idleMinutes).toBe(0);
  }

  // The grid's first round: a picture of every desktop. A first request
  // waits up to 5 s for the display's first picture and otherwise answers
  // 503 "ask again", as a grid does on its next refresh (on a loaded
  // machine, ten desktops' first full frames can take longer).
  const first = await Promise.all(
    seats.map(seat =>
      waitFor(
        `a first picture of ${seat.username}'s desktop`,
        async () => {
          const thumb = await fetchThumbnail(
            send,
            seat.thumbnailPath!,
            teacher,
          );
          if (thumb.status === 503) return undefined;
          // The session is up once its own background shows (it sets it
          // at start): a colour set before would be painted over.
          if (
            thumb.status === 200 &&
            shareOfColour(thumb.pixels!, SESSION_BACKGROUND) < 0.1
          ) {
            await new Promise(r => setTimeout(r, 500));
            return undefined;
          }
          return thumb;
        },
        60_000,
      ),
    ),
  );
  for (const [i, thumb] of first.entries()) {
    // A refusal's message shows in the failure.
    expect({ status: thumb.status, message: thumb.message }).toEqual({
      status: 200,
    });
    expect({
      seat: seats[i].username,
      ...thumb,
      pixels: undefined,
    }).toMatchObject({
      status: 200,
      contentType: 'image/jpeg',
      cacheControl: 'no-store',
      width: 320,
      height: 200,
    });
  }
  // A second grid (an admin's) at the same time: still one reader per desktop.
  const admins = await Promise.all(
    seats.map(s => fetchThumbnail(send, s.thumbnailPath!, userHeader('root'))),
  );
  expect(admins.map(t => t.status)).toEqual(seats.map(() => 200));
  const ids = seats.map(s => s.desktop!.id);
  // (Xvnc's log, which says so, may trail a little on a loaded machine;
  // the grid keeps asking meanwhile.)
  let lastCount: number[] = [];
  const connections = await waitFor(
    'one reader connection per display',
    async () => {
      await Promise.all(
        seats.map(seat => fetchThumbnail(send, seat.thumbnailPath!, teacher)),
      );
      const open = await Promise.all(ids.map(displayConnections));
      lastCount = open;
      if (open.every(n => n === 1)) return open;
      await new Promise(r => setTimeout(r, 500));
      return undefined;
    },
    15_000,
  ).catch(async error => {
    const zero = ids.filter((_, i) => lastCount[i] !== 1);
    const logs = await Promise.all(
      zero.map(async id => {
        const r = await run('docker', ['logs', `labstage-desktop-${id}`]);
        return `${id}: ${(r.stdout + r.stderr)
          .split('\n')
          .filter(l => /Connections|closing|VNCSConnST/.test(l))
          .join(' | ')}`;
      }),
    );
    throw new Error(
      `${error.message}; last count ${lastCount.join(',')}; ${logs.join(
        ' // ',
      )}`,
    );
  });
  expect(connections).toEqual(ids.map(() => 1));

  // Every screen changes: a background of its own colour.
  const changedAt = Date.now();
  await Promise.all(
    ids.map((id, i) =>
      execInDesktop(id, `DISPLAY=:1 xsetroot -solid '${hex(colours[i])}'`),
    ),
  );
  const changed = new Map<string, FetchedThumbnail & { after: number }>();
  const sizes: number[] = [];
  let lastRound: FetchedThumbnail[] = [];
  /** When the grid last asked: the readers' linger runs from then. */
  let lastAskedAt = Date.now();
  await waitFor(
    'every thumbnail to show its desktop in its new colour',
    async () => {
      lastAskedAt = Date.now();
      const round = await Promise.all(
        seats.map(s => fetchThumbnail(send, s.thumbnailPath!, teacher)),
      );
      lastRound = round;
      for (const [i, thumb] of round.entries()) {
        // waitFor retries on a throw and reports the last one at its timeout.
        if (thumb.status !== 200) {
          throw new Error(`thumbnail of ${ids[i]} answered ${thumb.status}`);
        }
        sizes.push(thumb.bytes);
        if (
          !changed.has(ids[i]) &&
          shareOfColour(thumb.pixels!, colours[i]) > 0.1
        ) {
          changed.set(ids[i], { ...thumb, after: Date.now() - changedAt });
        }
      }
      if (changed.size === ids.length) return true;
      await new Promise(r => setTimeout(r, 500));
      return undefined;
    },
    30_000,
  ).catch(error => {
    const unchanged = ids.flatMap((id, i) => {
      if (changed.has(id)) return [];
      const t = lastRound[i];
      return [
        `${seats[i].username}: ${t?.status} frame ${t?.frame} ${hex(
          colours[i],
        )} share ${
          t?.pixels ? shareOfColour(t.pixels, colours[i]) : '-'
        } corner ${t?.pixels ? hex([...t.pixels.subarray(0, 3)]) : '-'}`,
      ];
    });
    throw new Error(`${error.message}; not changed: ${unchanged.join('; ')}`);
  });
  for (const [i, id] of ids.entries()) {
    const now = changed.get(id)!;
    expect(now.etag).not.toBe(first[i].etag);
    expect(now.pixels!.equals(first[i].pixels!)).toBe(false);
    // Each picture is its own desktop's: no other desktop's colour.
    const others = colours.filter((_, j) => j !== i);
    expect(
      Math.max(...others.map(other => shareOfColour(now.pixels!, other))),
    ).toBeLessThan(0.05);
  }
  const delays = [...changed.values()].map(t => t.after).sort((a, b) => a - b);
  // eslint-disable-next-line no-console
  console.log(
    `thumbnails: change to picture in the grid ${delays[0]}–${
      delays[delays.length - 1]
    } ms (polled every ~1 s); ` +
      `JPEG ${Math.min(...sizes)}–${Math.max(
        ...sizes,
      )} bytes, mean ${Math.round(
        sizes.reduce((a, b) => a + b, 0) / sizes.length,
      )}`,
  );

  // The grid closes: every reader hangs up once the linger time is over,
  // counted from its last ask (not from here: decoding and checking the
  // pictures above takes a while on a busy machine).
  const closedAt = lastAskedAt;
  await waitFor(
    'every thumbnail reader to hang up',
    async () => {
      const open = await Promise.all(ids.map(displayConnections));
      if (open.every(n => n === 0)) return true;
      await new Promise(r => setTimeout(r, 400));
      return undefined;
    },
    LINGER_SECONDS * 1000 + 15_000,
  );
  const hungUpAfter = Date.now() - closedAt;
  expect(hungUpAfter).toBeGreaterThanOrEqual(LINGER_SECONDS * 1000 - 500);
  // Opening the grid again starts new readers.
  const again = await fetchThumbnail(send, seats[0].thumbnailPath!, teacher);
  expect(again.status).toBe(200);
  expect(await displayConnections(ids[0])).toBe(1);
});

it('costs little: server CPU of ten readers on busy screens, and bytes per thumbnail', async () => {
  const { send } = api;
  const teacher = userHeader('teacher');
  const courses = await send('get', '/api/courses/courses', teacher);
  const courseId = courses.body.items.find(
    (c: { code: string }) => c.code === 'GRID10',
  ).id;
  const seats = (
    await send('get', `/api/desktops/courses/${courseId}/classroom`, teacher)
  ).body.items as ClassroomSeat[];
  const ids = seats.map(s => s.desktop!.id);
  // Busy screens: a clock in each desktop's terminal, redrawn twice a second.
  await Promise.all(
    ids.map(id =>
      execInDesktop(
        id,
        `DISPLAY=:1 setsid -f lxterminal -e 'sh -c "while true; do date +%T.%N; sleep 0.5; done"' >/dev/null 2>&1`,
      ),
    ),
  );
  const thumbnails = () =>
    Promise.all(
      seats.map(s => fetchThumbnail(send, s.thumbnailPath!, teacher)),
    );
  const hands = () =>
    Promise.all(
      ids.map(id => send('get', `/api/desktops/desktops/${id}/hand`, teacher)),
    );
  /** CPU of this process (backend and test client) while `round` runs every 2 s. */
  const measure = async (round: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      await round();
      await new Promise(r => setTimeout(r, 2_000));
    }
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / 1000 / (Date.now() - started);
  };
  await thumbnails();
  await new Promise(r => setTimeout(r, 3_000));
  let asked = 0;
  let bytes = 0;
  let fresh = 0;
  const seen = new Map<string, string>();
  const withReaders = await measure(async () => {
    for (const [i, t] of (await thumbnails()).entries()) {
      asked += 1;
      if (t.status === 200 && seen.get(ids[i]) !== t.etag) {
        fresh += 1;
        bytes += t.bytes;
        seen.set(ids[i], t.etag!);
      }
    }
  });
  const { stdout } = await run('docker', [
    'stats',
    '--no-stream',
    '--format',
    '{{.CPUPerc}}',
    ...ids.map(id => `labstage-desktop-${id}`),
  ]);
  // The same request rate on a route as costly to authorize, without readers.
  await new Promise(r => setTimeout(r, (LINGER_SECONDS + 2) * 1000));
  expect(await displayConnections(ids[0])).toBe(0);
  const withoutReaders = await measure(hands);
  // eslint-disable-next-line no-console
  console.log(
    `thumbnails, 10 busy desktops, a grid asking every 2 s for 20 s: this process ${(
      withReaders * 100
    ).toFixed(1)}% of a core, against ${(withoutReaders * 100).toFixed(
      1,
    )}% for the same requests to GET /hand without readers; ` +
      `${fresh} new pictures of ${asked} asked, mean ${Math.round(
        bytes / Math.max(fresh, 1),
      )} bytes; Xvnc containers ${stdout.trim().split('\n').join(' ')}`,
  );
  // The clocks change every screen between two rounds.
  expect(fresh).toBeGreaterThan(asked * 0.8);
  expect(bytes / fresh).toBeLessThan(40_000);
});
