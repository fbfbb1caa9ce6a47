import { useEffect, useState } from 'react';
import type { CreateClassSessionRequest } from '@internal/backstage-plugin-desktops-common';
import { useDesktopsApi } from '../../api/hooks';

/** Typing pauses this long before the server is asked again. */
export const CAPACITY_CHECK_DELAY_MS = 400;

/**
 * The capacity warning for a session like `request` (undefined while the
 * form is not valid), asked again a moment after the last change. A check
 * that fails shows nothing: saving still works and warns itself.
 */
export function useCapacityCheck(
  courseId: string,
  request: CreateClassSessionRequest | undefined,
): string | null {
  const api = useDesktopsApi();
  const [warning, setWarning] = useState<string | null>(null);
  // Compared as text: the form builds a new object on every render.
  const key = request ? JSON.stringify(request) : undefined;

  useEffect(() => {
    if (!key) {
      setWarning(null);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .checkSessionCapacity(courseId, JSON.parse(key))
        .then(result => {
          if (!cancelled) setWarning(result.warning);
        })
        .catch(() => {
          if (!cancelled) setWarning(null);
        });
    }, CAPACITY_CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, courseId, key]);

  return warning;
}
