// Class sessions in real Chromium (issue 13's journey): the teacher
// schedules a CS101 session starting in about two minutes with one minute
// of warm-up on the Sessions tab; the backend's warm-up starts alice's
// course desktop before the class begins; alice's course page says her
// desktop is ready, she clicks Open and sees it. Then the demo schedule
// that `scripts/start` sets up.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  apiUrl,
  appUrl,
  deleteMadeDesktops,
  demo,
  launchBrowser,
  type MadeDesktops,
  newUserContext,
  screenshotOnFailure,
  shot,
  signInByApi,
} from './browser.ts';
import { waitForDesktopOnScreen } from './desktopScreen.ts';

type User = { context: BrowserContext; page: Page };
type SessionNow = {
  occurrence: { start: string; warmUpAt: string } | null;
  phase: string | null;
  desktop: { id: string; state: string } | null;
};

const execFileAsync = promisify(execFile);
const title = `Lab ${DateTime.utc().toFormat('HHmmss')}`;

async function json<T>(
  context: BrowserContext,
  method: string,
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await api(context, method, path, data);
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** CS101 as `context`'s user sees it: its id and time zone. */
async function cs101Of(
  context: BrowserContext,
): Promise<{ id: string; timeZone: string }> {
  const { items } = await json<{
    items: Array<{ id: string; code: string; timeZone: string }>;
  }>(context, 'GET', '/api/courses/courses');
  const cs101 = items.find(c => c.code === 'CS101');
  assert.ok(cs101, 'CS101 exists');
  return cs101;
}

describe('class sessions journey: schedule, warm-up before the start, open the ready desktop', () => {
  let browser: Browser;
  let teacher: User;
  let alice: User;
  let courseId = '';
  /** The class start, a whole minute two to three minutes from now, in CS101's zone (the form's). */
  let start: DateTime;
  const made: MadeDesktops = [];
  screenshotOnFailure(() => [teacher?.page, alice?.page]);

  before(async () => {
    browser = await launchBrowser();
    const open = async (who: { username: string; password: string }) => {
      const context = await newUserContext(browser);
      await signInByApi(context, who.username, who.password);
      return { context, page: await context.newPage() };
    };
    teacher = await open(demo.teacher);
    alice = await open(demo.alice);
    const cs101 = await cs101Of(teacher.context);
    courseId = cs101.id;
    start = DateTime.now()
      .setZone(cs101.timeZone)
      .plus({ minutes: 3 })
      .startOf('minute');
    // The warm-up must be what starts alice's desktop: stop it if it runs.
    const { items } = await json<{
      items: Array<{ id: string; courseId: string | null; state: string }>;
    }>(alice.context, 'GET', '/api/desktops/desktops');
    for (const d of items.filter(x => x.courseId === courseId)) {
      if (d.state !== 'stopped') {
        await json(
          alice.context,
          'POST',
          `/api/desktops/desktops/${d.id}/stop`,
        );
      }
    }
  });

  after(async () => {
    const { items } = await json<{
      items: Array<{ id: string; title: string }>;
    }>(
      teacher.context,
      'GET',
      `/api/desktops/courses/${courseId}/sessions`,
    ).catch(() => ({ items: [] }));
    for (const s of items.filter(x => x.title === title)) {
      await api(
        teacher.context,
        'DELETE',
        `/api/desktops/courses/${courseId}/sessions/${s.id}`,
      ).catch(() => undefined);
    }
    await deleteMadeDesktops(made);
    await browser?.close();
  });

  it('1. the teacher schedules a session starting in two minutes with one minute of warm-up on the Sessions tab', async () => {
    const { page } = teacher;
    await page.goto(`${appUrl}/courses/${courseId}/sessions`);
    await page.getByRole('button', { name: 'Schedule a session' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Date').fill(start.toISODate()!);
    await dialog.getByLabel('Start time').fill(start.toFormat('HH:mm'));
    await dialog.getByLabel('Duration (minutes)').fill('30');
    await dialog.getByLabel('Warm-up (minutes)').fill('1');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: `Session ${title}` }).waitFor();
    await shot(page, 's1-session-scheduled');
  });

  it("2. the warm-up starts alice's desktop before the class starts", async () => {
    const deadline = start.plus({ minutes: 1 }).toMillis();
    let now: SessionNow;
    for (;;) {
      now = await json<SessionNow>(
        alice.context,
        'GET',
        `/api/desktops/courses/${courseId}/sessions/now`,
      );
      if (now.desktop?.state === 'running') break;
      assert.ok(
        Date.now() < deadline,
        `alice's desktop is not running a minute after the start: ${JSON.stringify(
          now,
        )}`,
      );
      await new Promise(r => setTimeout(r, 1000));
    }
    made.push({ context: alice.context, id: now.desktop.id });
    assert.ok(
      Date.now() < start.toMillis(),
      `alice's desktop runs before ${start.toISO()} (it is ${new Date().toISOString()})`,
    );
    assert.equal(now.phase, 'warming-up');
    assert.equal(
      Date.parse(now.occurrence?.start ?? ''),
      start.toMillis(),
      'the meeting that warmed up is the one scheduled',
    );
  });

  it('3. alice sees "your desktop is ready" on the course page, clicks Open and sees her desktop', async () => {
    const { page } = alice;
    await page.goto(`${appUrl}/courses/${courseId}`);
    const card = page.getByRole('region', { name: 'Class session' }).filter({
      hasText: `Class starts at ${start.toFormat(
        'H:mm',
      )}: your desktop is ready`,
    });
    await card.waitFor();
    await shot(page, 's3-desktop-ready');
    assert.ok(Date.now() < start.toMillis(), 'still before the class starts');
    await card.getByRole('button', { name: 'Open' }).click();
    await waitForDesktopOnScreen(page);
    await shot(page, 's3-desktop-open');
  });
});

const demoScript = join(
  import.meta.dirname,
  '..',
  'scripts',
  'lib',
  'demo',
  'sessions.mjs',
);

describe('demo data: CS101 has a session today (scripts/start)', () => {
  let browser: Browser;
  let teacher: User;
  let courseId = '';
  let timeZone = 'UTC';
  screenshotOnFailure(() => [teacher?.page]);

  before(async () => {
    browser = await launchBrowser();
    const context = await newUserContext(browser);
    await signInByApi(context, demo.teacher.username, demo.teacher.password);
    teacher = { context, page: await context.newPage() };
    ({ id: courseId, timeZone } = await cs101Of(context));
  });

  after(async () => {
    // The demo's meeting today would warm students' desktops under the
    // journeys that run after this one.
    const { items } = await json<{
      items: Array<{ id: string; title: string }>;
    }>(teacher.context, 'GET', `/api/desktops/courses/${courseId}/sessions`);
    for (const s of items.filter(x =>
      ['Weekly lab', 'Lab practice'].includes(x.title),
    )) {
      await json(
        teacher.context,
        'DELETE',
        `/api/desktops/courses/${courseId}/sessions/${s.id}`,
      );
    }
    await browser?.close();
  });

  it('the demo script schedules a weekly lab and a meeting today, and a second run adds nothing', async () => {
    await execFileAsync('node', [demoScript, apiUrl]);
    await execFileAsync('node', [demoScript, apiUrl]);
    const { items } = await json<{
      items: Array<{ title: string; kind: string }>;
    }>(teacher.context, 'GET', `/api/desktops/courses/${courseId}/sessions`);
    assert.equal(items.filter(s => s.title === 'Weekly lab').length, 1);
    const today = DateTime.now().setZone(timeZone);
    const { items: meetings } = await json<{ items: Array<{ date: string }> }>(
      teacher.context,
      'GET',
      `/api/desktops/courses/${courseId}/sessions/occurrences?from=${encodeURIComponent(
        today.startOf('day').toISO()!,
      )}&to=${encodeURIComponent(today.endOf('day').toISO()!)}`,
    );
    assert.ok(meetings.length >= 1, 'CS101 meets today');
    await teacher.page.goto(`${appUrl}/courses/${courseId}/sessions`);
    await teacher.page.getByText('Weekly lab').first().waitFor();
    await shot(teacher.page, 'sessions-tab-demo');
  });
});
