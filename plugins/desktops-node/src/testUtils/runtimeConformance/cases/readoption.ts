/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import { readDisplayGreeting } from '../displayGreeting';
import type { ConformanceCase } from '../context';

export const readoptionCases: ConformanceCase[] = [
  {
    title:
      'a backend restart re-adopts a running desktop: a new runtime instance lists and inspects it, reaches its display through the gateway, and watches its later stop',
    needsWorkload: true,
    async run(ctx) {
      const { harness } = ctx;
      const before = await ctx.createRuntime();
      const { id, spec, handle } = await ctx.startNew(undefined, before);
      await ctx.waitForDisplay(id, before);
      const adopted = await before.inspect(id);
      // The old process goes away; its instance is never used again.
      await ctx.disposeRuntime(before);

      const after = await ctx.createRuntime();
      const events = ctx.record(after);
      const listed = (await after.list()).filter(s => s.desktopId === id);
      expect(listed).toEqual([adopted]);
      expect(listed[0]).toMatchObject({ handle, state: 'running' });
      expect(await after.inspect(id)).toEqual(adopted);

      const address = await after.endpoint(id);
      await readDisplayGreeting(
        address,
        a => ctx.connect(a),
        ctx.timeouts.displayMs,
      );
      const frame = await harness.firstFrameThroughGateway(
        after,
        id,
        spec.vncPassword,
      );
      expect(frame.updatedPixels).toBe(frame.width * frame.height);

      await after.stop(id);
      await expect(ctx.died(id, 0, events)).resolves.toEqual({
        desktopId: id,
        type: 'died',
        exitCode: 0,
      });
      if (after.stoppedWorkload === 'deleted') {
        expect(await after.inspect(id)).toBeUndefined();
      } else {
        expect(await after.inspect(id)).toMatchObject({
          state: 'exited',
          exitCode: 0,
        });
      }
    },
  },
];
