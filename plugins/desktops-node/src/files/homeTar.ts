import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { InputError, NotFoundError } from '@backstage/errors';
import { FileTooLargeError } from '../runtime/errors';
import type { DesktopFileDownload } from '../runtime/DesktopRuntime';

/** The folder of the home that uploads go to. @public */
export const UPLOADS_DIR = 'Uploads';
/** The desktop user of the desktop image (`USER 1000:1000`). @public */
export const DESKTOP_UID = 1000;

/**
 * A tar stream to unpack in the home folder: the Uploads folder (so a
 * missing one is created) and the spooled file in it, owned by the desktop
 * user, mode 0644.
 *
 * @public
 */
export function packUpload(spooled: {
  file: string;
  size: number;
  name: string;
}): Readable {
  const pack = tar.pack();
  const owner = {
    uid: DESKTOP_UID,
    gid: DESKTOP_UID,
    uname: 'student',
    gname: 'student',
  };
  const mtime = new Date();
  pack.entry({
    name: UPLOADS_DIR,
    type: 'directory',
    mode: 0o755,
    mtime,
    ...owner,
  });
  const entry = pack.entry(
    {
      name: `${UPLOADS_DIR}/${spooled.name}`,
      type: 'file',
      size: spooled.size,
      mode: 0o644,
      mtime,
      ...owner,
    },
    error => {
      if (error) pack.destroy(error);
      else pack.finalize();
    },
  );
  const source = createReadStream(spooled.file);
  source.on('error', error => pack.destroy(error));
  pack.on('close', () => source.destroy());
  source.pipe(entry);
  return pack as unknown as Readable;
}

/**
 * Resolves with the first tar entry's content stream; it must be a regular
 * file within the limit (checked again here, since the file may have
 * changed after the driver's own checks).
 *
 * @public
 */
export function extractSingleFile(
  archive: Readable,
  maxBytes: number,
): Promise<DesktopFileDownload> {
  return new Promise<DesktopFileDownload>((resolve, reject) => {
    const extract = tar.extract();
    let started = false;
    let content: PassThrough | undefined;
    const fail = (error: Error) => {
      archive.destroy();
      extract.destroy();
      if (content) content.destroy(error);
      else reject(error);
    };
    archive.on('error', fail);
    extract.on('error', fail);
    extract.on('entry', (header, entryStream, next) => {
      if (started) {
        // A file archive holds one entry; skip anything else.
        entryStream.on('end', next);
        entryStream.resume();
        return;
      }
      if (header.type !== 'file') {
        fail(new InputError(`${header.name} is not a regular file`));
        return;
      }
      if ((header.size ?? 0) > maxBytes) {
        fail(new FileTooLargeError(maxBytes));
        return;
      }
      started = true;
      const out = new PassThrough();
      content = out;
      // A consumer that goes away (client disconnect) stops the engine's read.
      out.on('close', () => {
        if (!out.writableFinished) archive.destroy();
      });
      entryStream.on('error', fail);
      entryStream.on('end', next);
      entryStream.pipe(out);
      resolve({ name: header.name, size: header.size ?? 0, content: out });
    });
    extract.on('finish', () => {
      if (!started) reject(new NotFoundError('The file archive was empty'));
    });
    archive.pipe(extract);
  });
}
