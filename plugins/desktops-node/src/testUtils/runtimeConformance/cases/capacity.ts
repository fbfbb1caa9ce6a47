/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import type { ConformanceCase } from '../context';

export const capacityCases: ConformanceCase[] = [
  {
    title:
      'capacity is what the engine says it can give desktops, in CPUs and MiB, the same for a restarted backend',
    needsWorkload: false,
    async run(ctx) {
      const capacity = await ctx.runtime.capacity();
      expect(capacity.allocatable).toEqual(
        (await ctx.harness.engineCapacity()).allocatable,
      );
      // A share of a desktop's own resources, where the engine reserves less.
      for (const share of Object.values(capacity.reservedShare ?? {})) {
        expect(share).toBeGreaterThan(0);
        expect(share).toBeLessThanOrEqual(1);
      }
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
