import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DesktopRecord } from '../store';

const MOVING: ReadonlySet<DesktopState> = new Set([
  'pending',
  'starting',
  'stopping',
]);

/**
 * The desktop once it is no longer on its way somewhere (running, stopped
 * or failed), read from its row every `pollMs`: the launch runs in the
 * service's background and may be another backend instance's. Undefined
 * if the desktop is gone, `signal` aborts first or `keepGoing` says no
 * (the tick's budget is spent: a slow start must not hold up the tick; the
 * next one looks again).
 */
export async function untilSettled(
  read: (id: string) => Promise<DesktopRecord | undefined>,
  id: string,
  options: {
    signal?: AbortSignal;
    pollMs?: number;
    keepGoing?: () => boolean;
  } = {},
): Promise<DesktopRecord | undefined> {
  for (;;) {
    if (options.signal?.aborted) return undefined;
    const desktop = await read(id);
    if (!desktop) return undefined;
    if (!MOVING.has(desktop.state)) return desktop;
    if (options.keepGoing && !options.keepGoing()) return undefined;
    try {
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal });
    } catch {
      return undefined;
    }
  }
}
