import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { mockServices } from '@backstage/backend-test-utils';
import type { RuntimeConformanceHarness } from '@internal/backstage-plugin-desktops-node/testUtils';
import { connectDisplaySocket } from '../runtime/connectDisplaySocket';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import {
  containerName,
  homeVolumeName,
  LABEL_DEPLOYMENT,
} from '../runtime/dockerNaming';
import { gatewayFirstFrame } from '../testUtils';

const DOCKER_SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const IMAGE = 'labstage/desktop:latest';

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

async function ignoreMissing(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (error) {
    // 404 gone; 409 removal already under way.
    if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
  }
}

/**
 * The real Docker Engine and desktop image as the runtime conformance suite
 * drives them: offline desktops, one deployment id and run folder for the
 * whole run (a "restarted backend" is a new DockerDesktopRuntime on both),
 * `docker exec` as the desktop user for shell commands, and removal of
 * containers, volumes and run folders straight through the engine.
 */
export function dockerConformanceHarness(): RuntimeConformanceHarness {
  const docker = new Docker({ socketPath: DOCKER_SOCKET });
  const deploymentId = `cf-${randomBytes(4).toString('hex')}`;
  // Short on purpose: the display socket path must stay under 100 characters.
  const runDir = mkdtempSync(join(os.tmpdir(), 'lscf-'));

  return {
    name: 'docker',

    async createRuntime() {
      try {
        await docker.getImage(IMAGE).inspect();
      } catch (error) {
        throw new Error(
          `Docker Engine at ${DOCKER_SOCKET} or the desktop image ${IMAGE} is missing (${error}); ` +
            'scripts/test starts dockerd and builds the image.',
        );
      }
      return new DockerDesktopRuntime({
        socketPath: DOCKER_SOCKET,
        network: 'none',
        runDir,
        deploymentId,
        logger: mockServices.logger.mock(),
      });
    },

    spec(desktopId, overrides = {}) {
      return {
        desktopId,
        owner: 'user:default/conformance',
        imageRef: IMAGE,
        resources: { cpus: 1, memoryMiB: 768, pids: 256 },
        vncPassword: 'Conf0rm!',
        ...overrides,
      };
    },

    newDesktopId: () => `cf${randomBytes(5).toString('hex')}`,

    async exec(desktopId, command) {
      const execution = await docker
        .getContainer(containerName(desktopId))
        .exec({
          Cmd: ['sh', '-c', command],
          User: 'student',
          AttachStdout: true,
          AttachStderr: true,
        });
      const stream = (await execution.start({})) as unknown as Readable;
      const stdout = new PassThrough();
      const chunks: Buffer[] = [];
      stdout.on('data', chunk => chunks.push(chunk));
      docker.modem.demuxStream(stream, stdout, new PassThrough().resume());
      await new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      const { ExitCode } = await execution.inspect();
      return {
        stdout: Buffer.concat(chunks).toString('utf8'),
        exitCode: ExitCode ?? -1,
      };
    },

    firstFrameThroughGateway: (runtime, desktopId, vncPassword) =>
      gatewayFirstFrame(runtime, desktopId, vncPassword),

    // As the gateway connects: links and foreign sockets are refused.
    async connectDisplay(address) {
      const socket = await connectDisplaySocket(address);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('error', reject);
      });
      return socket;
    },

    // The docker CLI, not dockerode: the engine's own answer.
    async engineCapacity() {
      const { stdout } = await promisify(execFile)(
        'docker',
        ['info', '--format', '{{.NCPU}} {{.MemTotal}}'],
        { env: { ...process.env, DOCKER_HOST: `unix://${DOCKER_SOCKET}` } },
      );
      const [cpus, memoryBytes] = stdout.trim().split(' ').map(Number);
      return {
        allocatable: {
          cpus,
          memoryMiB: Math.floor(memoryBytes / (1024 * 1024)),
        },
      };
    },

    async cleanup(desktopId) {
      await ignoreMissing(
        docker.getContainer(containerName(desktopId)).remove({ force: true }),
      );
      await ignoreMissing(docker.getVolume(homeVolumeName(desktopId)).remove());
      await fs.rm(join(runDir, desktopId), { recursive: true, force: true });
    },

    async teardown() {
      const label = [`${LABEL_DEPLOYMENT}=${deploymentId}`];
      const containers = await docker.listContainers({
        all: true,
        filters: { label },
      });
      await Promise.all(
        containers.map(c =>
          ignoreMissing(docker.getContainer(c.Id).remove({ force: true })),
        ),
      );
      const { Volumes } = await docker.listVolumes({ filters: { label } });
      await Promise.all(
        (Volumes ?? []).map(v =>
          ignoreMissing(docker.getVolume(v.Name).remove()),
        ),
      );
      await fs.rm(runDir, { recursive: true, force: true });
    },
  };
}
