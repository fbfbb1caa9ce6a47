import type { RegistryCredentials } from '../registry/ImageRegistry';
import { Readable } from 'node:stream';
import { DesktopResources } from '@internal/backstage-plugin-desktops-common';

/**
 * Everything a driver needs to run one desktop.
 *
 * @public
 */
export type DesktopRuntimeSpec = {
  desktopId: string;
  /** User entity ref; recorded as a label for the reconciler and admins. */
  owner: string;
  imageRef: string;
  resources: DesktopResources;
  /**
   * VNC password for this run (8 characters, VncAuth's limit). A new one is
   * generated on every start and kept by the lifecycle service; the driver
   * only hands it to the display server, read-only and out of reach of
   * anything the desktop can write (docker: a root-owned file bound
   * read-only; k8s: a Secret). It never reads it back.
   */
  vncPassword: string;
  /**
   * For an image in the registry: what to pull it with when the engine does
   * not have it yet (it is then pulled before the workload is created).
   */
  pullCredentials?: RegistryCredentials;
};

/**
 * Where the display of a running desktop listens. For `unix`, the socket
 * sits in a folder the desktop can write: whoever connects must refuse a
 * link or a socket not owned by `ownerUid` (see connectDisplaySocket).
 *
 * @public
 */
export type DisplayAddress =
  | { kind: 'unix'; path: string; ownerUid: number }
  | { kind: 'tcp'; host: string; port: number };

/**
 * A display address plus the VNC password the gateway logs in with.
 *
 * @public
 */
export type DisplayEndpoint = DisplayAddress & { vncPassword: string };

/**
 * What the runtime knows about a desktop's workload.
 *
 * @public
 */
export type RuntimeStatus = {
  desktopId: string;
  owner: string;
  /** Engine object id (container id, pod uid). */
  handle: string;
  /** `created` has never run; `exited` has stopped or died. */
  state: 'created' | 'running' | 'exited';
  /** Of the last run once `exited` (0 after a stop asked for); null otherwise. */
  exitCode: number | null;
  /**
   * The kernel's OOM killer killed a process of the workload during its last
   * run (not necessarily the main one). Engines may set it only when the
   * run ends (Docker does), so while the desktop runs it may read false.
   */
  oomKilled: boolean;
  /** Deployment that created it (`desktops.deploymentId`). */
  deploymentId: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/**
 * A change seen in the engine's event stream.
 *
 * @public
 */
export type RuntimeEvent = {
  desktopId: string;
  /**
   * `died` covers both a clean stop (exit code 0) and a crash (any other
   * code, e.g. 137 when the display was killed); `exitCode` tells which.
   */
  type: 'started' | 'died' | 'removed';
  exitCode: number | null;
};

/**
 * What the engine can give desktops: CPUs (fractions allowed) and MiB of
 * memory, and the share of each desktop's own CPUs and memory it sets
 * aside when placing one (Kubernetes: the pods' requests as a fraction of
 * their limits). Without `reservedShare` a desktop takes all of its
 * resources (Docker: a desktop's CPUs and memory are its limits, and the
 * plan counts them whole).
 *
 * @public
 */
export type RuntimeCapacity = {
  allocatable: { cpus: number; memoryMiB: number };
  reservedShare?: { cpus: number; memory: number };
};

/**
 * A file read out of a desktop's home.
 *
 * @public
 */
export type DesktopFileDownload = {
  name: string;
  size: number;
  content: Readable;
};

/**
 * The one interface between the lifecycle service and a container engine.
 * Implementations: `DockerDesktopRuntime` (single machine, built into
 * desktops-backend); others come as backend modules through
 * `desktopRuntimeExtensionPoint`. Nothing outside a driver knows which engine
 * runs. Every driver passes the runtime conformance suite
 * (`describeRuntimeConformance` in this package's `./testUtils`) on its real
 * engine; where these comments leave a detail open, the suite decides it.
 *
 * @public
 */
export interface DesktopRuntime {
  readonly kind: string;

  /**
   * What `stop` does with the workload: `kept` (default; Docker keeps the
   * exited container) or `deleted` (Kubernetes: pods are disposable, only
   * the home outlives them). The conformance suite holds each driver to
   * what it declares here.
   */
  readonly stoppedWorkload?: 'kept' | 'deleted';

  /**
   * Creates the workload if missing (with its home volume) and starts it.
   * Idempotent: starting a running desktop only refreshes nothing and
   * resolves. Resolves once the engine reports it running, not once the
   * display answers (see `endpoint`).
   */
  start(spec: DesktopRuntimeSpec): Promise<{ handle: string }>;

  /**
   * Stops the workload, keeping its home. Resolves once it has stopped:
   * `inspect` then says `exited` with exit code 0 where the workload is
   * kept, and undefined where it is deleted (`stoppedWorkload`). Either way
   * `watch` reports `died` with exit code 0. Missing or already stopped →
   * resolves.
   */
  stop(desktopId: string): Promise<void>;

  /** Removes the workload and, unless told to keep it, its home volume. */
  remove(desktopId: string, options?: { keepHome?: boolean }): Promise<void>;

  /** Undefined when the engine has no workload for the desktop. */
  inspect(desktopId: string): Promise<RuntimeStatus | undefined>;

  /** Every Labstage workload of this deployment, running or not. */
  list(): Promise<RuntimeStatus[]>;

  /** Where to reach the display; ConflictError if the desktop is not running. */
  endpoint(desktopId: string): Promise<DisplayAddress>;

  /**
   * Subscribes to the engine's events for Labstage workloads of this
   * deployment, from the call on; the stream is re-established after errors.
   * Returns an unsubscribe function.
   */
  watch(listener: (event: RuntimeEvent) => void): () => void;

  /**
   * What the engine can give desktops in all, whatever runs now: the
   * host's CPUs and memory (Docker), or the sum of the allocatable CPU and
   * memory of the Ready nodes desktops may be scheduled on (Kubernetes).
   * Read fresh on every call; a node joining or leaving shows at once.
   * The capacity report compares it with the desktops' own resources.
   */
  capacity(): Promise<RuntimeCapacity>;

  /**
   * Writes one file into `~/Uploads` of a running desktop, or of a stopped
   * one whose workload is kept (where it is deleted: ConflictError saying to
   * start it), owned by the desktop user; the name is reduced to a base
   * name. `maxBytes` is enforced while streaming (FileTooLargeError);
   * nothing is left behind on failure. An `~/Uploads` that is a link or a
   * file → InputError; a desktop never started → NotFoundError. Returns the
   * stored file name.
   */
  uploadFile(
    desktopId: string,
    file: { name: string; content: Readable; maxBytes: number },
  ): Promise<{ name: string; size: number }>;

  /**
   * Reads one regular file below the home directory (`relativePath` is
   * relative to home). Escapes, absolute paths, links on the way and folders
   * → InputError; missing → NotFoundError; over `maxBytes` →
   * FileTooLargeError.
   */
  downloadFile(
    desktopId: string,
    relativePath: string,
    options: { maxBytes: number },
  ): Promise<DesktopFileDownload>;

  /**
   * Saves the desktop, system and home, as `<repository>:<tag>` in the
   * registry the credentials are for, leaving the desktop as it was. The
   * home goes into the image's home seed, which the desktop image's
   * entrypoint copies into an empty home. Runtimes that cannot build images
   * leave this out, and saving is then refused with a clear error.
   */
  saveImage?(
    desktopId: string,
    request: SaveImageRequest,
  ): Promise<{ reference: string; digest: string }>;

  /**
   * Builds `<repository>:<tag>` from a base image plus a Dockerfile fragment
   * and files, and pushes it. Files under `/home/student/` go into the home
   * seed, so they appear in the homes of desktops made from the image.
   * Runtimes that cannot build leave this out.
   */
  buildImage?(
    request: BuildImageRequest,
  ): Promise<{ reference: string; digest: string }>;
}

/** @public */
export type BuildImageRequest = {
  /** The base image reference. */
  base: string;
  /** To pull the base with, when it is in the registry and missing. */
  baseCredentials?: RegistryCredentials;
  /** Dockerfile instructions run after `FROM <base>`, as root. */
  dockerfile?: string;
  files: Array<{ path: string; content: string; mode?: number }>;
  /** `<registry host>/<project>/<name>`. */
  repository: string;
  tag: string;
  credentials: RegistryCredentials;
  labels: Record<string, string>;
  onProgress?: (progress: { step: 'build' | 'push'; detail?: string }) => void;
};

/** @public */
export type SaveImageRequest = {
  /** `<registry host>/<project>/<name>`. */
  repository: string;
  tag: string;
  credentials: RegistryCredentials;
  labels: Record<string, string>;
  /** Called as the save moves on; `detail` is engine progress text. */
  onProgress?: (progress: {
    step: 'commit' | 'home' | 'push';
    detail?: string;
  }) => void;
};
