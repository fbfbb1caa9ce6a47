import type {
  DesktopResources,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';

/** "2 CPUs · 4 GiB" */
export function formatResources(resources: DesktopResources): string {
  const cpus = `${resources.cpus} ${resources.cpus === 1 ? 'CPU' : 'CPUs'}`;
  const mem =
    resources.memoryMiB >= 1024
      ? `${Number((resources.memoryMiB / 1024).toFixed(1))} GiB`
      : `${resources.memoryMiB} MiB`;
  return `${cpus} · ${mem} memory`;
}

export const STATE_LABELS: Record<DesktopState, string> = {
  pending: 'Pending',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  stopped: 'Stopped',
  error: 'Error',
};
