// The production build, as the README deploys it: the built backend serves
// the built frontend on one origin, against PostgreSQL. A student signs in,
// opens the demo course and sees a launched desktop on the canvas.
// scripts/test starts it (scripts/lib/production.sh) after the journeys
// against the development servers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  apiUrl,
  appUrl,
  demo,
  newUserContext,
  shot,
  signIn,
  signInByApi,
} from '../browser.ts';
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

  it("lists the instructors' templates under Create (templates/ shipped next to the bundle)", async () => {
    const teacher = await newUserContext(suite.browser);
    await signInByApi(teacher, demo.teacher.username, demo.teacher.password);
    // The catalog reads its locations shortly after start.
    let titles: string[] = [];
    const deadline = Date.now() + 60_000;
    while (titles.length < 3 && Date.now() < deadline) {
      const res = await api(
        teacher,
        'GET',
        '/api/catalog/entities/by-query?filter=kind=template',
      );
      assert.equal(res.status(), 200);
      titles = (await res.json()).items
        .map((e: { metadata: { title?: string } }) => e.metadata.title)
        .sort();
      if (titles.length < 3) await new Promise(r => setTimeout(r, 1000));
    }
    assert.deepEqual(titles, [
      'Create a course with an environment',
      'Give every student a copy of a desktop',
      'Publish my desktop as a course environment',
    ]);
    await teacher.close();
  });
});
