/* eslint-disable jest/no-export, jest/valid-title -- a shared suite: each driver's conformance test calls it with its harness */
import { ConformanceCase, ConformanceContext } from './context';
import { capacityCases } from './cases/capacity';
import { DEFAULT_TIMEOUTS, RuntimeConformanceHarness } from './harness';
import { crashCases } from './cases/crashes';
import { displayCases } from './cases/display';
import { fileCases } from './cases/files';
import { homeCases } from './cases/home';
import { lifecycleCases } from './cases/lifecycle';
import { readoptionCases } from './cases/readoption';
import { unknownDesktopCases } from './cases/unknownDesktop';

/** Every case, in the order they run. */
export const runtimeConformanceCases: ConformanceCase[] = [
  ...unknownDesktopCases,
  ...capacityCases,
  ...lifecycleCases,
  ...homeCases,
  ...crashCases,
  ...displayCases,
  ...fileCases,
  ...readoptionCases,
];

/**
 * The one behaviour every `DesktopRuntime` driver must show, on its real
 * engine: lifecycle and states, idempotent start, events for stops, crashes
 * and OOM kills, the display through the gateway, files in and out of the
 * home, the home kept across stops, re-adoption by a restarted backend, and the
 * capacity the engine can give.
 * Call it at the top level of a driver's test file with the engine's
 * harness; each case is a separate test and cleans up after itself.
 *
 * Where `harness.unavailable` is set, the cases that need a running desktop
 * are skipped (and listed, with the reason, by a case of their own); the
 * others still run. It is the only skip.
 *
 * @public
 */
export function describeRuntimeConformance(
  harness: RuntimeConformanceHarness,
): void {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...harness.timeouts };
  const context = new ConformanceContext(harness, timeouts);

  describe(`DesktopRuntime conformance: ${harness.name}`, () => {
    let unsubscribe: (() => void) | undefined;

    beforeAll(async () => {
      context.runtime = await harness.createRuntime();
      unsubscribe = context.runtime.watch(context.events.listener);
    }, timeouts.caseMs);

    afterEach(() => context.cleanUpCase(), timeouts.caseMs);

    afterAll(async () => {
      unsubscribe?.();
      try {
        await harness.disposeRuntime?.(context.runtime);
      } finally {
        await harness.teardown?.();
      }
    }, timeouts.caseMs);

    const skipped = harness.unavailable
      ? runtimeConformanceCases.filter(c => c.needsWorkload)
      : [];
    if (harness.unavailable) {
      it(`cannot run desktops on ${harness.name} here, so ${skipped.length} cases are skipped: ${harness.unavailable}`, () => {
        // eslint-disable-next-line no-console
        console.warn(
          `DesktopRuntime conformance on ${harness.name}: ${
            skipped.length
          } cases skipped because ${harness.unavailable}:\n${skipped
            .map(c => `  - ${c.title}`)
            .join('\n')}`,
        );
        expect(skipped.length).toBeGreaterThan(0);
      });
    }

    for (const conformanceCase of runtimeConformanceCases) {
      if (skipped.includes(conformanceCase)) {
        // The one skip: listed with its reason by the case above.
        // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
        it.skip(conformanceCase.title, () => undefined);
      } else {
        // eslint-disable-next-line jest/expect-expect -- the expectations are in the case
        it(
          conformanceCase.title,
          () => conformanceCase.run(context),
          timeouts.caseMs,
        );
      }
    }
  });
}
