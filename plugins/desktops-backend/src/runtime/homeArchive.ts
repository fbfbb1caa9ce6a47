import { createReadStream, createWriteStream } from 'node:fs';
import { posix } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import type Docker from 'dockerode';
import * as tar from 'tar-stream';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  FileTooLargeError,
  type DesktopFileDownload,
} from '@internal/backstage-plugin-desktops-node';
import { DESKTOP_GID, DESKTOP_UID, HOME_DIR } from './dockerNaming';

const UPLOADS_DIR = 'Uploads';

/**
 * Copies `content` into `file`, failing with FileTooLargeError as soon as more
 * than `maxBytes` arrive. On overflow the source is unpiped but not destroyed:
 * when it is an HTTP request, Node then drains it and the caller can still
 * answer 413 instead of resetting the connection.
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

/**
 * Puts a spooled file into `~/Uploads/<name>` as a one-entry tar (plus the
 * Uploads folder itself, so a missing one is created). Owned by the desktop
 * user, mode 0644. `noOverwriteDirNonDir` keeps a same-named folder from being
 * replaced by the file.
 */
export async function putUpload(
  container: Docker.Container,
  spooled: { file: string; size: number; name: string },
): Promise<void> {
  await assertUploadsIsAFolder(container);
  const pack = tar.pack();
  const owner = {
    uid: DESKTOP_UID,
    gid: DESKTOP_GID,
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
  source.pipe(entry);
  try {
    await container.putArchive(pack as unknown as NodeJS.ReadableStream, {
      path: HOME_DIR,
      noOverwriteDirNonDir: true,
    });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    // The desktop swapped Uploads for a link or a file after the check.
    if (/cannot overwrite non-directory/.test(String(error))) {
      throw new InputError(
        `Could not store ${spooled.name}: ~/${UPLOADS_DIR} is no longer a folder; nothing was written`,
      );
    }
    if (status === 400 || status === 403) {
      throw new ConflictError(
        `Could not store ${spooled.name} in ${UPLOADS_DIR}: a folder of that name is in the way`,
      );
    }
    throw error;
  } finally {
    source.destroy();
  }
}

type PathStat = {
  name: string;
  size: number;
  mode: number;
  linkTarget: string;
};

// Go's os.FileMode type bits (dir, symlink, device, pipe, socket, char device, irregular).
const GO_MODE_DIR = 2 ** 31;
const GO_MODE_TYPE_BITS = [
  2 ** 31,
  2 ** 27,
  2 ** 26,
  2 ** 25,
  2 ** 24,
  2 ** 21,
  2 ** 19,
];

function hasBit(mode: number, bit: number): boolean {
  return Math.floor(mode / bit) % 2 === 1;
}

/** HEAD /containers/{id}/archive: the X-Docker-Container-Path-Stat header, undefined if missing. */
async function statPath(
  container: Docker.Container,
  path: string,
): Promise<PathStat | undefined> {
  let response: {
    headers: Record<string, string | string[] | undefined>;
    resume?: () => void;
  };
  try {
    response = (await container.infoArchive({ path })) as typeof response;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
  response.resume?.();
  const header = response.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string')
    throw new Error(`Docker returned no stat for ${path}`);
  return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PathStat;
}

/**
 * Uploads go into a real ~/Uploads only. Docker would resolve a link inside
 * the container (so nothing on the host is at risk), but the user should
 * hear why, not get Docker's error, and nothing may be written elsewhere.
 */
async function assertUploadsIsAFolder(container: Docker.Container) {
  const uploads = await statPath(container, posix.join(HOME_DIR, UPLOADS_DIR));
  if (!uploads) return; // created by the upload
  if (uploads.linkTarget) {
    throw new InputError(
      `~/${UPLOADS_DIR} is a symbolic link (to ${uploads.linkTarget}); uploads only go into a real folder. ` +
        `Remove the link inside the desktop and try again; nothing was written`,
    );
  }
  if (!hasBit(uploads.mode, GO_MODE_DIR)) {
    throw new InputError(
      `~/${UPLOADS_DIR} is a file, not a folder; rename it inside the desktop and try again; nothing was written`,
    );
  }
}

/**
 * Streams one regular file below home out of the container. Every component
 * of the path is checked not to be a symbolic link (Docker resolves links
 * inside the container, so a link could otherwise reach files outside home);
 * directories and files over `maxBytes` are refused before any byte is read,
 * and the tar entry itself is checked again as the file may change meanwhile.
 */
export async function getHomeFile(
  container: Docker.Container,
  relativePath: string,
  maxBytes: number,
): Promise<DesktopFileDownload> {
  const segments = relativePath.split('/');
  let stat: PathStat | undefined;
  for (let i = 1; i <= segments.length; i++) {
    const partial = posix.join(HOME_DIR, ...segments.slice(0, i));
    stat = await statPath(container, partial);
    if (!stat)
      throw new NotFoundError(
        `There is no file ${relativePath} in the home folder`,
      );
    if (stat.linkTarget) {
      throw new InputError(
        `${segments
          .slice(0, i)
          .join('/')} is a symbolic link; links are not followed`,
      );
    }
  }
  if (!stat)
    throw new NotFoundError(
      `There is no file ${relativePath} in the home folder`,
    );
  if (hasBit(stat.mode, GO_MODE_DIR))
    throw new InputError(`${relativePath} is a folder, not a file`);
  if (GO_MODE_TYPE_BITS.some(bit => hasBit(stat!.mode, bit))) {
    throw new InputError(`${relativePath} is not a regular file`);
  }
  if (stat.size > maxBytes) throw new FileTooLargeError(maxBytes);

  const archive = (await container.getArchive({
    path: posix.join(HOME_DIR, relativePath),
  })) as unknown as Readable;
  return extractSingleFile(archive, maxBytes);
}

/** Resolves with the first tar entry's content stream; it must be a regular file within the limit. */
function extractSingleFile(
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
      // A consumer that goes away (client disconnect) stops the Docker read.
      out.on('close', () => {
        if (!out.writableFinished) archive.destroy();
      });
      entryStream.on('error', fail);
      entryStream.on('end', next);
      entryStream.pipe(out);
      resolve({ name: header.name, size: header.size ?? 0, content: out });
    });
    extract.on('finish', () => {
      if (!started)
        reject(new NotFoundError('The file archive from Docker was empty'));
    });
    archive.pipe(extract);
  });
}
