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
