import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  FileTooLargeError,
  UPLOADS_DIR,
  extractSingleFile,
  packUpload,
  type DesktopFileDownload,
} from '@internal/backstage-plugin-desktops-node';
import { HOME_DIR } from './dockerNaming';

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
  const pack = packUpload(spooled);
  try {
    await container.putArchive(pack, {
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
    pack.destroy();
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
