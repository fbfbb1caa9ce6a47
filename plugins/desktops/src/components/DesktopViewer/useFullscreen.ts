import { useCallback, useEffect, useState } from 'react';

/** Full screen for the viewer's root element, following Esc and F11 too. */
export function useFullscreen(element: HTMLElement | null) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const update = () =>
      setActive(Boolean(element) && document.fullscreenElement === element);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [element]);
  const toggle = useCallback(async () => {
    if (!element) return;
    if (document.fullscreenElement) await document.exitFullscreen();
    else await element.requestFullscreen();
  }, [element]);
  return { active, toggle, supported: Boolean(document.fullscreenEnabled) };
}
