/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import type { ConformanceCase } from '../context';

/** SIGKILL to the display server: what a crash of the desktop looks like. */
const KILL_DISPLAY = 'kill -KILL $(pgrep -x Xvnc)';
/** Memory limit for the OOM case: the idle desktop needs about 60 MiB. */
const OOM_MEMORY_MIB = 256;
/** Grows until the OOM killer of the desktop's memory limit kills it. */
const MEMORY_HOG = 'tail /dev/zero';

export const crashCases: ConformanceCase[] = [
  {
    title:
      'a crash (the display killed with SIGKILL): watch reports died with a non-zero exit code, inspect reports it exited with that code, not OOM',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id, handle } = await ctx.startNew();
      await ctx.waitForDisplay(id);

      const mark = ctx.events.mark();
      const killed = await ctx.runEnding(id, KILL_DISPLAY);
      const died = await ctx.died(id, mark, ctx.events, killed);
      expect(died.exitCode).toEqual(expect.any(Number));
      expect(died.exitCode).not.toBe(0);

      const status = await ctx.inState(id, 'exited');
      expect(status).toMatchObject({
        desktopId: id,
        handle,
        exitCode: died.exitCode,
        oomKilled: false,
        finishedAt: expect.any(String),
      });
      await expect(runtime.endpoint(id)).rejects.toMatchObject({
        name: 'ConflictError',
      });
    },
  },
  {
    title: `an OOM kill (a memory hog under a ${OOM_MEMORY_MIB} MiB limit): once the desktop has ended, watch reports died and inspect reports oomKilled`,
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const id = ctx.newDesktopId();
      const { resources } = ctx.spec(id);
      await runtime.start(
        ctx.spec(id, {
          resources: { ...resources, memoryMiB: OOM_MEMORY_MIB },
        }),
      );
      await ctx.waitForDisplay(id);

      const mark = ctx.events.mark();
      const hog = await ctx.runEnding(id, MEMORY_HOG);
      // The kernel kills the largest process, the hog. Engines that kill the
      // whole workload on OOM (Kubernetes on cgroup v2: memory.oom.group)
      // have ended the desktop already; otherwise it runs on and ends when
      // its display is killed. Either way the run ends with an OOM kill in it.
      expect(hog).not.toMatch(/^exit 0:/);
      let ending = hog;
      if ((await runtime.inspect(id))?.state === 'running') {
        ending = await ctx.runEnding(id, KILL_DISPLAY);
      }
      const died = await ctx.died(id, mark, ctx.events, ending);
      expect(died.exitCode).not.toBe(0);

      const status = await ctx.inState(id, 'exited');
      expect(status).toMatchObject({
        desktopId: id,
        exitCode: died.exitCode,
        oomKilled: true,
      });
    },
  },
];
