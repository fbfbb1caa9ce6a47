// The pods of the class-start benchmark (bench/class-start.ts) as its own
// watch sees them (as cluster-admin, beside the backend's): when each was
// first seen, scheduled, Running and deleted, how many run now, and the watch
// events counted.
import type { Pod, WatchEvent } from './kubeAdmin.ts';

export type PodSeen = {
  desktopId?: string;
  node?: string;
  createdAt?: number;
  scheduledAt?: number;
  runningAt?: number;
  deletedAt?: number;
  phase?: string;
  terminating?: boolean;
};

type EventCounts = { ADDED: number; MODIFIED: number; DELETED: number };

/** The pod of a desktop. */
export const podOf = (id: string) => `labstage-desktop-${id}`;

export class PodTally {
  /** Every pod seen, by name (performance.now() times). */
  readonly pods = new Map<string, PodSeen>();
  watchEvents = 0;
  /** Pods Running and neither terminating nor deleted. */
  podsRunning = 0;
  /** Events per type since the counter was last reset. */
  readonly eventCounts: EventCounts = { ADDED: 0, MODIFIED: 0, DELETED: 0 };

  resetEventCounts() {
    Object.assign(this.eventCounts, { ADDED: 0, MODIFIED: 0, DELETED: 0 });
  }

  /** For KubeAdmin.watchPods. */
  readonly onWatchEvent = (event: WatchEvent, at: number) => {
    const pod: Pod = event.object;
    this.watchEvents++;
    if (event.type in this.eventCounts)
      this.eventCounts[event.type as keyof EventCounts]++;
    const seen = this.pods.get(pod.metadata.name) ?? {};
    this.pods.set(pod.metadata.name, seen);
    seen.desktopId = pod.metadata.labels?.['labstage.io/desktop-id'];
    seen.createdAt ??= at;
    seen.node = pod.spec?.nodeName ?? seen.node;
    if (seen.node) seen.scheduledAt ??= at;
    const wasRunning =
      seen.phase === 'Running' && !seen.terminating && !seen.deletedAt;
    if (event.type === 'DELETED') {
      seen.deletedAt = at;
    } else {
      seen.phase = pod.status?.phase;
      seen.terminating = Boolean(pod.metadata.deletionTimestamp);
      if (seen.phase === 'Running' && seen.runningAt === undefined)
        seen.runningAt = at;
    }
    const isRunning =
      seen.phase === 'Running' && !seen.terminating && !seen.deletedAt;
    this.podsRunning += Number(isRunning) - Number(wasRunning);
  };
}
