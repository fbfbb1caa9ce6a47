import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { FileTooLargeError } from '../runtime/errors';

/**
 * Copies `content` into `file`, failing with FileTooLargeError as soon as more
 * than `maxBytes` arrive. On overflow the source is unpiped but not destroyed:
 * when it is an HTTP request, Node then drains it and the caller can still
 * answer 413 instead of resetting the connection. Drivers spool uploads
 * because a tar header needs the size up front.
 *
 * @public
 */
export function spoolWithLimit(
  content: Readable,
  file: string,
  maxBytes: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let size = 0;
    let settled = false;
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) callback(new FileTooLargeError(maxBytes));
        else callback(null, chunk);
      },
    });
    function fail(error: Error) {
      if (settled) return;
      settled = true;
      content.unpipe(limiter);
      content.off('error', fail);
      content.off('aborted', onAborted);
      limiter.destroy();
      out.destroy();
      reject(error);
    }
    function onAborted() {
      fail(new Error('The upload was aborted'));
    }
    content.on('error', fail);
    content.on('aborted', onAborted);
    limiter.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => {
      if (settled) return;
      settled = true;
      content.off('error', fail);
      content.off('aborted', onAborted);
      resolve(size);
    });
    content.pipe(limiter).pipe(out);
  });
}
