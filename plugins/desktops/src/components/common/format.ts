import type {
  DesktopResources,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';

/** "2 CPUs · 4 GiB memory"; "1.25 CPUs" for fractions (capacity sums). */
export function formatResources(
  resources: Pick<DesktopResources, 'cpus' | 'memoryMiB'>,
): string {
  const count = Number(resources.cpus.toFixed(2));
  const cpus = `${count} ${count === 1 ? 'CPU' : 'CPUs'}`;
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

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "312 MiB", "1.4 GiB"; "—" for 0, which the server sends when it can't tell. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown =
    value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1);
  return `${Number(shown)} ${BYTE_UNITS[unit]}`;
}

/** `user:default/alice` → `alice`. */
export function ownerName(ref: string): string {
  return ref.replace(/^user:default\//, '');
}
