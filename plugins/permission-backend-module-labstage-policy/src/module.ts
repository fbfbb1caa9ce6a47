import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { accountsDirectoryServiceRef } from '@internal/backstage-plugin-accounts-node';
import { LabstagePermissionPolicy } from './LabstagePermissionPolicy';

/**
 * Installs the Labstage permission policy in the permission backend.
 *
 * @public
 */
export const permissionModuleLabstagePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'labstage-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        logger: coreServices.logger,
        policy: policyExtensionPoint,
        directory: accountsDirectoryServiceRef,
      },
      async init({ logger, policy, directory }) {
        policy.setPolicy(new LabstagePermissionPolicy({ directory, logger }));
      },
    });
  },
});
