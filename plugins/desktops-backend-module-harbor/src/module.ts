import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { imageRegistryExtensionPoint } from '@internal/backstage-plugin-desktops-node';
import { HarborRegistry } from './HarborRegistry';

/**
 * Makes Harbor (`desktops.harbor`) the image registry of the desktops
 * plugin, in place of the Distribution registry of `desktops.registry`.
 *
 * @public
 */
export const desktopsModuleHarbor = createBackendModule({
  pluginId: 'desktops',
  moduleId: 'harbor',
  register(reg) {
    reg.registerInit({
      deps: {
        registry: imageRegistryExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ registry, config, logger }) {
        // Bad or missing config stops the backend here, with the key named.
        const harbor = HarborRegistry.fromConfig(config);
        logger.info(`Desktop images are kept in Harbor at ${harbor.host}`);
        registry.setRegistryFactory(() => harbor);
      },
    });
  },
});
