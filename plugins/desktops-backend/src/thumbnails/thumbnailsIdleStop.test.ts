import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import Docker from 'dockerode';
import {
  MatrixSend,
  matrixSender,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { Desktop } from '@internal/backstage-plugin-desktops-common';
import { dockerTestRuntime } from '../__testUtils__/dockerTestRuntime';
import { startDesktopsBackend, userHeader } from '../__testUtils__/testBackend';
import {
  displayConnections,
  fetchThumbnail,
} from '../__testUtils__/thumbnailProbes';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { LABEL_DEPLOYMENT } from '../runtime/dockerNaming';

/**
 * A thumbnail reader is not a viewer: a desktop that nobody uses is
 * stopped by idle stop even while a grid keeps asking for its thumbnail
 * (real Docker desktops, the plugin's own reconciler and idle policy).
 *
 * The test backend's default scheduler is Backstage's mock, which runs a
 * task at most once at startup and never again, so the reconciler's
 * periodic pass (and with it idle stop) would never run. The real
 * scheduler runs `desktops-reconcile` every 10 s as in production.
 */

jest.setTimeout(300_000);

const docker = new Docker();
const deploymentId = `thidle-${randomBytes(4).toString('hex')}`;
/**
 * A viewer refreshes its activity every 30 s (the gateway's report
 * interval and ActivityRecorder's write throttle). The idle time must be
 * longer, or a reader wrongly counted as a viewer would not keep the
 * desktop alive either and this test could not tell. The reconciler looks
 * every 10 s, so the stop comes 45-55 s after start.
 */
const IDLE_STOP_MINUTES = 0.75;
const IDLE_STOP_SECONDS = IDLE_STOP_MINUTES * 60;
const VIEWER_REFRESH_SECONDS = 30;
/** Generous: launch, the idle time, a reconciler period and the stop. */
const STOP_DEADLINE_MS = 180_000;

let runtime: DockerDesktopRuntime;
let runDir: string;
let backend: Awaited<ReturnType<typeof startDesktopsBackend>>;
let send: MatrixSend;

beforeAll(async () => {
  ({ runtime, runDir } = await dockerTestRuntime({
    runDirPrefix: 'lsti-',
    deploymentId,
  }));
  backend = await startDesktopsBackend({
    runtime,
    modules: [schedulerServiceFactory],
    config: {
      desktops: {
        idleStopMinutes: IDLE_STOP_MINUTES,
        thumbnails: { intervalSeconds: 1, lingerSeconds: 30 },
      },
    },
  });
  send = matrixSender(backend.server, 'application/json');
});

afterAll(async () => {
  await backend?.stop();
  const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
  for (const c of await docker.listContainers({
    all: true,
    filters: { label },
  })) {
    await docker.getContainer(c.Id).remove({ force: true });
  }
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove();
  await fs.rm(runDir, { recursive: true, force: true });
});

async function createDesktop(auth: string): Promise<string> {
  const created = await send('post', '/api/desktops/desktops', auth).send({
    imageId: 'linux-desktop',
  });
  expect(created.status).toBe(202);
  return created.body.id;
}

async function readDesktop(id: string, auth: string): Promise<Desktop> {
  return (await send('get', `/api/desktops/desktops/${id}`, auth)).body;
}

/**
 * Reads the desktop every second until it has run and then stopped, calling
 * `whileRunning` in every round that finds it running. Throws when it is
 * not stopped by the deadline.
 */
async function waitForIdleStop(
  id: string,
  auth: string,
  whileRunning: () => Promise<void> = async () => undefined,
): Promise<{ desktop: Desktop; startedAt: number; ranMs: number }> {
  let startedAt: number | undefined;
  let desktop = await readDesktop(id, auth);
  const deadline = Date.now() + STOP_DEADLINE_MS;
  while (Date.now() < deadline) {
    desktop = await readDesktop(id, auth);
    if (desktop.state === 'running') {
      startedAt ??= Date.parse(desktop.startedAt!);
      await whileRunning();
    } else if (startedAt !== undefined && desktop.state === 'stopped') {
      return { desktop, startedAt, ranMs: Date.now() - startedAt };
    }
    await new Promise(r => setTimeout(r, 1_000));
  }
  throw new Error(
    `Desktop ${id} was not stopped within ${
      STOP_DEADLINE_MS / 1000
    } s (idle stop after ${IDLE_STOP_SECONDS} s); it is ${
      desktop.state
    }, started at ${desktop.startedAt}`,
  );
}

const idleStopReason = `Stopped after ${IDLE_STOP_MINUTES} minutes without use`;

it('stops an unused desktop after its idle time although a grid keeps reading its thumbnail, as it stops one without a grid', async () => {
  const alice = userHeader('alice');
  const bob = userHeader('bob');
  // Launched together: bob's desktop is the control, nobody reads it.
  const [gridId, controlId] = await Promise.all([
    createDesktop(alice),
    createDesktop(bob),
  ]);
  const path = `/desktops/${gridId}/thumbnail`;
  const served: Array<{ frame: number; at: number }> = [];
  let readerSeen = false;

  const [grid, control] = await Promise.all([
    // The grid: a thumbnail every second while the desktop runs.
    waitForIdleStop(gridId, alice, async () => {
      const thumb = await fetchThumbnail(send, path, alice);
      if (thumb.status !== 200) return;
      served.push({ frame: thumb.frame!, at: Date.now() });
      // The launcher's readiness probes close at once: one open connection
      // is the thumbnail reader.
      if (!readerSeen) readerSeen = (await displayConnections(gridId)) === 1;
    }),
    waitForIdleStop(controlId, bob),
  ]);

  const lastServedAfterMs = Math.max(...served.map(s => s.at)) - grid.startedAt;
  // eslint-disable-next-line no-console
  console.log(
    `idle stop after ${IDLE_STOP_SECONDS} s: with a grid open stopped ${Math.round(
      grid.ranMs / 1000,
    )} s after start, ${served.length} thumbnails served (frames ${
      served[0]?.frame
    }..${served[served.length - 1]?.frame}, the last ${Math.round(
      lastServedAfterMs / 1000,
    )} s after start); without a grid stopped ${Math.round(
      control.ranMs / 1000,
    )} s after start`,
  );

  expect(control.ranMs).toBeGreaterThan(IDLE_STOP_SECONDS * 1000);
  expect(control.desktop).toMatchObject({
    state: 'stopped',
    stateReason: idleStopReason,
  });

  // The grid was really reading during the wait: its reader was connected
  // to the display, thumbnails kept coming, still after the time a viewer
  // would have refreshed its activity.
  expect(readerSeen).toBe(true);
  expect(served.length).toBeGreaterThanOrEqual(IDLE_STOP_SECONDS / 3);
  expect(lastServedAfterMs).toBeGreaterThan(VIEWER_REFRESH_SECONDS * 1000);
  expect(grid.ranMs).toBeGreaterThan(IDLE_STOP_SECONDS * 1000);
  expect(grid.desktop).toMatchObject({
    state: 'stopped',
    stateReason: idleStopReason,
  });
  // A stopped desktop has no picture.
  const after = await fetchThumbnail(send, path, alice);
  expect(after).toMatchObject({
    status: 409,
    message: expect.stringMatching(/not running/),
  });
});
