import { useCallback, useEffect, useState } from 'react';
import {
  DesktopPresence,
  desktopPresenceChannel,
  DesktopPresenceSignal,
} from '@internal/backstage-plugin-desktops-common';
import { useDesktopsApi } from '../api/hooks';
import { usePolling } from './useLiveDesktops';
import { useSignalChannel } from './useSignalChannel';

/**
 * Presence is pushed on the desktop's signals channel; this slow re-read
 * catches a missed message or a signals connection that is down.
 */
export const PRESENCE_FALLBACK_MS = 15_000;

export type LivePresence = {
  presence?: DesktopPresence;
  error?: Error;
  refresh: () => Promise<void>;
  /** Takes the presence a control route answered with. */
  set: (presence: DesktopPresence) => void;
};

/** Who is on a desktop now, kept live while `enabled` (it runs). */
export function usePresence(desktopId: string, enabled: boolean): LivePresence {
  const api = useDesktopsApi();
  const [presence, setPresence] = useState<DesktopPresence>();
  const [error, setError] = useState<Error>();

  const refresh = useCallback(async () => {
    try {
      setPresence(await api.getPresence(desktopId));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, desktopId]);

  useEffect(() => {
    if (enabled) refresh();
    else setPresence(undefined);
  }, [enabled, refresh]);

  useSignalChannel<DesktopPresenceSignal>(
    enabled ? desktopPresenceChannel(desktopId) : undefined,
    message => {
      if (
        message.type === 'presence-changed' &&
        message.presence.desktopId === desktopId
      ) {
        setPresence(message.presence);
      }
    },
  );
  usePolling(enabled, refresh, PRESENCE_FALLBACK_MS);

  return { presence, error, refresh, set: setPresence };
}
