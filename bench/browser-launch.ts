// Launch latency as a student sees it: click Launch in Chromium → the first
// non-black frame on the viewer's canvas.
import {
  launchBrowser,
  newUserContext,
  signIn,
  appUrl,
  demo,
} from '../e2e/browser.ts';
import { LabstageSession } from './lib/platform.ts';
import { waitForFirstFrame } from './lib/firstFrame.ts';
import { summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

const runs = Number(process.env.BENCH_LAUNCH_RUNS ?? 20);
const api = await LabstageSession.signIn(
  demo.alice.username,
  demo.alice.password,
);
const browser = await launchBrowser();
const samples: number[] = [];
try {
  const page = await (await newUserContext(browser)).newPage();
  await signIn(page, demo.alice.username, demo.alice.password);
  for (let i = 0; i < runs; i++) {
    await page.goto(`${appUrl}/desktops`);
    const launch = page.getByRole('button', { name: /^Launch/ }).first();
    await launch.waitFor();
    const t0 = Date.now();
    await launch.click();
    await waitForFirstFrame(page);
    const ms = Date.now() - t0;
    samples.push(ms);
    console.log(`browser ${i + 1}/${runs}: ${ms} ms`);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.goto('about:blank');
    await api.remove(id);
  }
  recordResult('launch.browser.sequential', {
    unit: 'ms',
    ...summarize(samples),
  });
} finally {
  await browser.close();
}
