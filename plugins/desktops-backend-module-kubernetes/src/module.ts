import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { desktopRuntimeExtensionPoint } from '@internal/backstage-plugin-desktops-node';
import { createKubernetesRuntime } from './createKubernetesRuntime';

/**
 * Runs desktops as Kubernetes pods when `desktops.runtime` is `kubernetes`
 * (configured by `desktops.kubernetes`); otherwise it stays out of the way
 * and the Docker driver runs them. One config line picks the runtime.
 *
 * @public
 */
export const desktopsModuleKubernetes = createBackendModule({
  pluginId: 'desktops',
  moduleId: 'kubernetes',
  register(reg) {
    reg.registerInit({
      deps: {
        runtimes: desktopRuntimeExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ runtimes, config, logger, lifecycle }) {
        if (config.getOptionalString('desktops.runtime') !== 'kubernetes') {
          return;
        }
        const runtime = createKubernetesRuntime(config, logger);
        await runtime.checkAccess();
        logger.info(
          `Desktops run as Kubernetes pods in namespace ${runtime.namespaceName}`,
        );
        runtimes.setRuntimeFactory(() => runtime);
        lifecycle.addShutdownHook(() => runtime.dispose());
      },
    });
  },
});
