/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import type { ConformanceCase } from '../context';

export const capacityCases: ConformanceCase[] = [
  {
    title:
      'capacity is what the engine says it can give desktops, in CPUs and MiB, the same for a restarted backend',
    needsWorkload: false,
    async run(ctx) {
      const capacity = await ctx.runtime.capacity();
      expect(capacity).toEqual(await ctx.harness.engineCapacity());
      // Zero is an answer (a cluster whose nodes all refuse desktops).
      for (const amount of Object.values(capacity.allocatable)) {
        expect(Number.isFinite(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
      }
      // A restarted backend reads the same engine.
      const other = await ctx.createRuntime();
      expect(await other.capacity()).toEqual(capacity);
    },
  },
];
