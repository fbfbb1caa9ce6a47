import type { Desktop } from '@internal/backstage-plugin-desktops-common';

/**
 * Desktops read just before a likely Open (the class start card), handed to
 * the viewer so it can ask for its connect ticket without reading the
 * desktop again first. The viewer still reads it fresh at once; a record
 * older than {@link PREFETCH_FRESH_MS} is not used.
 */
export const PREFETCH_FRESH_MS = 30_000;

const prefetched = new Map<string, { desktop: Desktop; at: number }>();

export function rememberPrefetched(desktop: Desktop, now = Date.now()): void {
  prefetched.set(desktop.id, { desktop, at: now });
}

/** The prefetched record of `id` if it is fresh; it is used once. */
export function takePrefetched(
  id: string,
  now = Date.now(),
): Desktop | undefined {
  const entry = prefetched.get(id);
  prefetched.delete(id);
  return entry && now - entry.at <= PREFETCH_FRESH_MS
    ? entry.desktop
    : undefined;
}
