import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ADD,
  CONNECT,
  DELETE,
  UPDATE,
  makeInformer,
  type CoreV1Api,
  type Informer,
  type KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import type {
  RuntimeEvent,
  RuntimeStatus,
} from '@internal/backstage-plugin-desktops-node';
import { LABEL_DESKTOP_ID } from '../workload/naming';
import { InformerRestarts } from './InformerRestarts';
import { podStatus } from '../workload/podStatus';

type Waiter = {
  desktopId: string;
  /** Undefined: the pod is gone. */
  done: (pod: V1Pod | undefined) => boolean;
  /** The watched pod that settled it; nothing on timeout. */
  resolve: (seen?: { pod: V1Pod | undefined }) => void;
};

/**
 * One informer (list + watch) on this deployment's desktop pods, shared by
 * the runtime's `watch` listeners and by starts and stops waiting for a pod
 * to run or go away, so a class of a thousand launches costs one watch,
 * not a thousand polls. The watch is re-established after errors; the
 * informer relists then, and a pod that ended meanwhile is reported.
 */
export class PodTracker {
  private informer?: Informer<V1Pod>;
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  private readonly waiters = new Set<Waiter>();
  /** The last state reported per desktop, to turn pod updates into events. */
  private readonly reported = new Map<string, RuntimeStatus['state']>();
  /** When each desktop's pod last changed, in events since start. */
  private readonly changedAt = new Map<string, number>();
  private changes = 0;
  private stopped = false;
  private restarts?: InformerRestarts;
  eventsHandled = 0;

  constructor(
    private readonly options: {
      kubeConfig: KubeConfig;
      core: CoreV1Api;
      namespace: string;
      labelSelector: string;
      logger: LoggerService;
    },
  ) {}

  /** Starts the informer once; later calls wait for the same start. */
  private started?: Promise<void>;
  start(): Promise<void> {
    if (!this.started) this.started = this.startInformer();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.restarts?.stop();
    for (const waiter of this.waiters) waiter.resolve();
    await this.informer?.stop();
  }

  /** After `stop` (backend shutdown): waits end at once, nothing is watched. */
  get closed(): boolean {
    return this.stopped;
  }

  addListener(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    void this.start();
    return () => this.listeners.delete(listener);
  }

  /** A mark for `waitFor`: a change to the pod after it is never missed. */
  mark(desktopId: string): number {
    return this.changedAt.get(desktopId) ?? 0;
  }

  /**
   * Resolves with the watched pod (undefined: deleted) once `done` holds
   * for it. Resolves with nothing after `timeoutMs`, or at once if the pod
   * changed after `since` (between the caller's read and now): the caller
   * then reads the pod afresh, so a missed update costs a read, never
   * correctness.
   */
  async waitFor(
    desktopId: string,
    done: (pod: V1Pod | undefined) => boolean,
    timeoutMs: number,
    since: number,
  ): Promise<{ pod: V1Pod | undefined } | undefined> {
    await this.start();
    if (this.mark(desktopId) !== since || this.stopped) return undefined;
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const waiter: Waiter = {
        desktopId,
        done,
        resolve: seen => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(seen);
        },
      };
      timer = setTimeout(() => waiter.resolve(), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async startInformer(): Promise<void> {
    const { kubeConfig, core, namespace, labelSelector } = this.options;
    const informer = makeInformer<V1Pod>(
      kubeConfig,
      `/api/v1/namespaces/${namespace}/pods`,
      () => core.listNamespacedPod({ namespace, labelSelector }),
      labelSelector,
    );
    let initialList = true;
    informer.on(ADD, pod => this.onPod(pod, initialList));
    informer.on(UPDATE, pod => this.onPod(pod, false));
    informer.on(DELETE, pod => this.onDeleted(pod));
    informer.on(CONNECT, () => {
      initialList = false;
    });
    this.restarts = new InformerRestarts(
      informer,
      'desktop pods',
      this.options.logger,
    );
    this.informer = informer;
    await informer.start();
    initialList = false;
  }

  private onPod(pod: V1Pod, fromInitialList: boolean): void {
    const desktopId = pod.metadata?.labels?.[LABEL_DESKTOP_ID];
    if (!desktopId) return;
    this.eventsHandled++;
    const status = podStatus(pod);
    if (pod.metadata?.deletionTimestamp && status.state === 'exited') {
      // A pod ends its container when deleted; told as its deletion, once
      // the pod is gone, so whoever deleted it reads "disappeared", not a
      // crash with exit code 0 or 137.
      this.settleWaiters(desktopId, pod);
      return;
    }
    const previous = this.reported.get(desktopId);
    this.reported.set(desktopId, status.state);
    if (
      status.state === 'running' &&
      previous !== 'running' &&
      !fromInitialList
    ) {
      this.emit({ desktopId, type: 'started', exitCode: null });
    } else if (status.state === 'exited' && previous !== 'exited') {
      this.emit({ desktopId, type: 'died', exitCode: status.exitCode });
    }
    this.settleWaiters(desktopId, pod);
  }

  private onDeleted(pod: V1Pod): void {
    const desktopId = pod.metadata?.labels?.[LABEL_DESKTOP_ID];
    if (!desktopId) return;
    this.eventsHandled++;
    const previous = this.reported.get(desktopId);
    this.reported.delete(desktopId);
    if (previous === 'running' || previous === 'created') {
      this.emit({ desktopId, type: 'died', exitCode: podStatus(pod).exitCode });
    }
    this.emit({ desktopId, type: 'removed', exitCode: null });
    this.settleWaiters(desktopId, undefined);
  }

  private settleWaiters(desktopId: string, pod: V1Pod | undefined): void {
    this.changedAt.set(desktopId, ++this.changes);
    for (const waiter of this.waiters) {
      if (waiter.desktopId === desktopId && waiter.done(pod)) {
        waiter.resolve({ pod });
      }
    }
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error(`Runtime event listener failed: ${error}`);
      }
    }
  }
}
