/**
 * Names and labels of the Docker objects of one desktop. The labels are how
 * the reconciler and admins find Labstage's containers and volumes; the
 * deployment label keeps two Labstage installs on one engine apart.
 */
export const LABEL_MANAGED = 'org.labstage.managed';
export const LABEL_DESKTOP_ID = 'org.labstage.desktop-id';
export const LABEL_OWNER = 'org.labstage.owner';
export const LABEL_DEPLOYMENT = 'org.labstage.deployment';

/** The desktop user's home inside the image (uid/gid 1000). */
export const HOME_DIR = '/home/student';
export const DESKTOP_UID = 1000;
export const DESKTOP_GID = 1000;
/** Where the image's Xvnc creates its socket: the desktop's display folder. */
export const CONTAINER_RUN_DIR = '/run/labstage';
/** Where the image reads the VNC password: a read-only bind of a root-owned file. */
export const CONTAINER_VNC_PASSWORD_FILE = '/run/secrets/labstage/vncpasswd';
export const VNC_SOCKET_NAME = 'vnc.sock';
export const VNC_PASSWORD_FILE_NAME = 'vncpasswd';

/**
 * Ids go into container, volume and folder names; the contract makes them
 * short [a-z0-9] strings, so anything else is a caller bug, not user input.
 */
const DESKTOP_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function assertDesktopId(desktopId: string): void {
  if (!DESKTOP_ID_PATTERN.test(desktopId)) {
    throw new TypeError(`Invalid desktop id "${desktopId}"`);
  }
}

export function containerName(desktopId: string): string {
  return `labstage-desktop-${desktopId}`;
}

export function homeVolumeName(desktopId: string): string {
  return `labstage-home-${desktopId}`;
}

export function desktopLabels(options: {
  desktopId: string;
  owner: string;
  deploymentId: string;
}): Record<string, string> {
  return {
    [LABEL_MANAGED]: 'true',
    [LABEL_DESKTOP_ID]: options.desktopId,
    [LABEL_OWNER]: options.owner,
    [LABEL_DEPLOYMENT]: options.deploymentId,
  };
}

/** Docker label filters selecting this deployment's desktops (ANDed). */
export function deploymentLabelFilters(deploymentId: string): string[] {
  return [`${LABEL_MANAGED}=true`, `${LABEL_DEPLOYMENT}=${deploymentId}`];
}
