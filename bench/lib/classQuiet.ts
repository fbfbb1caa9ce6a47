// Before the class-start benchmark's burst (bench/class-start.ts): this
// machine may be shared, so wait until the rest of it is quiet.
import { cpuWindow, type Components } from './classCpu.ts';
import { log, round, sleep } from './classCommon.ts';

/**
 * Waits (up to `maxWaitMs`) until what else runs on the machine uses under
 * a third of a core over 10 s, and says what was found. The backend and the
 * cluster idle meanwhile.
 */
export async function waitForQuiet(components: Components, maxWaitMs: number) {
  const quietStarted = performance.now();
  let otherPercent = NaN;
  for (;;) {
    const cpu = cpuWindow(components);
    await sleep(10_000);
    otherPercent = cpu().perComponent['everything else'].percentOfOneCore;
    const waited = performance.now() - quietStarted;
    if (otherPercent < 33 || waited > maxWaitMs) break;
    log(
      `the rest of the machine uses ${otherPercent}% of a core; waiting for it to quiet down (${(
        waited / 1000
      ).toFixed(0)} s so far)`,
    );
  }
  return {
    waitedSeconds: round((performance.now() - quietStarted) / 1000),
    otherPercentOfOneCoreBeforeBurst: otherPercent,
  };
}
