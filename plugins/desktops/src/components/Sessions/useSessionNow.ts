import { useReloadableAsync } from '@internal/backstage-plugin-labstage-react';
import {
  ClassSessionNowResponse,
  DesktopSignal,
  desktopSignalChannel,
} from '@internal/backstage-plugin-desktops-common';
import useInterval from 'react-use/esm/useInterval';
import { useDesktopsApi } from '../../api/hooks';
import { useOwnSignals } from '../../hooks/useLiveDesktops';

/** A meeting's window opens or closes on its own: asked again this often. */
export const SESSION_NOW_REFRESH_MS = 15_000;

/**
 * The meeting of the course whose desktop window is on now, and the
 * caller's course desktop; read again every 15 s and as soon as one of
 * the caller's desktops of the course changes (the desktops signal), so
 * "starting…" turns into "ready" without waiting. Off while `enabled` is
 * false.
 */
export function useSessionNow(
  courseId: string,
  enabled: boolean,
): ClassSessionNowResponse | undefined {
  const api = useDesktopsApi();
  const now = useReloadableAsync(
    async () => (enabled ? api.getSessionNow(courseId) : undefined),
    [api, courseId, enabled],
  );
  useInterval(now.retry, enabled ? SESSION_NOW_REFRESH_MS : null);
  useOwnSignals<DesktopSignal>(
    desktopSignalChannel,
    signal => {
      const changed =
        signal.type === 'desktop-changed'
          ? signal.desktop.courseId === courseId
          : signal.id === now.value?.desktop?.id;
      if (changed) now.retry();
    },
    enabled,
  );
  return now.value;
}
