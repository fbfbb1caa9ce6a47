/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import { Readable } from 'node:stream';
import type { ConformanceCase } from '../context';

export const unknownDesktopCases: ConformanceCase[] = [
  {
    title:
      'a desktop it never started: inspect is undefined, list leaves it out, stop and remove resolve, endpoint and files are refused',
    needsWorkload: false,
    async run(ctx) {
      const { runtime } = ctx;
      const id = ctx.newDesktopId();
      expect(await runtime.inspect(id)).toBeUndefined();
      expect((await runtime.list()).map(s => s.desktopId)).not.toContain(id);
      await expect(runtime.stop(id)).resolves.toBeUndefined();
      await expect(runtime.remove(id)).resolves.toBeUndefined();
      await expect(
        runtime.remove(id, { keepHome: true }),
      ).resolves.toBeUndefined();
      await expect(runtime.endpoint(id)).rejects.toMatchObject({
        name: 'ConflictError',
      });
      await expect(
        runtime.uploadFile(id, {
          name: 'x.txt',
          content: Readable.from([Buffer.from('x')]),
          maxBytes: 10,
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        runtime.downloadFile(id, 'x.txt', { maxBytes: 10 }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      // Nothing was made on the way.
      expect(await runtime.inspect(id)).toBeUndefined();
    },
  },
];
