import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { sanitizeFileName } from '@internal/backstage-plugin-labstage-node';
import type {
  DesktopFileDownload,
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  RuntimeCapacity,
  RuntimeEvent,
  RuntimeStatus,
  SaveImageRequest,
  BuildImageRequest,
} from '@internal/backstage-plugin-desktops-node';
import {
  homeRelativePath,
  spoolWithLimit,
} from '@internal/backstage-plugin-desktops-node';
import {
  CONTAINER_RUN_DIR,
  CONTAINER_VNC_PASSWORD_FILE,
  DESKTOP_UID,
  HOME_DIR,
  LABEL_DEPLOYMENT,
  LABEL_DESKTOP_ID,
  LABEL_OWNER,
  assertDesktopId,
  containerName,
  deploymentLabelFilters,
  desktopLabels,
  homeVolumeName,
} from './dockerNaming';
import { pullImage } from '../registry/registryTransfers';
import { buildDesktopImage } from './buildDesktopImage';
import { DesktopImageMissingError } from './DesktopImageMissingError';
import { watchDockerEvents } from './dockerEvents';
import { getHomeFile, putUpload } from './homeArchive';
import { DesktopRunFolder } from './desktopRunFolder';
import { pushDetail, saveDesktopImage } from './saveDesktopImage';

export type DockerDesktopRuntimeOptions = {
  /** Docker Engine API socket, e.g. /var/run/docker.sock. */
  socketPath: string;
  /** Network mode of desktop containers; `none` keeps them off every network. */
  network: string;
  /** Host folder holding one folder per desktop (display socket, password file). */
  runDir: string;
  /** Told apart from other Labstage installs on the same engine by this label. */
  deploymentId: string;
  /** Network mode of image builds; `none` unless an admin allows downloads. */
  buildNetwork?: string;
  logger: LoggerService;
};

const STOP_TIMEOUT_SECONDS = 5;
const MIB = 1024 * 1024;
/** Docker's 64 MiB /dev/shm makes Firefox tabs crash; capped by the memory limit. */
const SHM_BYTES = 256 * MIB;

type ContainerInfo = Docker.ContainerInspectInfo;

/**
 * The single-machine desktop driver: one container per desktop (Xvnc on a
 * unix socket in a bind-mounted display folder, never a TCP port; the VNC
 * password bound read-only from a root-owned file), a named volume for its
 * home, and labels for the reconciler.
 */
export class DockerDesktopRuntime implements DesktopRuntime {
  readonly kind = 'docker';
  private readonly docker: Docker;
  private readonly runDir: string;
  private readonly runFolder: DesktopRunFolder;

  static fromConfig(
    config: RootConfigService,
    logger: LoggerService,
  ): DockerDesktopRuntime {
    return new DockerDesktopRuntime({
      socketPath:
        config.getOptionalString('desktops.docker.socketPath') ??
        '/var/run/docker.sock',
      network: config.getOptionalString('desktops.docker.network') ?? 'none',
      runDir:
        config.getOptionalString('desktops.runDir') ??
        join(os.tmpdir(), 'labstage-desktops'),
      deploymentId:
        config.getOptionalString('desktops.deploymentId') ?? 'default',
      buildNetwork:
        config.getOptionalString('desktops.docker.buildNetwork') ?? 'none',
      logger,
    });
  }

  constructor(private readonly options: DockerDesktopRuntimeOptions) {
    this.docker = new Docker({ socketPath: options.socketPath });
    // Bind-mount sources must be absolute host paths.
    this.runDir = resolvePath(options.runDir);
    this.runFolder = new DesktopRunFolder(this.runDir);
  }

  async start(spec: DesktopRuntimeSpec): Promise<{ handle: string }> {
    assertDesktopId(spec.desktopId);
    let info = await this.inspectContainer(spec.desktopId);
    if (info?.State.Running) return { handle: info.Id };

    const outdated = info && this.outdatedContainerReason(info, spec);
    if (outdated) {
      // The container is disposable (only the home volume is kept and
      // re-attached): e.g. a new image ref, or the run folder moved in config.
      this.options.logger.info(
        `Recreating desktop ${spec.desktopId} container: ${outdated}`,
      );
      await this.removeContainer(spec.desktopId);
      info = undefined;
    }

    if (!info) await this.ensureImage(spec);
    await this.runFolder.prepare(spec.desktopId, spec.vncPassword);
    let container: Docker.Container;
    if (info) {
      container = this.docker.getContainer(info.Id);
      await this.applyResources(container, info, spec);
    } else {
      container = await this.createContainer(spec);
    }
    try {
      await container.start();
    } catch (error) {
      // 304: a concurrent start won; that is the state we wanted.
      if (statusOf(error) !== 304) throw error;
    }
    this.options.logger.info(
      `Started desktop ${spec.desktopId} (container ${container.id.slice(
        0,
        12,
      )})`,
    );
    return { handle: container.id };
  }

  async stop(desktopId: string): Promise<void> {
    assertDesktopId(desktopId);
    try {
      await this.docker
        .getContainer(containerName(desktopId))
        .stop({ t: STOP_TIMEOUT_SECONDS });
    } catch (error) {
      // 304 already stopped, 404 gone: both are the requested end state.
      if (statusOf(error) !== 304 && statusOf(error) !== 404) throw error;
    }
  }

  async remove(
    desktopId: string,
    options?: { keepHome?: boolean },
  ): Promise<void> {
    assertDesktopId(desktopId);
    await this.removeContainer(desktopId);
    await this.runFolder.remove(desktopId);
    if (!options?.keepHome) {
      try {
        await this.docker.getVolume(homeVolumeName(desktopId)).remove();
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }
    this.options.logger.info(
      `Removed desktop ${desktopId}${
        options?.keepHome ? ' (home volume kept)' : ' and its home volume'
      }`,
    );
  }

  async inspect(desktopId: string): Promise<RuntimeStatus | undefined> {
    assertDesktopId(desktopId);
    const info = await this.inspectContainer(desktopId);
    if (
      !info ||
      info.Config.Labels?.[LABEL_DEPLOYMENT] !== this.options.deploymentId
    ) {
      return undefined;
    }
    return toStatus(info);
  }

  async list(): Promise<RuntimeStatus[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: deploymentLabelFilters(this.options.deploymentId) },
    });
    // The list API lacks exit codes, OOM flags and times; inspect each.
    const infos = await Promise.all(
      containers.map(async c => {
        try {
          return await this.docker.getContainer(c.Id).inspect();
        } catch (error) {
          if (statusOf(error) === 404) return undefined; // removed meanwhile
          throw error;
        }
      }),
    );
    return infos.filter((i): i is ContainerInfo => Boolean(i)).map(toStatus);
  }

  async endpoint(desktopId: string): Promise<DisplayAddress> {
    assertDesktopId(desktopId);
    const info = await this.inspectContainer(desktopId);
    if (!info?.State.Running)
      throw new ConflictError(`Desktop ${desktopId} is not running`);
    return {
      kind: 'unix',
      path: this.runFolder.socketPath(desktopId),
      ownerUid: DESKTOP_UID,
    };
  }

  watch(listener: (event: RuntimeEvent) => void): () => void {
    return watchDockerEvents({
      docker: this.docker,
      labelFilters: deploymentLabelFilters(this.options.deploymentId),
      logger: this.options.logger,
      listener,
    });
  }

  /**
   * The engine's host: its CPUs and memory (`docker info`). Desktops share
   * them with everything else on the host, which this cannot see.
   */
  async capacity(): Promise<RuntimeCapacity> {
    const info = await this.docker.info();
    return {
      allocatable: {
        cpus: info.NCPU,
        memoryMiB: Math.floor(info.MemTotal / MIB),
      },
    };
  }

  async uploadFile(
    desktopId: string,
    file: { name: string; content: Readable; maxBytes: number },
  ): Promise<{ name: string; size: number }> {
    assertDesktopId(desktopId);
    const container = await this.existingContainer(desktopId);
    const name = sanitizeFileName(file.name);
    // A tar header needs the size up front and callers stream unknown
    // sizes, so the file is spooled (with the limit enforced) first.
    const spoolDir = join(this.runDir, '.spool');
    await fs.mkdir(spoolDir, { recursive: true, mode: 0o700 });
    const spoolFile = join(
      spoolDir,
      `${desktopId}-${randomBytes(8).toString('hex')}`,
    );
    try {
      const size = await spoolWithLimit(file.content, spoolFile, file.maxBytes);
      await putUpload(container, { file: spoolFile, size, name });
      return { name, size };
    } finally {
      await fs.rm(spoolFile, { force: true });
    }
  }

  async downloadFile(
    desktopId: string,
    relativePath: string,
    options: { maxBytes: number },
  ): Promise<DesktopFileDownload> {
    assertDesktopId(desktopId);
    const path = homeRelativePath(relativePath);
    const container = await this.existingContainer(desktopId);
    return getHomeFile(container, path, options.maxBytes);
  }

  async saveImage(
    desktopId: string,
    request: SaveImageRequest,
  ): Promise<{ reference: string; digest: string }> {
    const container = await this.existingContainer(desktopId);
    return saveDesktopImage(this.docker, {
      container,
      repository: request.repository,
      tag: request.tag,
      credentials: request.credentials,
      labels: request.labels,
      onStep: step =>
        request.onProgress?.({
          step: step.step,
          detail: step.step === 'push' ? pushDetail(step.progress) : undefined,
        }),
    });
  }

  async buildImage(
    request: BuildImageRequest,
  ): Promise<{ reference: string; digest: string }> {
    return buildDesktopImage(this.docker, request, {
      network: this.options.buildNetwork ?? 'none',
    });
  }

  private async createContainer(
    spec: DesktopRuntimeSpec,
  ): Promise<Docker.Container> {
    const labels = desktopLabels({
      desktopId: spec.desktopId,
      owner: spec.owner,
      deploymentId: this.options.deploymentId,
    });
    // Created explicitly to carry the labels. It takes the ownership of the
    // image's empty /home/student; the entrypoint then fills it from the
    // image's home seed on first start.
    await this.docker.createVolume({
      Name: homeVolumeName(spec.desktopId),
      Labels: labels,
    });
    const memory = Math.round(spec.resources.memoryMiB * MIB);
    try {
      return await this.docker.createContainer({
        name: containerName(spec.desktopId),
        Image: spec.imageRef,
        Hostname: 'desktop',
        Labels: labels,
        // An offline desktop needs no network endpoint at all: Docker then
        // skips the network sandbox (still a namespace of its own, with
        // loopback) and the container starts about 0.3 s sooner
        // (bench/environments.ts measures both).
        NetworkDisabled: this.options.network === 'none',
        // The image runs as the desktop user (USER 1000:1000), so no
        // capability is needed: no setuid, no chown, no privileged port.
        HostConfig: {
          NetworkMode: this.options.network,
          NanoCpus: Math.round(spec.resources.cpus * 1e9),
          Memory: memory,
          MemorySwap: memory,
          PidsLimit: spec.resources.pids,
          ShmSize: Math.min(SHM_BYTES, memory),
          SecurityOpt: ['no-new-privileges'],
          CapDrop: ['ALL'],
          Init: true,
          Mounts: [
            {
              Type: 'volume',
              Source: homeVolumeName(spec.desktopId),
              Target: HOME_DIR,
            },
            {
              Type: 'bind',
              Source: this.runFolder.displayFolder(spec.desktopId),
              Target: CONTAINER_RUN_DIR,
            },
            {
              Type: 'bind',
              Source: this.runFolder.passwordFile(spec.desktopId),
              Target: CONTAINER_VNC_PASSWORD_FILE,
              ReadOnly: true,
            },
          ],
        },
      });
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      // Lost a race with a concurrent start of the same desktop.
      return this.docker.getContainer(containerName(spec.desktopId));
    }
  }

  /** Why an existing container cannot be reused for this spec, if it cannot. */
  private outdatedContainerReason(
    info: ContainerInfo,
    spec: DesktopRuntimeSpec,
  ): string | undefined {
    if (info.Config.Image !== spec.imageRef) {
      return `image ${spec.imageRef} (was ${info.Config.Image})`;
    }
    const runMount = info.Mounts.find(m => m.Destination === CONTAINER_RUN_DIR);
    const displayFolder = this.runFolder.displayFolder(spec.desktopId);
    if (runMount?.Source !== displayFolder) {
      return `display folder ${displayFolder} (was ${runMount?.Source})`;
    }
    const passwordMount = info.Mounts.find(
      m => m.Destination === CONTAINER_VNC_PASSWORD_FILE,
    );
    if (passwordMount?.RW !== false) {
      return 'a read-only VNC password file (an older layout had it in the writable folder)';
    }
    if (info.HostConfig.NetworkMode !== this.options.network) {
      return `network ${this.options.network} (was ${info.HostConfig.NetworkMode})`;
    }
    return undefined;
  }

  /** Resources may have changed (quota or image catalog) since the container was made. */
  private async applyResources(
    container: Docker.Container,
    info: ContainerInfo,
    spec: DesktopRuntimeSpec,
  ): Promise<void> {
    const memory = Math.round(spec.resources.memoryMiB * MIB);
    const wanted = {
      NanoCpus: Math.round(spec.resources.cpus * 1e9),
      Memory: memory,
      MemorySwap: memory,
      PidsLimit: spec.resources.pids,
    };
    const host = info.HostConfig as Record<string, unknown>;
    if (Object.entries(wanted).every(([key, value]) => host[key] === value))
      return;
    await container.update(wanted);
  }

  /** The image, pulled from the registry first if it is from there and missing. */
  private async ensureImage(spec: DesktopRuntimeSpec): Promise<void> {
    const imageRef = spec.imageRef;
    try {
      await this.docker.getImage(imageRef).inspect();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      if (spec.pullCredentials) {
        await pullImage(this.docker, imageRef, spec.pullCredentials);
        return;
      }
      throw new DesktopImageMissingError(
        `Desktop image ${imageRef} is not present; run scripts/start or images/desktop/build-offline.sh`,
      );
    }
  }

  private async inspectContainer(
    desktopId: string,
  ): Promise<ContainerInfo | undefined> {
    try {
      return await this.docker.getContainer(containerName(desktopId)).inspect();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async existingContainer(
    desktopId: string,
  ): Promise<Docker.Container> {
    const info = await this.inspectContainer(desktopId);
    if (!info) throw new NotFoundError(`Desktop ${desktopId} has no container`);
    return this.docker.getContainer(info.Id);
  }

  private async removeContainer(desktopId: string): Promise<void> {
    try {
      await this.docker
        .getContainer(containerName(desktopId))
        .remove({ force: true });
    } catch (error) {
      // 404 gone; 409 removal already in progress (a concurrent remove).
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

/** Docker reports "never" as the zero time. */
function dockerTime(value: string | undefined): string | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  return value;
}

function toStatus(info: ContainerInfo): RuntimeStatus {
  const labels = info.Config.Labels ?? {};
  const status = info.State.Status;
  let state: RuntimeStatus['state'];
  if (
    info.State.Running ||
    status === 'running' ||
    status === 'paused' ||
    status === 'restarting'
  ) {
    state = 'running';
  } else if (status === 'created') {
    state = 'created';
  } else {
    state = 'exited';
  }
  return {
    desktopId: labels[LABEL_DESKTOP_ID],
    owner: labels[LABEL_OWNER],
    handle: info.Id,
    state,
    exitCode: state === 'exited' ? info.State.ExitCode : null,
    oomKilled: info.State.OOMKilled,
    deploymentId: labels[LABEL_DEPLOYMENT],
    startedAt: dockerTime(info.State.StartedAt),
    finishedAt: dockerTime(info.State.FinishedAt),
  };
}
