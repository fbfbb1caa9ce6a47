import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CoreV1Api,
  Exec,
  KubeConfig,
  NetworkingV1Api,
  PortForward,
  type V1Pod,
} from '@kubernetes/client-node';
import type {
  DesktopFileDownload,
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  RuntimeCapacity,
  RuntimeEvent,
  RuntimeStatus,
} from '@internal/backstage-plugin-desktops-node';
import { allocatableOf, desktopNodes } from './capacity/desktopNodes';
import { PooledKubeConfig } from './client/PooledKubeConfig';
import type { KubernetesRuntimeConfig } from './config/kubernetesRuntimeConfig';
import { DisplayForwarder } from './display/DisplayForwarder';
import { PodTracker } from './events/PodTracker';
import { downloadFromPod, uploadToPod } from './files/podFiles';
import type { PodExecTarget } from './files/podExec';
import { apiMessage, apiStatus, ignoreNotFound } from './workload/apiErrors';
import { ClaimBindings } from './workload/ClaimBindings';
import { DesktopObjects } from './workload/DesktopObjects';
import { HomeVolumes } from './workload/HomeVolumes';
import {
  ANNOTATION_IMAGE,
  LABEL_DEPLOYMENT,
  VNC_PORT,
  assertDesktopId,
  deploymentSelector,
  desktopLabels,
  podName,
} from './workload/naming';
import { podManifest } from './workload/podManifest';
import { podStatus, podWaitingReason } from './workload/podStatus';

/** Waiting reasons after which a pod will not start without a change. */
const HOPELESS_WAITING = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);
const STOP_TIMEOUT_MS = 60_000;
/**
 * How long to trust the watch before reading the pod again. The informer
 * relists after a broken watch, so this is only a safety net; short rechecks
 * cost a class start of 1,000 desktops 15,000 reads.
 */
const RECHECK_MS = 20_000;

export type KubernetesDesktopRuntimeOptions = {
  kubeConfig: KubeConfig;
  config: KubernetesRuntimeConfig;
  /** Told apart from other Labstage installs in the namespace by this label. */
  deploymentId: string;
  /** Folder for the display sockets (port-forward transport) and upload spools. */
  runDir: string;
  logger: LoggerService;
};

/**
 * The cluster desktop driver: per desktop a Pod (non-root, no capabilities,
 * RuntimeDefault seccomp, limits from the image catalog and role caps), a
 * PVC for home, a Secret with the VNC password (new on every start) and a
 * NetworkPolicy (no egress; ingress only from the gateway). A stopped
 * desktop has no pod, only its home.
 */
export class KubernetesDesktopRuntime implements DesktopRuntime {
  readonly kind = 'kubernetes';
  /** A stopped desktop is its home alone; the next start makes a new pod. */
  readonly stoppedWorkload = 'deleted';
  private readonly core: CoreV1Api;
  private readonly exec: Exec;
  private readonly namespace: string;
  private readonly homes: HomeVolumes;
  private readonly claims: ClaimBindings;
  private readonly objects: DesktopObjects;
  private readonly tracker: PodTracker;
  private readonly forwarder: DisplayForwarder;

  constructor(private readonly options: KubernetesDesktopRuntimeOptions) {
    const { kubeConfig, config, logger } = options;
    this.namespace = config.namespace;
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.exec = new Exec(kubeConfig);
    const labels = (desktopId: string) =>
      desktopLabels({
        desktopId,
        deploymentId: options.deploymentId,
        kubernetesId: config.kubernetesId,
      });
    this.claims = new ClaimBindings({
      kubeConfig,
      core: this.core,
      namespace: this.namespace,
      labelSelector: deploymentSelector(options.deploymentId),
      logger,
    });
    this.homes = new HomeVolumes(
      this.core,
      this.namespace,
      config.storage,
      labels,
      this.claims,
    );
    this.objects = new DesktopObjects(
      this.core,
      kubeConfig.makeApiClient(NetworkingV1Api),
      {
        namespace: this.namespace,
        displayTransport: config.displayTransport,
        gatewayPodLabels: config.gatewayPodLabels,
        labels,
      },
    );
    this.tracker = new PodTracker({
      kubeConfig,
      core: this.core,
      namespace: this.namespace,
      labelSelector: deploymentSelector(options.deploymentId),
      logger,
    });
    this.forwarder = new DisplayForwarder({
      portForward: new PortForward(kubeConfig),
      namespace: this.namespace,
      socketDir: join(options.runDir, 'display'),
      logger,
    });
  }

  /** Watch events handled so far (the class-start benchmark reports the rate). */
  get watchEventsHandled(): number {
    return this.tracker.eventsHandled;
  }

  async start(spec: DesktopRuntimeSpec): Promise<{ handle: string }> {
    assertDesktopId(spec.desktopId);
    const id = spec.desktopId;
    const existing = await this.readPod(id);
    if (existing) {
      const status = podStatus(existing);
      const sameImage =
        existing.metadata?.annotations?.[ANNOTATION_IMAGE] === spec.imageRef;
      const leaving = Boolean(existing.metadata?.deletionTimestamp);
      if (status.state === 'running' && sameImage && !leaving) {
        return { handle: status.handle };
      }
      // Pods are disposable (the home is kept): an ended one, one being
      // stopped, or one of another image makes way for a new one.
      await this.deletePodAndWait(id);
    }
    await this.homes.ensure(id);
    await this.objects.writeVncPassword(id, spec.vncPassword);
    if (spec.pullCredentials) {
      await this.objects.writePullSecret(id, spec.pullCredentials);
    }
    await this.objects.ensureNetworkPolicy(id);
    try {
      await this.core.createNamespacedPod({
        namespace: this.namespace,
        body: podManifest(spec, {
          ...this.options.config,
          deploymentId: this.options.deploymentId,
        }),
      });
    } catch (error) {
      // 409: a concurrent start of the same desktop won the race.
      if (apiStatus(error) !== 409) {
        throw new Error(
          `Kubernetes refused the desktop's pod: ${apiMessage(error)}`,
        );
      }
    }
    const pod = await this.waitUntilRunning(id);
    this.options.logger.info(
      `Started desktop ${id} (pod ${podName(id)} on ${pod.spec?.nodeName})`,
    );
    return { handle: pod.metadata?.uid ?? '' };
  }

  async stop(desktopId: string): Promise<void> {
    assertDesktopId(desktopId);
    await this.forwarder.close(desktopId);
    await this.deletePodAndWait(desktopId);
  }

  async remove(
    desktopId: string,
    options?: { keepHome?: boolean },
  ): Promise<void> {
    await this.stop(desktopId);
    await this.objects.removeAll(desktopId);
    if (!options?.keepHome) await this.homes.remove(desktopId);
    this.options.logger.info(
      `Removed desktop ${desktopId}${
        options?.keepHome ? ' (home kept)' : ' and its home'
      }`,
    );
  }

  async inspect(desktopId: string): Promise<RuntimeStatus | undefined> {
    assertDesktopId(desktopId);
    const pod = await this.readPod(desktopId);
    return pod ? podStatus(pod) : undefined;
  }

  async list(): Promise<RuntimeStatus[]> {
    const pods = await this.core.listNamespacedPod({
      namespace: this.namespace,
      labelSelector: deploymentSelector(this.options.deploymentId),
    });
    return pods.items.map(podStatus);
  }

  async endpoint(desktopId: string): Promise<DisplayAddress> {
    assertDesktopId(desktopId);
    const pod = await this.readPod(desktopId);
    if (
      !pod ||
      podStatus(pod).state !== 'running' ||
      pod.metadata?.deletionTimestamp
    ) {
      throw new ConflictError(`Desktop ${desktopId} is not running`);
    }
    if (this.options.config.displayTransport === 'podIp') {
      const host = pod.status?.podIP;
      if (!host)
        throw new ConflictError(`Desktop ${desktopId} has no pod IP yet`);
      return { kind: 'tcp', host, port: VNC_PORT };
    }
    const path = await this.forwarder.ensure(desktopId);
    return { kind: 'unix', path, ownerUid: process.getuid?.() ?? 0 };
  }

  watch(listener: (event: RuntimeEvent) => void): () => void {
    return this.tracker.addListener(listener);
  }

  /**
   * The allocatable CPU and memory of the nodes desktop pods could be
   * scheduled on now (see desktopNodes). Needs get/list on nodes
   * (deploy/kubernetes/labstage-desktops-rbac.yaml).
   */
  async capacity(): Promise<RuntimeCapacity> {
    const { nodeSelector, tolerations, storage } = this.options.config;
    let nodes;
    try {
      nodes = await this.core.listNode();
    } catch (error) {
      throw new Error(
        `The Kubernetes runtime cannot list the cluster's nodes to tell its capacity (the ServiceAccount needs get and list on nodes, see deploy/kubernetes/labstage-desktops-rbac.yaml): ${apiMessage(
          error,
        )}`,
      );
    }
    return {
      ...allocatableOf(
        desktopNodes(nodes.items, {
          nodeSelector,
          tolerations,
          nodeNames: storage.mode === 'static' ? storage.nodeNames : undefined,
        }),
      ),
      // The scheduler places desktops by their requests, not their limits.
      reservedShare: {
        cpus: this.options.config.requests.cpuFraction,
        memory: this.options.config.requests.memoryFraction,
      },
    };
  }

  async uploadFile(
    desktopId: string,
    file: { name: string; content: Readable; maxBytes: number },
  ): Promise<{ name: string; size: number }> {
    const target = await this.execTarget(desktopId, 'take files');
    return uploadToPod(target, join(this.options.runDir, 'spool'), file);
  }

  async downloadFile(
    desktopId: string,
    relativePath: string,
    options: { maxBytes: number },
  ): Promise<DesktopFileDownload> {
    const target = await this.execTarget(desktopId, 'give files');
    return downloadFromPod(target, relativePath, options.maxBytes);
  }

  get namespaceName(): string {
    return this.namespace;
  }

  /**
   * Fails at startup, with the reason, when the ServiceAccount cannot work
   * with pods in its namespace (unreachable API, wrong namespace, RBAC).
   */
  async checkAccess(): Promise<void> {
    try {
      await this.core.listNamespacedPod({
        namespace: this.namespace,
        limit: 1,
      });
    } catch (error) {
      throw new Error(
        `The Kubernetes runtime cannot list pods in namespace ${
          this.namespace
        } (desktops.kubernetes): ${apiMessage(error)}`,
      );
    }
  }

  /** Stops the watch and the display sockets (backend shutdown). */
  async dispose(): Promise<void> {
    await this.tracker.stop();
    await this.claims.stop();
    await this.forwarder.closeAll();
    if (this.options.kubeConfig instanceof PooledKubeConfig) {
      await this.options.kubeConfig.closeConnections();
    }
  }

  private async execTarget(
    desktopId: string,
    what: string,
  ): Promise<PodExecTarget> {
    assertDesktopId(desktopId);
    const pod = await this.readPod(desktopId);
    if (!pod) {
      if (!(await this.homes.exists(desktopId))) {
        throw new NotFoundError(`Desktop ${desktopId} has no pod or home`);
      }
      // A stopped desktop here is only its home volume: there is no
      // container to run tar in (Docker keeps a stopped container).
      throw new ConflictError(
        `Desktop ${desktopId} is stopped; start it to ${what} (on Kubernetes a stopped desktop has no container)`,
      );
    }
    if (podStatus(pod).state !== 'running') {
      throw new ConflictError(`Desktop ${desktopId} is not running`);
    }
    return { exec: this.exec, namespace: this.namespace, desktopId };
  }

  private async readPod(desktopId: string): Promise<V1Pod | undefined> {
    const pod = await ignoreNotFound(
      this.core.readNamespacedPod({
        name: podName(desktopId),
        namespace: this.namespace,
      }),
    );
    // Another install's pod of the same name is not ours to touch.
    if (
      pod &&
      pod.metadata?.labels?.[LABEL_DEPLOYMENT] !== this.options.deploymentId
    ) {
      return undefined;
    }
    return pod;
  }

  /** Waits until `done` holds for the pod: a fresh read, then the watch. */
  private async waitForPod(
    desktopId: string,
    done: (pod: V1Pod | undefined) => boolean,
    deadline: number,
  ): Promise<V1Pod | undefined> {
    for (;;) {
      const since = this.tracker.mark(desktopId);
      const pod = await this.readPod(desktopId);
      if (done(pod) || Date.now() >= deadline) return pod;
      const seen = await this.tracker.waitFor(
        desktopId,
        done,
        Math.min(RECHECK_MS, Math.max(1, deadline - Date.now())),
        since,
      );
      if (seen) return seen.pod;
      if (this.tracker.closed) {
        throw new Error('The Kubernetes runtime is shutting down');
      }
    }
  }

  private async waitUntilRunning(desktopId: string): Promise<V1Pod> {
    const timeoutS = this.options.config.startTimeoutSeconds;
    const settled = (pod: V1Pod | undefined) =>
      !pod ||
      podStatus(pod).state !== 'created' ||
      HOPELESS_WAITING.has(
        pod.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? '',
      );
    const pod = await this.waitForPod(
      desktopId,
      settled,
      Date.now() + timeoutS * 1000,
    );
    if (pod && podStatus(pod).state === 'running') return pod;
    const reason = pod
      ? podWaitingReason(pod) ??
        (podStatus(pod).state === 'exited'
          ? `it ended at once (exit code ${podStatus(pod).exitCode})`
          : `it was not running after ${timeoutS} s`)
      : 'its pod was deleted';
    // Leave nothing half-started behind; the home stays.
    await this.deletePodAndWait(desktopId).catch(() => undefined);
    throw new Error(`The desktop's pod did not start: ${reason}`);
  }

  private async deletePodAndWait(desktopId: string): Promise<void> {
    await ignoreNotFound(
      this.core.deleteNamespacedPod({
        name: podName(desktopId),
        namespace: this.namespace,
      }),
    );
    const gone = await this.waitForPod(
      desktopId,
      pod => !pod,
      Date.now() + STOP_TIMEOUT_MS,
    );
    if (gone) {
      throw new Error(
        `The pod of desktop ${desktopId} was still there ${
          STOP_TIMEOUT_MS / 1000
        } s after it was deleted`,
      );
    }
  }
}
