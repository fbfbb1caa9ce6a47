import { createHash } from 'node:crypto';

/**
 * Names and labels of a desktop's Kubernetes objects. Labels are how the
 * informer, `list` and admins (Backstage's Kubernetes plugin, through
 * backstage.io/kubernetes-id) find Labstage's pods; the deployment label keeps
 * two Labstage installs sharing a namespace apart.
 */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'labstage';
export const LABEL_DESKTOP_ID = 'labstage.io/desktop-id';
/** The owner's entity ref is not a valid label value (`user:default/x`); its hash is. */
export const LABEL_OWNER_HASH = 'labstage.io/owner-hash';
export const LABEL_DEPLOYMENT = 'labstage.io/deployment';
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_OWNER = 'labstage.io/owner';
export const ANNOTATION_IMAGE = 'labstage.io/image';

export const CONTAINER_NAME = 'desktop';
export const HOME_DIR = '/home/student';
export const DESKTOP_UID = 1000;
export const VNC_PORT = 5901;
export const VNC_PASSWORD_DIR = '/run/secrets/labstage';
export const VNC_PASSWORD_KEY = 'vncpasswd';

/** Same contract as the Docker driver: short [a-z0-9-] ids, a caller bug otherwise. */
const DESKTOP_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function assertDesktopId(desktopId: string): void {
  if (!DESKTOP_ID_PATTERN.test(desktopId)) {
    throw new TypeError(`Invalid desktop id "${desktopId}"`);
  }
}

export const podName = (id: string) => `labstage-desktop-${id}`;
export const homeClaimName = (id: string) => `labstage-home-${id}`;
export const vncSecretName = (id: string) => `labstage-vnc-${id}`;
export const pullSecretName = (id: string) => `labstage-pull-${id}`;
export const networkPolicyName = (id: string) => `labstage-desktop-${id}`;

/** PersistentVolumes are cluster-wide: the namespace keeps two installs apart. */
export const homeVolumeName = (namespace: string, id: string) =>
  `labstage-home-${namespace}-${id}`.slice(0, 253);

export function ownerHash(owner: string): string {
  return createHash('sha256').update(owner).digest('hex').slice(0, 32);
}

/** Labels of every object of a desktop; the pod also carries its owner's hash. */
export function desktopLabels(options: {
  desktopId: string;
  owner?: string;
  deploymentId: string;
  kubernetesId: string;
}): Record<string, string> {
  return {
    [LABEL_MANAGED_BY]: MANAGED_BY,
    'app.kubernetes.io/name': 'labstage-desktop',
    [LABEL_DESKTOP_ID]: options.desktopId,
    ...(options.owner !== undefined
      ? { [LABEL_OWNER_HASH]: ownerHash(options.owner) }
      : {}),
    [LABEL_DEPLOYMENT]: options.deploymentId,
    [LABEL_KUBERNETES_ID]: options.kubernetesId,
  };
}

/** Selects this deployment's desktop objects. */
export function deploymentSelector(deploymentId: string): string {
  return `${LABEL_MANAGED_BY}=${MANAGED_BY},${LABEL_DEPLOYMENT}=${deploymentId}`;
}

export function desktopSelector(deploymentId: string, desktopId: string) {
  return `${deploymentSelector(deploymentId)},${LABEL_DESKTOP_ID}=${desktopId}`;
}
