import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import Docker from 'dockerode';
import { matrixSender } from '@internal/backstage-plugin-labstage-node/testUtils';
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
 * (real Docker desktop, the plugin's own reconciler and idle policy).
 */

jest.setTimeout(300_000);

const docker = new Docker();
const deploymentId = `thidle-${randomBytes(4).toString('hex')}`;
/** 15 s; the reconciler looks every 10 s. */
const IDLE_STOP_MINUTES = 0.25;

let runtime: DockerDesktopRuntime;
let runDir: string;
let backend: Awaited<ReturnType<typeof startDesktopsBackend>>;

beforeAll(async () => {
  ({ runtime, runDir } = await dockerTestRuntime({
    runDirPrefix: 'lsti-',
    deploymentId,
  }));
  backend = await startDesktopsBackend({
    runtime,
    config: {
      desktops: {
        idleStopMinutes: IDLE_STOP_MINUTES,
        thumbnails: { intervalSeconds: 1, lingerSeconds: 30 },
      },
    },
  });
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

it('stops an unused desktop after its idle time although a grid keeps reading its thumbnail', async () => {
  const send = matrixSender(backend.server, 'application/json');
  const alice = userHeader('alice');
  const created = await send('post', '/api/desktops/desktops', alice).send({
    imageId: 'linux-desktop',
  });
  expect(created.status).toBe(202);
  const id: string = created.body.id;
  const path = `/desktops/${id}/thumbnail`;
  const read = async () =>
    (await send('get', `/api/desktops/desktops/${id}`, alice)).body;

  const frames: number[] = [];
  let readerSeen = false;
  let startedAt: number | undefined;
  let stopped: { state: string; stateReason: string } | undefined;
  const deadline = Date.now() + 120_000;
  // The grid: a thumbnail every second, until the desktop stops.
  while (!stopped && Date.now() < deadline) {
    const desktop = await read();
    if (desktop.state === 'running') {
      startedAt ??= Date.parse(desktop.startedAt);
      const thumb = await fetchThumbnail(send, path, alice);
      if (thumb.status === 200) {
        frames.push(thumb.frame!);
        if (!readerSeen) readerSeen = (await displayConnections(id)) === 1;
      }
    } else if (startedAt && ['stopping', 'stopped'].includes(desktop.state)) {
      stopped = desktop;
    }
    await new Promise(r => setTimeout(r, 1_000));
  }
  expect(stopped).toBeDefined();
  const ranMs = Date.now() - startedAt!;
  // eslint-disable-next-line no-console
  console.log(
    `idle stop with a grid open: stopped ${Math.round(
      ranMs / 1000,
    )} s after start; ${frames.length} thumbnails served, frames ${
      frames[0]
    }..${frames[frames.length - 1]}`,
  );
  // The grid was really reading: a connection, and pictures past the idle time.
  expect(readerSeen).toBe(true);
  expect(frames.length).toBeGreaterThanOrEqual(IDLE_STOP_MINUTES * 60 - 5);
  expect(ranMs).toBeGreaterThan(IDLE_STOP_MINUTES * 60_000);
  let settled = await read();
  for (let i = 0; i < 50 && settled.state !== 'stopped'; i++) {
    await new Promise(r => setTimeout(r, 200));
    settled = await read();
  }
  expect(settled).toMatchObject({
    state: 'stopped',
    stateReason: `Stopped after ${IDLE_STOP_MINUTES} minutes without use`,
  });
  // A stopped desktop has no picture.
  const after = await fetchThumbnail(send, path, alice);
  expect(after).toMatchObject({
    status: 409,
    message: expect.stringMatching(/not running/),
  });
});
