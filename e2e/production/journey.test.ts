// The production build, as the README deploys it: the built backend serves
// the built frontend on one origin, against PostgreSQL. A student signs in,
// opens the demo course and sees a launched desktop on the canvas.
// scripts/test starts it (scripts/lib/production.sh) after the journeys
// against the development servers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  apiUrl,
  appUrl,
  demo,
  launchBrowser,
  newUserContext,
  screenshotOnFailure,
  shot,
  signIn,
} from '../browser.ts';
import { launchFirstImage, waitForDesktopOnScreen } from '../desktopScreen.ts';

describe('production build: sign in, open a course, launch a desktop', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let desktopId = '';

  screenshotOnFailure(() => [page]);

  before(async () => {
    browser = await launchBrowser();
    context = await newUserContext(browser);
    page = await context.newPage();
  });
  after(async () => {
    if (desktopId) {
      await api(context, 'DELETE', `/api/desktops/desktops/${desktopId}`).catch(
        () => undefined,
      );
    }
    await browser?.close();
  });

  it('serves the built frontend from the backend itself', async () => {
    assert.equal(new URL(appUrl).origin, new URL(apiUrl).origin);
    const res = await fetch(appUrl);
    assert.equal(res.status, 200);
    const html = await res.text();
    // The production bundle: content-hashed scripts, no dev-server client.
    assert.match(html, /\/static\/[\w.-]+\.[0-9a-f]{8,}\.js/);
    assert.doesNotMatch(html, /webpack-dev-server|rspack-dev-server/);
  });

  it('a student signs in, opens the demo course and sees a launched desktop', async () => {
    await signIn(page, demo.alice.username, demo.alice.password);
    await page.getByRole('link', { name: 'Courses' }).first().click();
    await page
      .getByRole('link', { name: new RegExp(demo.courseTitle) })
      .first()
      .click();
    await page
      .getByRole('heading', { name: new RegExp(demo.courseTitle) })
      .first()
      .waitFor();
    await shot(page, 'p1-course-on-built-app');

    await page.getByRole('link', { name: 'My desktops' }).first().click();
    desktopId = await launchFirstImage(page);
    const share = await waitForDesktopOnScreen(page);
    await shot(page, 'p2-desktop-on-built-app');
    assert.ok(share > 0.2, `expected a drawn desktop, got ${share}`);
  });
});
