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
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector(
          '[data-testid="desktop-screen"] canvas',
        ) as HTMLCanvasElement | null;
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx || canvas.width === 0) return false;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let p = 0; p < data.length; p += 4 * 31) {
          if (data[p] + data[p + 1] + data[p + 2] > 30) return true;
        }
        return false;
      },
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
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
