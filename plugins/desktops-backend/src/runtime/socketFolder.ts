import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { deobfuscateVncPassword, obfuscateVncPassword } from '../vnc/vncAuth';
import {
  DESKTOP_GID,
  DESKTOP_UID,
  VNC_PASSWORD_FILE_NAME,
  VNC_SOCKET_NAME,
} from './dockerNaming';

/** sun_path holds 108 bytes on Linux; we keep a margin below that. */
export const MAX_SOCKET_PATH_LENGTH = 100;

/**
 * The per-desktop folder on the host, bind-mounted at /run/labstage: the
 * backend writes the VNC password file into it and Xvnc creates its socket
 * there. It belongs to the desktop user (uid 1000) with mode 0700, inside a
 * run folder only the backend's user can enter, so no other host user reaches
 * the display.
 */
export class SocketFolder {
  constructor(private readonly runDir: string) {}

  folder(desktopId: string): string {
    return join(this.runDir, desktopId);
  }

  socketPath(desktopId: string): string {
    return join(this.folder(desktopId), VNC_SOCKET_NAME);
  }

  private passwordFile(desktopId: string): string {
    return join(this.folder(desktopId), VNC_PASSWORD_FILE_NAME);
  }

  assertSocketPathFits(desktopId: string): void {
    const path = this.socketPath(desktopId);
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH_LENGTH) {
      throw new Error(
        `The display socket path ${path} is longer than ${MAX_SOCKET_PATH_LENGTH} characters; ` +
          'set desktops.runDir to a shorter folder',
      );
    }
  }

  /** Creates the folder, writes a fresh password file and drops a stale socket. */
  async prepare(desktopId: string, vncPassword: string): Promise<void> {
    this.assertSocketPathFits(desktopId);
    assertCanHandOverToDesktopUser();
    await fs.mkdir(this.runDir, { recursive: true, mode: 0o700 });
    const folder = this.folder(desktopId);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    await fs.chmod(folder, 0o700);
    await chownToDesktopUser(folder);

    // Written beside and renamed, so Xvnc never reads a half-written file.
    const file = this.passwordFile(desktopId);
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, obfuscateVncPassword(vncPassword), {
      mode: 0o600,
    });
    await fs.chmod(temp, 0o600);
    await chownToDesktopUser(temp);
    await fs.rename(temp, file);

    await fs.rm(this.socketPath(desktopId), { force: true });
  }

  async readPassword(desktopId: string): Promise<string> {
    return deobfuscateVncPassword(
      await fs.readFile(this.passwordFile(desktopId)),
    );
  }

  async remove(desktopId: string): Promise<void> {
    await fs.rm(this.folder(desktopId), { recursive: true, force: true });
  }
}

/**
 * Xvnc (uid 1000) must write its socket into the folder and the backend must
 * then connect to that socket (mode 0660): both work only when the backend
 * runs as root or as uid 1000 itself.
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

async function chownToDesktopUser(path: string): Promise<void> {
  if (process.getuid?.() === 0) await fs.chown(path, DESKTOP_UID, DESKTOP_GID);
}
