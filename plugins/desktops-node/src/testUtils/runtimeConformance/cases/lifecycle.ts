/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import type { ConformanceCase } from '../context';

/** An ISO time within a day of now (engines and test host share a clock). */
function expectRecentTime(value: string | null): number {
  expect(value).toEqual(expect.any(String));
  const time = Date.parse(value!);
  expect(Number.isNaN(time)).toBe(false);
  expect(Math.abs(Date.now() - time)).toBeLessThan(24 * 3600_000);
  return time;
}

export const lifecycleCases: ConformanceCase[] = [
  {
    title:
      'start: inspect and list report the running desktop (owner, id, handle, startedAt) and watch reports started',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, events } = ctx;
      const mark = events.mark();
      const { id, spec, handle } = await ctx.startNew();
      expect(handle).toEqual(expect.any(String));
      expect(handle.length).toBeGreaterThan(0);

      const status = await runtime.inspect(id);
      expect(status).toEqual({
        desktopId: id,
        owner: spec.owner,
        handle,
        state: 'running',
        exitCode: null,
        oomKilled: false,
        deploymentId: expect.any(String),
        startedAt: expect.any(String),
        finishedAt: null,
      });
      expect(status!.deploymentId.length).toBeGreaterThan(0);
      expectRecentTime(status!.startedAt);

      const listed = (await runtime.list()).filter(s => s.desktopId === id);
      expect(listed).toEqual([status]);

      await expect(
        events.waitFor(
          e => e.desktopId === id && e.type === 'started',
          mark,
          ctx.timeouts.eventMs,
          `started event for ${id}`,
        ),
      ).resolves.toEqual({ desktopId: id, type: 'started', exitCode: null });
    },
  },
  {
    title:
      'start of a running desktop is idempotent: same handle, same run, one workload, the first password still opens the display',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, harness } = ctx;
      const { id, spec, handle } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      const before = await runtime.inspect(id);

      const again = await runtime.start({ ...spec, vncPassword: 'Other123' });
      expect(again.handle).toBe(handle);
      expect(await runtime.inspect(id)).toEqual(before);
      expect(
        (await runtime.list()).filter(s => s.desktopId === id),
      ).toHaveLength(1);
      // "Refreshes nothing": the display still takes the password it started with.
      const frame = await harness.firstFrameThroughGateway(
        runtime,
        id,
        spec.vncPassword,
      );
      expect(frame.width).toBeGreaterThan(0);
    },
  },
  {
    title:
      'stop: watch reports died with exit code 0; the workload is reported exited (exit code 0, finishedAt) or gone, as the driver declares; no endpoint; a second stop resolves',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, events } = ctx;
      const { id, handle } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      const running = await runtime.inspect(id);

      const mark = events.mark();
      await runtime.stop(id);
      // Resolved means stopped: the service marks the desktop stopped then.
      const status = await runtime.inspect(id);
      if (runtime.stoppedWorkload === 'deleted') {
        expect(status).toBeUndefined();
        expect((await runtime.list()).map(s => s.desktopId)).not.toContain(id);
      } else {
        expect(status).toEqual({
          ...running,
          state: 'exited',
          exitCode: 0,
          oomKilled: false,
          finishedAt: expect.any(String),
        });
        expect(status!.handle).toBe(handle);
        expect(expectRecentTime(status!.finishedAt)).toBeGreaterThanOrEqual(
          expectRecentTime(status!.startedAt),
        );
        expect((await runtime.list()).filter(s => s.desktopId === id)).toEqual([
          status,
        ]);
      }
      await expect(ctx.died(id, mark)).resolves.toEqual({
        desktopId: id,
        type: 'died',
        exitCode: 0,
      });
      await expect(runtime.endpoint(id)).rejects.toMatchObject({
        name: 'ConflictError',
      });

      await expect(runtime.stop(id)).resolves.toBeUndefined();
      expect(await runtime.inspect(id)).toEqual(status);
      if (runtime.stoppedWorkload !== 'deleted') {
        expect(events.of(id, mark).map(e => e.type)).not.toContain('removed');
      }
    },
  },
  {
    title:
      'remove: inspect and list no longer know it, watch reports removed, a second remove resolves, and the home is gone with it',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, events } = ctx;
      const { id, spec } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      await ctx.shell(id, 'echo here > "$HOME/conformance-removed.txt"');

      const mark = events.mark();
      await runtime.remove(id);
      expect(await runtime.inspect(id)).toBeUndefined();
      expect((await runtime.list()).map(s => s.desktopId)).not.toContain(id);
      await expect(
        events.waitFor(
          e => e.desktopId === id && e.type === 'removed',
          mark,
          ctx.timeouts.eventMs,
          `removed event for ${id}`,
        ),
      ).resolves.toEqual({ desktopId: id, type: 'removed', exitCode: null });
      await expect(runtime.remove(id)).resolves.toBeUndefined();

      // Started again under the same id: a new, empty home.
      await runtime.start(spec);
      await ctx.waitForDisplay(id);
      expect(
        await ctx.shell(
          id,
          'test -e "$HOME/conformance-removed.txt" && echo kept || echo gone',
        ),
      ).toBe('gone\n');
    },
  },
  {
    title:
      'remove keeping the home: the desktop is gone, and a new start of it finds the home as it was',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id, spec } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      await ctx.shell(id, 'echo kept > "$HOME/conformance-kept.txt"');

      await runtime.remove(id, { keepHome: true });
      expect(await runtime.inspect(id)).toBeUndefined();
      expect((await runtime.list()).map(s => s.desktopId)).not.toContain(id);

      await runtime.start(spec);
      expect(await ctx.shell(id, 'cat "$HOME/conformance-kept.txt"')).toBe(
        'kept\n',
      );
    },
  },
];
