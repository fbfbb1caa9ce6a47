import { constants, promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { obfuscateVncPassword } from '@internal/backstage-plugin-desktops-node';
import {
  DESKTOP_GID,
  DESKTOP_UID,
  VNC_PASSWORD_FILE_NAME,
  VNC_SOCKET_NAME,
} from './dockerNaming';

const DISPLAY_FOLDER_NAME = 'display';

/**
 * The host side of one desktop's display, under `desktops.runDir`:
 *
 *   <runDir>/                  the backend's (0700); never mounted
 *   <runDir>/<id>/             the backend's (0700); never mounted
 *   <runDir>/<id>/vncpasswd    root:1000 0440, bound read-only into the desktop
 *   <runDir>/<id>/display/     uid 1000 0700, bound read-write at /run/labstage;
 *                              Xvnc creates vnc.sock here
 *
 * Only `display/`'s contents are the desktop's to write, and the backend
 * never reads, writes or follows anything in there: the gateway reaches the
 * socket through connectDisplaySocket, which refuses links. Every path the
 * backend or Docker resolves (the bind sources) sits in folders only the
 * backend can write.
 */
export class DesktopRunFolder {
  constructor(private readonly runDir: string) {}

  folder(desktopId: string): string {
    return join(this.runDir, desktopId);
  }

  displayFolder(desktopId: string): string {
    return join(this.folder(desktopId), DISPLAY_FOLDER_NAME);
  }

  passwordFile(desktopId: string): string {
    return join(this.folder(desktopId), VNC_PASSWORD_FILE_NAME);
  }

  socketPath(desktopId: string): string {
    return join(this.displayFolder(desktopId), VNC_SOCKET_NAME);
  }

  /** Creates the folders and writes this run's password file. */
  async prepare(desktopId: string, vncPassword: string): Promise<void> {
    assertCanHandOverToDesktopUser();
    await ensureBackendFolder(this.runDir, { recursive: true });
    await replaceUntrustedFolder(this.folder(desktopId));
    await ensureBackendFolder(this.folder(desktopId), { recursive: false });
    await ensureDisplayFolder(this.displayFolder(desktopId));
    await writePasswordFile(this.passwordFile(desktopId), vncPassword);
  }

  /**
   * Removes the desktop's folders. fs.rm unlinks links rather than following
   * them, so whatever the desktop planted in `display/` goes with it and
   * nothing outside is touched (the red-team suite checks this).
   */
  async remove(desktopId: string): Promise<void> {
    await fs.rm(this.folder(desktopId), { recursive: true, force: true });
  }
}

/** A folder only the backend's user may enter; refuses a link or a stranger's. */
async function ensureBackendFolder(
  path: string,
  options: { recursive: boolean },
): Promise<void> {
  await fs
    .mkdir(path, { recursive: options.recursive, mode: 0o700 })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  const stat = await fs.lstat(path);
  if (!stat.isDirectory()) {
    throw new Error(
      `The desktops run folder ${path} is not a plain folder (a link?); refusing to use it`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new Error(
      `The desktops run folder ${path} belongs to uid ${stat.uid}, not to the backend (uid ${uid}); refusing to use it`,
    );
  }
  if ((stat.mode & 0o777) !== 0o700) await fs.chmod(path, 0o700);
}

/**
 * A desktop folder that is not a plain folder of the backend's was made by
 * an older Labstage (which gave the whole folder to the desktop user) or
 * tampered with: nothing in it can be trusted, so it goes (fs.rm unlinks
 * links, never follows them) and is made anew.
 */
async function replaceUntrustedFolder(path: string): Promise<void> {
  const stat = await fs.lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stat) return;
  const uid = process.getuid?.();
  if (stat.isDirectory() && (uid === undefined || stat.uid === uid)) return;
  await fs.rm(path, { recursive: true, force: true });
}

/**
 * The one folder the desktop writes. Its entry lives in a backend-only
 * folder, so it can't have been swapped for a link; lstat confirms it.
 */
async function ensureDisplayFolder(path: string): Promise<void> {
  await fs
    .mkdir(path, { mode: 0o700 })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  const stat = await fs.lstat(path);
  if (!stat.isDirectory()) {
    throw new Error(
      `The display folder ${path} is not a plain folder; refusing to use it`,
    );
  }
  if (process.getuid?.() === 0) await fs.lchown(path, DESKTOP_UID, DESKTOP_GID);
  await fs.chmod(path, 0o700);
}

/**
 * Written beside and renamed, so the display never reads a half-written
 * file. O_EXCL | O_NOFOLLOW: a name that already exists, link or not, is an
 * error, never a file to write through.
 */
async function writePasswordFile(
  path: string,
  password: string,
): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(
    temp,
    constants.O_WRONLY |
      constants.O_CREAT |
      constants.O_EXCL |
      constants.O_NOFOLLOW,
    0o440,
  );
  try {
    await handle.writeFile(obfuscateVncPassword(password));
    // Xvnc reads it as the desktop user, through the desktop's group.
    if (process.getuid?.() === 0) await handle.chown(0, DESKTOP_GID);
    await handle.chmod(0o440);
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await fs.rename(temp, path);
}

/**
 * Xvnc (uid 1000) must write its socket into the display folder and the
 * backend must then connect to it (mode 0660): both work only when the
 * backend runs as root or as uid 1000 itself.
 */
function assertCanHandOverToDesktopUser(): void {
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && uid !== DESKTOP_UID) {
    throw new Error(
      `The Docker desktop runtime must run as root or as uid ${DESKTOP_UID} (the desktop user) ` +
        `to share the display socket; the backend runs as uid ${uid}`,
    );
  }
}
