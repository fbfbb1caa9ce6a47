import { useCallback, useEffect, useRef, useState } from 'react';
import {
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  ACTIVE_DESKTOP_STATES,
  Desktop,
  DesktopQuota,
  DesktopSignal,
  DesktopState,
  desktopSignalChannel,
} from '@internal/backstage-plugin-desktops-common';
import { useDesktopsApi } from '../api/hooks';
import { takePrefetched } from './prefetchedDesktops';

/** States that change by themselves soon; polled as a fallback to signals. */
const TRANSITIONAL: readonly DesktopState[] = [
  'pending',
  'starting',
  'stopping',
];

export const POLL_INTERVAL_MS = 5000;

export function isTransitional(state: DesktopState): boolean {
  return TRANSITIONAL.includes(state);
}

/** Keeps the newer of two versions of a desktop (signals and polls race). */
function newer(current: Desktop | undefined, incoming: Desktop): Desktop {
  if (!current) return incoming;
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt)
    ? incoming
    : current;
}

/**
 * Calls `onMessage` for every message on one of the caller's own channels,
 * `channelOf(userEntityRef)`. `useSignal` only exposes the last message,
 * which can drop one when two arrive in the same render; subscribing
 * directly sees each of them. Unsubscribed while `enabled` is false.
 */
export function useOwnSignals<T>(
  channelOf: (userEntityRef: string) => string,
  onMessage: (message: T) => void,
  enabled: boolean = true,
) {
  const signals = useApiHolder().get(signalApiRef);
  const identityApi = useApi(identityApiRef);
  const [channel, setChannel] = useState<string>();
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const channelFor = useRef(channelOf);
  channelFor.current = channelOf;

  useEffect(() => {
    let cancelled = false;
    identityApi
      .getBackstageIdentity()
      .then(identity => {
        if (!cancelled) setChannel(channelFor.current(identity.userEntityRef));
      })
      .catch(() => {
        // Without an identity there is no channel; polling still works.
      });
    return () => {
      cancelled = true;
    };
  }, [identityApi]);

  useEffect(() => {
    if (!signals || !channel || !enabled) return undefined;
    const { unsubscribe } = signals.subscribe(channel, message =>
      handler.current(message as unknown as T),
    );
    return unsubscribe;
  }, [signals, channel, enabled]);
}

/** Calls `onSignal` for every message on the caller's desktops channel. */
export function useDesktopSignals(onSignal: (signal: DesktopSignal) => void) {
  useOwnSignals(desktopSignalChannel, onSignal);
}

/** Runs `tick` every `ms` while `active`. */
export function usePolling(active: boolean, tick: () => void, ms: number) {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

export type MyDesktops = {
  desktops?: Desktop[];
  quota?: DesktopQuota;
  loading: boolean;
  error?: Error;
  reload: () => Promise<void>;
  /** Puts a desktop the caller just got back from the API into the list. */
  upsert: (desktop: Desktop) => void;
  remove: (id: string) => void;
};

/**
 * The caller's desktops, kept live: signals update single cards at once, and
 * the list is polled while anything is on its way up or down.
 */
export function useMyDesktops(): MyDesktops {
  const api = useDesktopsApi();
  const [desktops, setDesktops] = useState<Desktop[]>();
  const [maxRunning, setMaxRunning] = useState<number>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const reload = useCallback(async () => {
    try {
      const list = await api.listDesktops();
      setDesktops(list.items);
      setMaxRunning(list.quota.maxRunning);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    reload();
  }, [reload]);

  const upsert = useCallback((desktop: Desktop) => {
    setDesktops(list => {
      const items = list ?? [];
      const index = items.findIndex(d => d.id === desktop.id);
      if (index < 0) return [...items, desktop];
      const next = [...items];
      next[index] = newer(items[index], desktop);
      return next;
    });
  }, []);

  const remove = useCallback((id: string) => {
    setDesktops(list => list?.filter(d => d.id !== id));
  }, []);

  useDesktopSignals(signal => {
    if (signal.type === 'desktop-changed') upsert(signal.desktop);
    else if (signal.type === 'desktop-deleted') remove(signal.id);
  });

  usePolling(
    Boolean(desktops?.some(d => isTransitional(d.state))),
    reload,
    POLL_INTERVAL_MS,
  );

  // Counted here, not taken from the last fetch, so it follows the signals.
  const quota =
    desktops && maxRunning !== undefined
      ? {
          maxRunning,
          running: desktops.filter(d => ACTIVE_DESKTOP_STATES.includes(d.state))
            .length,
        }
      : undefined;

  return { desktops, quota, loading, error, reload, upsert, remove };
}

export type LiveDesktop = {
  desktop?: Desktop;
  error?: Error;
  /** True once the desktop was deleted while open. */
  deleted: boolean;
  refresh: () => Promise<Desktop | undefined>;
  set: (desktop: Desktop) => void;
};

/** One desktop, kept live like the list. */
export function useLiveDesktop(id: string): LiveDesktop {
  const api = useDesktopsApi();
  const [desktop, setDesktop] = useState<Desktop>();
  const [error, setError] = useState<Error>();
  const [deleted, setDeleted] = useState(false);

  const set = useCallback(
    (next: Desktop) => setDesktop(current => newer(current, next)),
    [],
  );

  const refresh = useCallback(async () => {
    try {
      const fresh = await api.getDesktop(id);
      // A direct read is authoritative, even if a signal carried the same time.
      setDesktop(fresh);
      setError(undefined);
      return fresh;
    } catch (e) {
      setError(e as Error);
      return undefined;
    }
  }, [api, id]);

  useEffect(() => {
    // A record the class start card just read lets the viewer connect
    // without waiting for this read; the read still follows at once.
    setDesktop(takePrefetched(id));
    setDeleted(false);
    refresh();
  }, [id, refresh]);

  useDesktopSignals(signal => {
    if (signal.type === 'desktop-changed' && signal.desktop.id === id) {
      set(signal.desktop);
    } else if (signal.type === 'desktop-deleted' && signal.id === id) {
      setDeleted(true);
    }
  });

  usePolling(
    Boolean(desktop && isTransitional(desktop.state)),
    refresh,
    POLL_INTERVAL_MS,
  );

  return { desktop, error, deleted, refresh, set };
}
