// Click → first frame for a pre-warmed desktop (issue 13), on whatever
// LABSTAGE_URL serves (bench/lib/sessions.sh: the production build): a
// CS101 session is in its warm-up, so alice's course desktop already runs;
// on the course page she clicks Open on "Class starts at …: your desktop
// is ready" and the viewer's canvas draws its first non-black frame. Each
// run opens the course page afresh (the card, the click, a new viewer
// connection).
import {
  appUrl,
  demo,
  launchBrowser,
  newUserContext,
  signIn,
} from '../e2e/browser.ts';
import { courseIdOf } from './lib/classroomClass.ts';
import { waitForFirstFrame } from './lib/firstFrame.ts';
import { LabstageSession } from './lib/platform.ts';
import { recordResult } from './lib/results.ts';
import { summarize } from './lib/stats.ts';

const runs = Number(process.env.BENCH_PREWARMED_RUNS ?? 20);
const teacher = await LabstageSession.signIn(
  demo.teacher.username,
  demo.teacher.password,
);
const alice = await LabstageSession.signIn(
  demo.alice.username,
  demo.alice.password,
);
const courseId = await courseIdOf(teacher, 'CS101');

// Starts in 5 minutes with the default 10 minutes of warm-up: the warm-up
// has begun. CS101 is in UTC (courses.defaultTimeZone).
const start = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
const session = await teacher.call<{ id: string }>(
  'POST',
  `/courses/${courseId}/sessions`,
  {
    title: 'Pre-warmed first frame bench',
    kind: 'once',
    startDate: start.toISOString().slice(0, 10),
    startTime: start.toISOString().slice(11, 16),
    durationMinutes: 60,
  },
);
const browser = await launchBrowser();
let desktopId: string | undefined;
try {
  // The warm-up (not this bench) starts alice's desktop.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const now = await alice.call<{
      desktop: { id: string; state: string } | null;
    }>('GET', `/courses/${courseId}/sessions/now`);
    if (now.desktop?.state === 'running') {
      desktopId = now.desktop.id;
      break;
    }
    if (Date.now() > deadline)
      throw new Error(
        `the warm-up did not start alice's desktop: ${JSON.stringify(now)}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
  const page = await (await newUserContext(browser)).newPage();
  await signIn(page, demo.alice.username, demo.alice.password);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`${appUrl}/courses/${courseId}`);
    const ready = page
      .getByRole('region', { name: 'Class session' })
      .filter({ hasText: 'your desktop is ready' });
    const open = ready.getByRole('button', { name: 'Open' });
    await open.waitFor();
    // Timed in the page, from the click event: Playwright's own checks
    // before it clicks (visible, stable for two frames) are not the user's.
    await page.evaluate(() => {
      const w = window as unknown as { clickedAt?: number };
      w.clickedAt = undefined;
      document.addEventListener(
        'click',
        () => {
          w.clickedAt = performance.now();
        },
        { capture: true, once: true },
      );
    });
    await open.click();
    const frameAt = await waitForFirstFrame(page);
    const clickedAt = await page.evaluate(
      () => (window as unknown as { clickedAt?: number }).clickedAt,
    );
    if (clickedAt === undefined) throw new Error('the click was not seen');
    const ms = Math.round(frameAt - clickedAt);
    samples.push(ms);
    console.log(`pre-warmed ${i + 1}/${runs}: ${ms} ms`);
    await page.goto('about:blank');
  }
  recordResult('sessions.prewarmed.firstFrame', {
    unit: 'ms',
    ...summarize(samples),
  });
} finally {
  await browser.close();
  await teacher
    .call('DELETE', `/courses/${courseId}/sessions/${session.id}`)
    .catch(() => undefined);
  if (desktopId) await alice.remove(desktopId).catch(() => undefined);
}
