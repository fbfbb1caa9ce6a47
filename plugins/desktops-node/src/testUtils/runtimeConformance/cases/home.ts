/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import { randomBytes } from 'node:crypto';
import { chunked, readAll } from '../streams';
import type { ConformanceCase } from '../context';

export const homeCases: ConformanceCase[] = [
  {
    title:
      'stop and start keep the home; the new run has a new startedAt and takes the new password, not the old one',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, harness } = ctx;
      const { id, spec } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      await ctx.shell(
        id,
        `mkdir -p "$HOME/notes" && printf 'kept %s' ${id} > "$HOME/notes/home.txt"`,
      );
      const firstRun = await runtime.inspect(id);
      await runtime.stop(id);

      const restarted = { ...spec, vncPassword: 'Second12' };
      await runtime.start(restarted);
      const secondRun = await runtime.inspect(id);
      expect(secondRun?.state).toBe('running');
      expect(secondRun?.startedAt).not.toBe(firstRun?.startedAt);
      expect(await ctx.shell(id, 'cat "$HOME/notes/home.txt"')).toBe(
        `kept ${id}`,
      );
      const download = await runtime.downloadFile(id, 'notes/home.txt', {
        maxBytes: 1024,
      });
      expect((await readAll(download.content)).toString()).toBe(`kept ${id}`);

      const frame = await harness.firstFrameThroughGateway(
        runtime,
        id,
        restarted.vncPassword,
      );
      expect(frame.width).toBeGreaterThan(0);
      await expect(
        harness.firstFrameThroughGateway(runtime, id, spec.vncPassword),
      ).rejects.toThrow();
    },
  },
  {
    title:
      'an upload into a stopped desktop is in its home when it runs again (or, where stopped workloads are deleted, is refused with a ConflictError saying to start it)',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id, spec } = await ctx.startNew();
      await ctx.waitForDisplay(id);
      await runtime.stop(id);

      const data = randomBytes(10_000);
      const upload = runtime.uploadFile(id, {
        name: 'while-stopped.bin',
        content: chunked(data, 4096),
        maxBytes: 64 * 1024,
      });
      if (runtime.stoppedWorkload === 'deleted') {
        await expect(upload).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringMatching(/start/),
        });
        await runtime.start(spec);
        expect(
          await ctx.shell(
            id,
            'test -e "$HOME/Uploads/while-stopped.bin" && echo there || echo absent',
          ),
        ).toBe('absent\n');
        return;
      }
      await expect(upload).resolves.toEqual({
        name: 'while-stopped.bin',
        size: data.length,
      });

      await runtime.start(spec);
      const download = await runtime.downloadFile(
        id,
        'Uploads/while-stopped.bin',
        { maxBytes: 64 * 1024 },
      );
      expect((await readAll(download.content)).equals(data)).toBe(true);
      expect(
        await ctx.shell(id, 'wc -c < "$HOME/Uploads/while-stopped.bin"'),
      ).toBe(`${data.length}\n`);
    },
  },
];
