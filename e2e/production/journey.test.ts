// The production build, as the README deploys it: the built backend serves
// the built frontend on one origin, against PostgreSQL. A student signs in,
// opens the demo course and sees a launched desktop on the canvas.
// scripts/test starts it (scripts/lib/production.sh) after the journeys
// against the development servers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiUrl, appUrl, demo, shot, signIn } from '../browser.ts';
import {
  desktopSuite,
  launchFirstImage,
  waitForDesktopOnScreen,
} from '../desktopScreen.ts';

describe('production build: sign in, open a course, launch a desktop', () => {
  const suite = desktopSuite();

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
    await signIn(suite.page, demo.alice.username, demo.alice.password);
    await suite.page.getByRole('link', { name: 'Courses' }).first().click();
    await suite.page
      .getByRole('link', { name: new RegExp(demo.courseTitle) })
      .first()
      .click();
    await suite.page
      .getByRole('heading', { name: new RegExp(demo.courseTitle) })
      .first()
      .waitFor();
    await shot(suite.page, 'p1-course-on-built-app');

    await suite.page.getByRole('link', { name: 'My desktops' }).first().click();
    suite.desktopId = await launchFirstImage(suite.page);
    const share = await waitForDesktopOnScreen(suite.page);
    await shot(suite.page, 'p2-desktop-on-built-app');
    assert.ok(share > 0.2, `expected a drawn desktop, got ${share}`);
  });
});
