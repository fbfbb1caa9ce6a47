/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { chunked, readAll } from '../streams';
import type { ConformanceCase } from '../context';

const MIB = 1024 * 1024;

export const fileCases: ConformanceCase[] = [
  {
    title:
      'files: an upload of unknown length lands in ~/Uploads, owned by the desktop user, and downloads byte-identical; names are reduced to a base name',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id } = await ctx.startNew();
      const data = randomBytes(300 * 1024 + 17);

      const stored = await runtime.uploadFile(id, {
        name: 'Übung 1.bin',
        content: chunked(data),
        maxBytes: MIB,
      });
      expect(stored).toEqual({ name: 'Übung 1.bin', size: data.length });
      const download = await runtime.downloadFile(id, 'Uploads/Übung 1.bin', {
        maxBytes: MIB,
      });
      expect({ name: download.name, size: download.size }).toEqual(stored);
      expect((await readAll(download.content)).equals(data)).toBe(true);
      // The student can change or delete it.
      expect(
        await ctx.shell(
          id,
          'f="$HOME/Uploads/Übung 1.bin"; test "$(stat -c %u:%g "$f")" = "$(id -u):$(id -g)" && test -r "$f" && test -w "$f" && echo mine',
        ),
      ).toBe('mine\n');

      // Exactly at the limit is allowed; an empty file too.
      const exact = randomBytes(1024);
      await expect(
        runtime.uploadFile(id, {
          name: 'exact.bin',
          content: chunked(exact, 100),
          maxBytes: 1024,
        }),
      ).resolves.toEqual({ name: 'exact.bin', size: 1024 });
      await expect(
        runtime.uploadFile(id, {
          name: 'empty.txt',
          content: Readable.from([]),
          maxBytes: 10,
        }),
      ).resolves.toEqual({ name: 'empty.txt', size: 0 });
      const empty = await runtime.downloadFile(id, 'Uploads/empty.txt', {
        maxBytes: 10,
      });
      expect(empty.size).toBe(0);
      expect((await readAll(empty.content)).length).toBe(0);

      // A name with a path never places the file outside ~/Uploads.
      for (const name of ['../escaped.txt', '/etc/escaped.txt']) {
        const result = await runtime.uploadFile(id, {
          name,
          content: chunked(Buffer.from(name)),
          maxBytes: 1024,
        });
        expect(result.name).not.toMatch(/[/\\]/);
        expect(result.name).not.toMatch(/^\.\.?$/);
        const back = await runtime.downloadFile(id, `Uploads/${result.name}`, {
          maxBytes: 1024,
        });
        expect((await readAll(back.content)).toString()).toBe(name);
      }
      expect(
        await ctx.shell(
          id,
          'test ! -e "$HOME/escaped.txt" && test ! -e /etc/escaped.txt && echo contained',
        ),
      ).toBe('contained\n');
    },
  },
  {
    title:
      'files: downloads refuse escapes, absolute paths, links and folders (InputError), missing files are NotFoundError, and uploads refuse an ~/Uploads that is a link',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id } = await ctx.startNew();
      for (const path of [
        '../etc/passwd',
        '/etc/passwd',
        'Uploads/../../etc/passwd',
        'a\0b',
        '',
        '.',
      ]) {
        await expect(
          runtime.downloadFile(id, path, { maxBytes: MIB }),
        ).rejects.toMatchObject({ name: 'InputError' });
      }

      await ctx.shell(
        id,
        'mkdir -p "$HOME/Uploads" && ln -s /etc "$HOME/etclink" && ln -s /etc/passwd "$HOME/passwdlink"',
      );
      for (const path of ['etclink/passwd', 'passwdlink', 'Uploads']) {
        await expect(
          runtime.downloadFile(id, path, { maxBytes: MIB }),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      await expect(
        runtime.downloadFile(id, 'missing.txt', { maxBytes: MIB }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      // The desktop swaps ~/Uploads for a link: nothing is written through it.
      await ctx.shell(
        id,
        'rm -rf "$HOME/Uploads" && mkdir "$HOME/elsewhere" && ln -s "$HOME/elsewhere" "$HOME/Uploads"',
      );
      await expect(
        runtime.uploadFile(id, {
          name: 'through-link.txt',
          content: chunked(Buffer.from('no')),
          maxBytes: 1024,
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(await ctx.shell(id, 'ls -A "$HOME/elsewhere"')).toBe('');
    },
  },
  {
    title:
      'files: an upload over the limit fails with FileTooLargeError and leaves nothing; a download over the limit fails the same way',
    needsWorkload: true,
    async run(ctx) {
      const { runtime } = ctx;
      const { id } = await ctx.startNew();
      await expect(
        runtime.uploadFile(id, {
          name: 'big.bin',
          content: chunked(randomBytes(2 * MIB)),
          maxBytes: MIB,
        }),
      ).rejects.toMatchObject({ name: 'FileTooLargeError', statusCode: 413 });
      await expect(
        runtime.downloadFile(id, 'Uploads/big.bin', { maxBytes: 10 * MIB }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(
        await ctx.shell(
          id,
          'ls -A "$HOME/Uploads" 2>/dev/null | grep -c big || true',
        ),
      ).toBe('0\n');

      await runtime.uploadFile(id, {
        name: 'small.bin',
        content: chunked(randomBytes(2048)),
        maxBytes: MIB,
      });
      await expect(
        runtime.downloadFile(id, 'Uploads/small.bin', { maxBytes: 1024 }),
      ).rejects.toMatchObject({ name: 'FileTooLargeError', statusCode: 413 });
    },
  },
];
