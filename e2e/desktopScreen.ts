// What the desktop viewer's canvas shows, read from the page.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  launchBrowser,
  newUserContext,
  screenshotOnFailure,
} from './browser.ts';

/** Share of sampled canvas pixels that are not black, 0..1. */
export async function nonBlackShare(page: Page): Promise<number> {
  return page
    .getByTestId('desktop-screen')
    .locator('canvas')
    .evaluate(node => {
      const canvas = node as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let lit = 0;
      let sampled = 0;
      for (let i = 0; i < data.length; i += 4 * 97) {
        sampled++;
        if (data[i] + data[i + 1] + data[i + 2] > 30) lit++;
      }
      return sampled ? lit / sampled : 0;
    });
}

/** Waits until the viewer is connected and the canvas shows a drawn desktop. */
export async function waitForDesktopOnScreen(page: Page) {
  await page
    .getByTestId('desktop-status')
    .filter({ hasText: 'Connected' })
    .waitFor({ timeout: 90_000 });
  const deadline = Date.now() + 30_000;
  let share = 0;
  while (Date.now() < deadline) {
    share = await nonBlackShare(page);
    if (share > 0.2) return share;
    await page.waitForTimeout(250);
  }
  assert.fail(`the desktop canvas stayed black (non-black share ${share})`);
}

/** Waits until the middle of the screen shows the terminal's black text area. */
export async function waitForTerminalInMiddle(page: Page) {
  const middleIsBlack = () =>
    page
      .getByTestId('desktop-screen')
      .locator('canvas')
      .evaluate(node => {
        const canvas = node as HTMLCanvasElement;
        const ctx = canvas.getContext('2d');
        if (!ctx) return false;
        const { data } = ctx.getImageData(
          Math.floor(canvas.width / 2),
          Math.floor(canvas.height / 2),
          1,
          1,
        );
        return data[0] + data[1] + data[2] < 30;
      });
  const deadline = Date.now() + 30_000;
  while (!(await middleIsBlack())) {
    assert.ok(
      Date.now() < deadline,
      'no terminal window appeared in the middle of the desktop',
    );
    await page.waitForTimeout(250);
  }
}

/** A file below a desktop's home, read through the runtime (the files API). */
export async function readHomeFile(
  context: BrowserContext,
  desktopId: string,
  path: string,
) {
  const res = await api(
    context,
    'GET',
    `/api/desktops/desktops/${desktopId}/files?path=${encodeURIComponent(
      path,
    )}`,
  );
  return { status: res.status(), text: res.ok() ? await res.text() : '' };
}

/** Waits until `path` in the desktop's home holds `expected` (trimmed). */
export async function waitForHomeFile(
  context: BrowserContext,
  desktopId: string,
  path: string,
  expected: string,
  timeoutMs = 20_000,
) {
  let file = { status: 0, text: '' };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    file = await readHomeFile(context, desktopId, path);
    // The shell creates the file before it writes the line.
    if (file.status === 200 && file.text.trim() === expected) return;
    await new Promise(r => setTimeout(r, 500));
  }
  assert.equal(file.status, 200, `~/${path} did not appear`);
  assert.equal(file.text.trim(), expected);
}

/** Clicks the first Launch on My desktops; returns the new desktop's id. */
export async function launchFirstImage(page: Page): Promise<string> {
  await page
    .getByRole('button', { name: /^Launch/ })
    .first()
    .click();
  await page.waitForURL(/\/desktops\/[a-z0-9]+$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** What a desktop journey works with; set once its `before` hook has run. */
export type DesktopSuite = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The desktop the journey launched, deleted when the suite ends. */
  desktopId: string;
};

/**
 * Call inside a `describe`: one Chromium, a fresh user context and page for
 * the suite, a screenshot of the page when a test fails, and at the end the
 * recorded desktop deleted and the browser closed.
 */
export function desktopSuite(): DesktopSuite {
  const suite = { desktopId: '' } as DesktopSuite;
  screenshotOnFailure(() => [suite.page]);
  before(async () => {
    suite.browser = await launchBrowser();
    suite.context = await newUserContext(suite.browser);
    suite.page = await suite.context.newPage();
  });
  after(async () => {
    if (suite.desktopId) {
      await api(
        suite.context,
        'DELETE',
        `/api/desktops/desktops/${suite.desktopId}`,
      ).catch(() => undefined);
    }
    await suite.browser?.close();
  });
  return suite;
}
