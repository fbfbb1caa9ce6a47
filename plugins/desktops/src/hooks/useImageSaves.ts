import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ImageSave,
  ImageSavePhase,
  ImageSaveSignal,
  imageSaveSignalChannel,
} from '@internal/backstage-plugin-desktops-common';
import { errorStatus } from '@internal/backstage-plugin-labstage-react';
import { useDesktopsApi } from '../api/hooks';
import { useOwnSignals, usePolling } from './useLiveDesktops';

/** Saves move quickly; polled this often while running, as signals may not arrive. */
export const SAVE_POLL_MS = 1500;

/** Every phase, in the order a save or build goes through them. */
export const SAVE_PHASE_ORDER: readonly ImageSavePhase[] = [
  'queued',
  'committing',
  'copying-home',
  'building',
  'pushing',
  'recording',
  'done',
];

/** How far along a save is; a finished one never goes back to running. */
function progressOf(save: ImageSave): number {
  return (
    (save.state === 'saving' ? 0 : 100) + SAVE_PHASE_ORDER.indexOf(save.phase)
  );
}

/** Keeps the further-along of two reports of a save (signals and polls race). */
function newer(current: ImageSave | undefined, incoming: ImageSave) {
  if (!current) return incoming;
  return progressOf(incoming) >= progressOf(current) ? incoming : current;
}

/** Shown for a save the server no longer knows, e.g. after a restart. */
export const LOST_SAVE_MESSAGE =
  'The save was interrupted (the server may have restarted). Your desktop was not changed; try again.';

export type ImageSaves = {
  /** Followed saves, newest first. */
  saves: ImageSave[];
  /** Starts following saves, or takes newer reports of followed ones. */
  track: (saves: ImageSave[]) => void;
  /** Stops following the saves that match. */
  forget: (match: (save: ImageSave) => boolean) => void;
};

/**
 * Follows image saves as they move through their phases: signals update
 * them at once, and each running save is polled every 1.5 s as a fallback.
 * With `all`, every save of the caller's that a signal reports is followed
 * (saves started in another tab); else only those passed to `track`.
 * `onSettled` is called once a followed save is seen finished (succeeded or
 * failed), including one that was already finished when first tracked.
 */
export function useImageSaves(
  options: {
    all?: boolean;
    onSettled?: (save: ImageSave) => void;
  } = {},
): ImageSaves {
  const api = useDesktopsApi();
  const all = options.all ?? false;
  const [byId, setById] = useState<Record<string, ImageSave>>({});

  const track = useCallback((incoming: ImageSave[]) => {
    setById(current => {
      let next = current;
      for (const save of incoming) {
        const kept = newer(next[save.id], save);
        if (kept !== next[save.id]) next = { ...next, [save.id]: kept };
      }
      return next;
    });
  }, []);

  const forget = useCallback((match: (save: ImageSave) => boolean) => {
    setById(current => {
      const gone = Object.values(current).filter(match);
      if (gone.length === 0) return current;
      const next = { ...current };
      for (const save of gone) delete next[save.id];
      return next;
    });
  }, []);

  const running = Object.values(byId).filter(s => s.state === 'saving');

  // Without `all`, only running saves can change, so only then listen.
  useOwnSignals<ImageSaveSignal>(
    imageSaveSignalChannel,
    message => {
      if (message?.type !== 'image-save-changed') return;
      const { save } = message;
      setById(current =>
        all || current[save.id]
          ? { ...current, [save.id]: newer(current[save.id], save) }
          : current,
      );
    },
    all || running.length > 0,
  );
  const polling = useRef(false);
  usePolling(
    running.length > 0,
    async () => {
      if (polling.current) return;
      polling.current = true;
      try {
        await Promise.all(
          running.map(async save => {
            try {
              track([await api.getSave(save.id)]);
            } catch (e) {
              // Saves live in the server's memory: a restart loses them.
              if (errorStatus(e) === 404) {
                track([
                  {
                    ...save,
                    state: 'failed',
                    error: LOST_SAVE_MESSAGE,
                    finishedAt: new Date().toISOString(),
                  },
                ]);
              }
              // Anything else is passing; the next poll tries again.
            }
          }),
        );
      } finally {
        polling.current = false;
      }
    },
    SAVE_POLL_MS,
  );

  const onSettled = useRef(options.onSettled);
  onSettled.current = options.onSettled;
  const lastStates = useRef(new Map<string, ImageSave['state']>());
  useEffect(() => {
    for (const save of Object.values(byId)) {
      const before = lastStates.current.get(save.id);
      lastStates.current.set(save.id, save.state);
      if (save.state !== 'saving' && before !== save.state) {
        onSettled.current?.(save);
      }
    }
  }, [byId]);

  const saves = useMemo(
    () =>
      Object.values(byId).sort((a, b) =>
        b.startedAt.localeCompare(a.startedAt),
      ),
    [byId],
  );
  return { saves, track, forget };
}
