import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  readKubernetesRuntimeConfig,
  type KubernetesRuntimeConfig,
} from '../config/kubernetesRuntimeConfig';
import { KubernetesDesktopRuntime } from '../KubernetesDesktopRuntime';
import { PooledKubeConfig } from '../client/PooledKubeConfig';

/**
 * The real test cluster that scripts/test starts (scripts/lib/kubernetes.sh)
 * and describes in the environment. These tests need it: without it they
 * fail, saying how to get one, rather than pass on nothing.
 */
export function testCluster() {
  const kubeconfig = process.env.LABSTAGE_KUBECONFIG;
  const namespace = process.env.LABSTAGE_KUBE_NAMESPACE;
  const admin = process.env.LABSTAGE_KUBE_ADMIN_KUBECONFIG;
  if (!kubeconfig || !namespace || !admin) {
    throw new Error(
      'No test cluster: run these tests through scripts/test, or source scripts/lib/kubernetes.sh and run ensure_kubernetes <data-dir> 16443 first (it exports LABSTAGE_KUBECONFIG, LABSTAGE_KUBE_NAMESPACE and LABSTAGE_KUBE_ADMIN_KUBECONFIG)',
    );
  }
  return {
    kubeconfig,
    namespace,
    adminKubeconfig: admin,
    /** The real node's name; empty where the kubelet could not run. */
    realNode: process.env.LABSTAGE_KUBE_NODE ?? '',
    realNodeMissing: process.env.LABSTAGE_KUBE_NODE_MISSING ?? '',
    /** Where static homes live on this machine (the real node is this machine). */
    homesPath: join(
      process.env.KUBERNETES_DIR ?? '/var/tmp/labstage-test/kubernetes',
      'homes',
    ),
  };
}

/** A client as cluster-admin, to act behind Labstage's back in tests. */
export function adminCore(): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(testCluster().adminKubeconfig);
  return kc.makeApiClient(CoreV1Api);
}

/** The ServiceAccount's kubeconfig, as the backend loads it. */
export function labstageKubeConfig(): KubeConfig {
  const kc = new PooledKubeConfig();
  kc.loadFromFile(testCluster().kubeconfig);
  return kc;
}

export const KWOK_PLACEMENT = {
  nodeSelector: { type: 'kwok' },
  tolerations: [
    {
      key: 'kwok.x-k8s.io/node',
      operator: 'Exists' as const,
      effect: 'NoSchedule' as const,
    },
  ],
};

/**
 * A runtime on the test cluster, as `desktops.kubernetes` would configure
 * it, with a deployment id of its own so tests never see each other's pods.
 */
export function testRuntime(
  overrides: Record<string, unknown> = {},
  deploymentId = `test-${randomBytes(4).toString('hex')}`,
): {
  runtime: KubernetesDesktopRuntime;
  settings: KubernetesRuntimeConfig;
  deploymentId: string;
} {
  const cluster = testCluster();
  const settings = readKubernetesRuntimeConfig(
    mockServices.rootConfig({
      data: {
        desktops: {
          kubernetes: {
            kubeconfig: cluster.kubeconfig,
            namespace: cluster.namespace,
            storage: {
              mode: 'static',
              nodeNames: [cluster.realNode || 'kwok-node-1'],
              hostPath: cluster.homesPath,
              size: '1Gi',
            },
            startTimeoutSeconds: 120,
            ...overrides,
          },
        },
      },
    }),
  );
  const runtime = new KubernetesDesktopRuntime({
    kubeConfig: labstageKubeConfig(),
    config: settings,
    deploymentId,
    runDir: join('/tmp', `labstage-k8s-test-${deploymentId}`),
    logger: mockServices.logger.mock(),
  });
  return { runtime, settings, deploymentId };
}

export function newDesktopId(): string {
  return `k${randomBytes(5).toString('hex')}`;
}
