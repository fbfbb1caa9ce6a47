// What a student sees first: the viewer's canvas drawing anything but black.
import type { Page } from 'playwright-core';

/**
 * Resolves once the canvas under `desktop-screen` shows a non-black pixel
 * (every 31st sampled), checked on every animation frame, with the page's
 * `performance.now()` at that frame.
 */
export async function waitForFirstFrame(
  page: Page,
  timeoutMs = 120_000,
): Promise<number> {
  const found = await page.waitForFunction(
    () => {
      const canvas = document.querySelector(
        '[data-testid="desktop-screen"] canvas',
      ) as HTMLCanvasElement | null;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.width === 0) return false;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let p = 0; p < data.length; p += 4 * 31) {
        if (data[p] + data[p + 1] + data[p + 2] > 30) return performance.now();
      }
      return false;
    },
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await found.jsonValue()) as number;
}
