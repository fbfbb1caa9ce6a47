import type { V1Pod } from '@kubernetes/client-node';
import type { DesktopRuntimeSpec } from '@internal/backstage-plugin-desktops-node';
import type { KubernetesRuntimeConfig } from '../config/kubernetesRuntimeConfig';
import {
  ANNOTATION_IMAGE,
  ANNOTATION_OWNER,
  CONTAINER_NAME,
  DESKTOP_UID,
  HOME_DIR,
  VNC_PASSWORD_DIR,
  VNC_PASSWORD_KEY,
  VNC_PORT,
  desktopLabels,
  homeClaimName,
  podName,
  pullSecretName,
  vncSecretName,
} from './naming';

/** The container runtime's 64 MiB /dev/shm makes browser tabs crash; capped by the memory limit. */
const SHM_MIB = 256;
const STOP_GRACE_SECONDS = 5;

export type PodManifestOptions = Pick<
  KubernetesRuntimeConfig,
  | 'namespace'
  | 'nodeSelector'
  | 'tolerations'
  | 'imagePullSecret'
  | 'displayTransport'
  | 'kubernetesId'
  | 'requests'
> & { deploymentId: string };

/**
 * The desktop's pod, made to pass the `restricted` Pod Security Standard:
 * the image's own user (uid 1000), no privilege escalation, every capability
 * dropped, the runtime's default seccomp profile, no ServiceAccount token.
 * It never restarts by itself: a stopped or crashed desktop is the
 * lifecycle's to restart, as with Docker. The readiness probe is an exec
 * probe, since nothing may dial a pod IP.
 */
export function podManifest(
  spec: DesktopRuntimeSpec,
  options: PodManifestOptions,
): V1Pod {
  const id = spec.desktopId;
  const memoryMiB = Math.round(spec.resources.memoryMiB);
  const labels = desktopLabels({
    desktopId: id,
    owner: spec.owner,
    deploymentId: options.deploymentId,
    kubernetesId: options.kubernetesId,
  });
  const pullSecrets = [
    ...(options.imagePullSecret ? [{ name: options.imagePullSecret }] : []),
    ...(spec.pullCredentials ? [{ name: pullSecretName(id) }] : []),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(id),
      namespace: options.namespace,
      labels,
      annotations: {
        [ANNOTATION_OWNER]: spec.owner,
        [ANNOTATION_IMAGE]: spec.imageRef,
      },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostname: 'desktop',
      terminationGracePeriodSeconds: STOP_GRACE_SECONDS,
      // A static (local) home's volume carries node affinity: the
      // scheduler puts the pod on that node by itself.
      nodeSelector: options.nodeSelector,
      tolerations: options.tolerations,
      ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets } : {}),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: DESKTOP_UID,
        runAsGroup: DESKTOP_UID,
        fsGroup: DESKTOP_UID,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: CONTAINER_NAME,
          image: spec.imageRef,
          imagePullPolicy: 'IfNotPresent',
          env: [
            { name: 'LABSTAGE_VNC_PORT', value: String(VNC_PORT) },
            // Port-forward dials localhost inside the pod; nothing else may.
            ...(options.displayTransport === 'portForward'
              ? [{ name: 'LABSTAGE_VNC_INTERFACE', value: '127.0.0.1' }]
              : []),
            {
              name: 'LABSTAGE_VNC_PASSWORD_FILE',
              value: `${VNC_PASSWORD_DIR}/${VNC_PASSWORD_KEY}`,
            },
          ],
          ports: [{ name: 'vnc', containerPort: VNC_PORT, protocol: 'TCP' }],
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          },
          resources: {
            limits: {
              cpu: cpuQuantity(spec.resources.cpus),
              memory: `${memoryMiB}Mi`,
            },
            // Below the limits, so a class fits on the nodes it will use;
            // the scheduler places by requests.
            requests: {
              cpu: cpuQuantity(
                spec.resources.cpus * options.requests.cpuFraction,
              ),
              memory: `${Math.max(
                64,
                Math.round(memoryMiB * options.requests.memoryFraction),
              )}Mi`,
            },
          },
          readinessProbe: {
            exec: { command: ['test', '-S', '/tmp/.X11-unix/X1'] },
            periodSeconds: 5,
          },
          volumeMounts: [
            { name: 'home', mountPath: HOME_DIR },
            {
              name: 'vnc-password',
              mountPath: VNC_PASSWORD_DIR,
              readOnly: true,
            },
            { name: 'shm', mountPath: '/dev/shm' },
          ],
        },
      ],
      volumes: [
        {
          name: 'home',
          persistentVolumeClaim: { claimName: homeClaimName(id) },
        },
        {
          name: 'vnc-password',
          // Root-owned, group 1000 (fsGroup), read-only: Xvnc reads it, the
          // desktop cannot change it, and the backend never reads it back.
          secret: { secretName: vncSecretName(id), defaultMode: 0o440 },
        },
        {
          name: 'shm',
          emptyDir: {
            medium: 'Memory',
            sizeLimit: `${Math.min(SHM_MIB, memoryMiB)}Mi`,
          },
        },
      ],
    },
  };
}

/** Millicores; Kubernetes rejects more than three decimals of a core. */
function cpuQuantity(cpus: number): string {
  return `${Math.max(1, Math.round(cpus * 1000))}m`;
}
