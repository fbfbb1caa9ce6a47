import os from 'node:os';
import { join } from 'node:path';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { PooledKubeConfig } from './client/PooledKubeConfig';
import { readKubernetesRuntimeConfig } from './config/kubernetesRuntimeConfig';
import { KubernetesDesktopRuntime } from './KubernetesDesktopRuntime';

/**
 * The runtime from `desktops.kubernetes`: a kubeconfig file, or the pod's
 * in-cluster ServiceAccount when none is given. Bad config throws here, at
 * backend startup, naming the key.
 */
export function createKubernetesRuntime(
  config: RootConfigService,
  logger: LoggerService,
): KubernetesDesktopRuntime {
  const settings = readKubernetesRuntimeConfig(config);
  const kubeConfig = new PooledKubeConfig();
  try {
    if (settings.kubeconfig) kubeConfig.loadFromFile(settings.kubeconfig);
    else kubeConfig.loadFromCluster();
  } catch (error) {
    throw new Error(
      settings.kubeconfig
        ? `desktops.kubernetes.kubeconfig: cannot read ${settings.kubeconfig}: ${error}`
        : `desktops.kubernetes.kubeconfig is not set and this is not a pod with a ServiceAccount: ${error}`,
    );
  }
  if (settings.context) {
    if (!kubeConfig.getContextObject(settings.context)) {
      throw new Error(
        `desktops.kubernetes.context: the kubeconfig has no context "${settings.context}"`,
      );
    }
    kubeConfig.setCurrentContext(settings.context);
  }
  if (!kubeConfig.getCurrentCluster()) {
    throw new Error(
      'desktops.kubernetes.kubeconfig: the kubeconfig names no cluster for its current context',
    );
  }
  return new KubernetesDesktopRuntime({
    kubeConfig,
    config: settings,
    deploymentId:
      config.getOptionalString('desktops.deploymentId') ?? 'default',
    runDir: join(
      config.getOptionalString('desktops.runDir') ??
        join(os.tmpdir(), 'labstage-desktops'),
      'kubernetes',
    ),
    logger,
  });
}
