import type { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';

const labelValue = z
  .string()
  .regex(
    /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
    'not a valid label value',
  );

const tolerationSchema = z
  .object({
    key: z.string().optional(),
    operator: z.enum(['Equal', 'Exists']).optional(),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  })
  .strict();

const storageSchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('storageClass'),
      /** Unset: the cluster's default class. */
      storageClassName: z.string().min(1).optional(),
      size: z
        .string()
        .regex(/^\d+(Ki|Mi|Gi|Ti)$/, 'a size such as 5Gi')
        .default('5Gi'),
    })
    .strict(),
  z
    .object({
      mode: z.literal('static'),
      size: z
        .string()
        .regex(/^\d+(Ki|Mi|Gi|Ti)$/, 'a size such as 5Gi')
        .default('5Gi'),
      /**
       * Nodes whose disks hold the homes, spread by desktop id; a desktop's
       * pod always runs where its home is.
       */
      nodeNames: z.array(z.string().min(1)).min(1),
      /**
       * Folder on that node holding one folder per home. The backend creates
       * and deletes them, so it must run on that node (single-node clusters).
       */
      hostPath: z.string().regex(/^\/.+/, 'an absolute path'),
    })
    .strict(),
]);

const kubernetesSchema = z
  .object({
    /** A kubeconfig file; unset: the pod's in-cluster ServiceAccount. */
    kubeconfig: z.string().min(1).optional(),
    /** kubeconfig context; unset: its current context. */
    context: z.string().min(1).optional(),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes namespace name'),
    storage: storageSchema,
    /** An existing docker-registry Secret in the namespace, used for every desktop. */
    imagePullSecret: z.string().min(1).optional(),
    nodeSelector: z.record(z.string(), labelValue).default({}),
    tolerations: z.array(tolerationSchema).default([]),
    /**
     * How the gateway reaches a display:
     * - portForward: through the API server (pods/portforward), Xvnc listening
     *   on the pod's loopback only; works wherever the backend reaches the API;
     * - podIp: the gateway dials pod IP and port directly, which the desktops'
     *   NetworkPolicy admits only from pods labelled as the gateway.
     */
    displayTransport: z.enum(['portForward', 'podIp']).default('portForward'),
    /** Pods that may reach a display in podIp mode (the gateway's labels). */
    gatewayPodLabels: z
      .record(z.string(), labelValue)
      .default({ 'app.kubernetes.io/name': 'labstage-gateway' }),
    /** Value of backstage.io/kubernetes-id on every desktop pod. */
    kubernetesId: labelValue.default('labstage-desktops'),
    /**
     * Requests as a fraction of the desktop's limits (its CPUs and memory from
     * the image catalog and role caps). The scheduler places pods by requests,
     * so below 1 a class fits on fewer nodes; the limits still hold each one.
     */
    requests: z
      .object({
        cpuFraction: z.number().gt(0).max(1).default(0.25),
        memoryFraction: z.number().gt(0).max(1).default(0.5),
      })
      .strict()
      .default({ cpuFraction: 0.25, memoryFraction: 0.5 }),
    /** Seconds a start waits for the pod to run (image pulls included). */
    startTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
  })
  .strict();

export type KubernetesRuntimeConfig = z.infer<typeof kubernetesSchema>;
export type HomeStorageConfig = KubernetesRuntimeConfig['storage'];

/**
 * Reads and checks `desktops.kubernetes`. A bad value stops the backend with
 * a message naming the key, e.g.
 * `desktops.kubernetes.storage.hostPath: an absolute path`.
 */
export function readKubernetesRuntimeConfig(
  config: RootConfigService,
): KubernetesRuntimeConfig {
  const raw = config.getOptional('desktops.kubernetes');
  if (raw === undefined) {
    throw new Error(
      'desktops.runtime is "kubernetes" but desktops.kubernetes is not configured (namespace and storage are required)',
    );
  }
  const parsed = kubernetesSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(issue => {
    const key = ['desktops', 'kubernetes', ...issue.path].join('.');
    return `${key}: ${issue.message}`;
  });
  throw new Error(`Invalid Kubernetes runtime config: ${problems.join('; ')}`);
}
