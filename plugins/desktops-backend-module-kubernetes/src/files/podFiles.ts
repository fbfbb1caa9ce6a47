import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  FileTooLargeError,
  extractSingleFile,
  homeRelativePath,
  packUpload,
  spoolWithLimit,
  type DesktopFileDownload,
} from '@internal/backstage-plugin-desktops-node';
import { sanitizeFileName } from '@internal/backstage-plugin-labstage-node';
import { HOME_DIR } from '../workload/naming';
import { execCollect, execInPod, type PodExecTarget } from './podExec';

/*
 * Files move through the exec API as tar streams, with the Docker driver's
 * limits and path rules (the shared helpers of desktops-node). The checks
 * run inside the pod, as the desktop's own user: a link the desktop planted
 * can at worst point at what that user could read or write anyway, never at
 * the node, yet uploads still go only into a real ~/Uploads and downloads
 * follow no link, as on Docker.
 */

// Exit codes of the check scripts; 0 means go ahead.
const NOT_FOUND = 64;
const A_LINK = 65;
const NOT_A_FOLDER = 66;
const FOLDER_IN_THE_WAY = 67;
const NOT_REGULAR = 68;
const TOO_LARGE = 69;

const UPLOAD_SCRIPT = `
cd "${HOME_DIR}" || exit 1
[ -L Uploads ] && exit ${A_LINK}
[ -e Uploads ] && [ ! -d Uploads ] && exit ${NOT_A_FOLDER}
[ -d "Uploads/$1" ] && exit ${FOLDER_IN_THE_WAY}
exec tar -x --no-same-owner --no-overwrite-dir -f -
`;

const DOWNLOAD_CHECK_SCRIPT = `
set -f
cd "${HOME_DIR}" || exit 1
partial=
IFS=/
for segment in $1; do
  partial="\${partial:+$partial/}$segment"
  [ -L "$partial" ] && { printf '%s' "$partial"; exit ${A_LINK}; }
done
[ -e "$1" ] || exit ${NOT_FOUND}
[ -d "$1" ] && exit ${NOT_A_FOLDER}
[ -f "$1" ] || exit ${NOT_REGULAR}
[ "$(stat -c %s -- "$1")" -le "$2" ] || exit ${TOO_LARGE}
exit 0
`;

export async function uploadToPod(
  target: PodExecTarget,
  spoolDir: string,
  file: { name: string; content: Readable; maxBytes: number },
): Promise<{ name: string; size: number }> {
  const name = sanitizeFileName(file.name);
  await fs.mkdir(spoolDir, { recursive: true, mode: 0o700 });
  const spoolFile = join(
    spoolDir,
    `${target.desktopId}-${randomBytes(8).toString('hex')}`,
  );
  try {
    // A tar header needs the size up front; callers stream unknown sizes.
    const size = await spoolWithLimit(file.content, spoolFile, file.maxBytes);
    const { exitCode, stderr } = await execInPod(
      target,
      ['sh', '-c', UPLOAD_SCRIPT, 'upload', name],
      { stdin: packUpload({ file: spoolFile, size, name }) },
    );
    switch (exitCode) {
      case 0:
        return { name, size };
      case A_LINK:
        throw new InputError(
          '~/Uploads is a symbolic link; uploads only go into a real folder. Remove the link inside the desktop and try again; nothing was written',
        );
      case NOT_A_FOLDER:
        throw new InputError(
          '~/Uploads is a file, not a folder; rename it inside the desktop and try again; nothing was written',
        );
      case FOLDER_IN_THE_WAY:
        throw new ConflictError(
          `Could not store ${name} in Uploads: a folder of that name is in the way`,
        );
      default:
        throw new Error(
          `Could not store ${name}: tar exited with ${exitCode} (${stderr})`,
        );
    }
  } finally {
    await fs.rm(spoolFile, { force: true });
  }
}

export async function downloadFromPod(
  target: PodExecTarget,
  relativePath: string,
  maxBytes: number,
): Promise<DesktopFileDownload> {
  const path = homeRelativePath(relativePath);
  const check = await execCollect(
    target,
    ['sh', '-c', DOWNLOAD_CHECK_SCRIPT, 'download', path, String(maxBytes)],
    4096,
  );
  switch (check.exitCode) {
    case 0:
      break;
    case NOT_FOUND:
      throw new NotFoundError(`There is no file ${path} in the home folder`);
    case A_LINK:
      throw new InputError(
        `${check.stdout} is a symbolic link; links are not followed`,
      );
    case NOT_A_FOLDER:
      throw new InputError(`${path} is a folder, not a file`);
    case NOT_REGULAR:
      throw new InputError(`${path} is not a regular file`);
    case TOO_LARGE:
      throw new FileTooLargeError(maxBytes);
    default:
      throw new Error(
        `Could not read ${path}: exit code ${check.exitCode} (${check.stderr})`,
      );
  }
  // The file may change between the check and the read: the tar entry is
  // checked again (type and size) as it streams.
  const archive = new PassThrough();
  const slash = path.lastIndexOf('/');
  const folder = slash === -1 ? '.' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  execInPod(
    target,
    ['tar', '-c', '-f', '-', '-C', `${HOME_DIR}/${folder}`, '--', base],
    {
      stdout: archive,
    },
  ).then(
    ({ exitCode, stderr }) => {
      if (exitCode !== 0)
        archive.destroy(new Error(`tar exited with ${exitCode}: ${stderr}`));
    },
    error => archive.destroy(error),
  );
  return extractSingleFile(archive, maxBytes);
}
