import { useCallback, useState } from 'react';

/** Display options of the viewer, remembered in this browser. */
export type ViewerSettings = {
  /** Shrink the remote screen to fit when it is larger than the window. */
  scaleViewport: boolean;
  /** Ask the desktop to change its resolution to the window's size. */
  resizeSession: boolean;
  /** JPEG quality, 0–9 (noVNC default 6). */
  qualityLevel: number;
  /** Compression, 0–9 (noVNC default 2). */
  compressionLevel: number;
};

export const DEFAULT_VIEWER_SETTINGS: ViewerSettings = {
  scaleViewport: true,
  resizeSession: true,
  qualityLevel: 6,
  compressionLevel: 2,
};

const STORAGE_KEY = 'labstage.desktops.viewerSettings';

function clampLevel(value: unknown, fallback: number): number {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= 9
    ? value
    : fallback;
}

export function loadViewerSettings(): ViewerSettings {
  try {
    const raw = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    const d = DEFAULT_VIEWER_SETTINGS;
    return {
      scaleViewport:
        typeof raw.scaleViewport === 'boolean'
          ? raw.scaleViewport
          : d.scaleViewport,
      resizeSession:
        typeof raw.resizeSession === 'boolean'
          ? raw.resizeSession
          : d.resizeSession,
      qualityLevel: clampLevel(raw.qualityLevel, d.qualityLevel),
      compressionLevel: clampLevel(raw.compressionLevel, d.compressionLevel),
    };
  } catch {
    return DEFAULT_VIEWER_SETTINGS;
  }
}

export function useViewerSettings(): [
  ViewerSettings,
  (patch: Partial<ViewerSettings>) => void,
] {
  const [settings, setSettings] = useState(loadViewerSettings);
  const update = useCallback((patch: Partial<ViewerSettings>) => {
    setSettings(current => {
      const next = { ...current, ...patch };
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private windows may refuse storage; the settings still apply now.
      }
      return next;
    });
  }, []);
  return [settings, update];
}
