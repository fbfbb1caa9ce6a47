import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { RuntimeStatus } from '@internal/backstage-plugin-desktops-node';
import {
  ANNOTATION_OWNER,
  CONTAINER_NAME,
  LABEL_DEPLOYMENT,
  LABEL_DESKTOP_ID,
} from './naming';

function desktopContainer(pod: V1Pod): V1ContainerStatus | undefined {
  return pod.status?.containerStatuses?.find(c => c.name === CONTAINER_NAME);
}

function isoOrNull(value: Date | string | undefined): string | null {
  if (!value) return null;
  return new Date(value).toISOString();
}

/**
 * A desktop pod as the lifecycle sees a workload:
 * - `created` until its container first runs (scheduling, image pull);
 * - `running` while the container runs (also while its pod is being deleted);
 * - `exited` once the container ended (clean stop, crash, OOM kill) or the
 *   pod failed before it ran, with the exit code and the OOM flag the kubelet
 *   reported.
 */
export function podStatus(pod: V1Pod): RuntimeStatus {
  const container = desktopContainer(pod);
  const terminated =
    container?.state?.terminated ?? container?.lastState?.terminated;
  const phase = pod.status?.phase;
  let state: RuntimeStatus['state'];
  // A pod being deleted runs until its container has ended (the grace
  // period): it is reported running until then, and then exited with the
  // code it ended with, 0 after a clean stop.
  if (container?.state?.running) {
    state = 'running';
  } else if (terminated || phase === 'Succeeded' || phase === 'Failed') {
    state = 'exited';
  } else {
    state = 'created';
  }
  let exitCode: number | null = null;
  if (state === 'exited') {
    // A pod that failed before its container ran (e.g. evicted) has no code.
    exitCode = terminated?.exitCode ?? (phase === 'Succeeded' ? 0 : null);
  }
  const labels = pod.metadata?.labels ?? {};
  return {
    desktopId: labels[LABEL_DESKTOP_ID],
    owner: pod.metadata?.annotations?.[ANNOTATION_OWNER] ?? '',
    handle: pod.metadata?.uid ?? '',
    state,
    exitCode,
    oomKilled: terminated?.reason === 'OOMKilled',
    deploymentId: labels[LABEL_DEPLOYMENT],
    startedAt: isoOrNull(
      container?.state?.running?.startedAt ?? terminated?.startedAt,
    ),
    finishedAt: state === 'exited' ? isoOrNull(terminated?.finishedAt) : null,
  };
}

/** Why a pod that should be running is not, for errors and logs. */
export function podWaitingReason(pod: V1Pod): string | undefined {
  const waiting = desktopContainer(pod)?.state?.waiting;
  if (waiting?.reason && waiting.reason !== 'ContainerCreating') {
    return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
  }
  const unschedulable = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unschedulable?.message) return `not scheduled: ${unschedulable.message}`;
  return undefined;
}
