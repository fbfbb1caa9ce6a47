import { useEffect } from 'react';
import { useDesktopsApi } from '../../api/hooks';
import { rememberPrefetched } from '../../hooks/prefetchedDesktops';

/**
 * Fetches the viewer's code (its page and noVNC) ahead of a likely click,
 * e.g. while a pre-warmed desktop's Open is on screen, so the click pays
 * only for the connection. The same `import()`s as the page's loader and
 * useRfbConnection: webpack loads each chunk once. A failure here is
 * retried by the real import on click.
 */
export function preloadDesktopViewer(): void {
  import('./DesktopViewerPage').catch(() => undefined);
  import('@novnc/novnc').catch(() => undefined);
}

/**
 * While `desktopId` (a running desktop behind an Open button) is set: the
 * viewer's code, and the desktop's record for the viewer to start its
 * connection with (read again whenever `refreshKey` changes, e.g. on each
 * poll of the card showing it, so it stays fresh).
 */
export function usePreloadedViewer(
  desktopId: string | undefined,
  refreshKey?: unknown,
): void {
  const api = useDesktopsApi();
  useEffect(() => {
    if (!desktopId) return;
    preloadDesktopViewer();
    api.getDesktop(desktopId).then(rememberPrefetched, () => undefined);
  }, [api, desktopId, refreshKey]);
}
