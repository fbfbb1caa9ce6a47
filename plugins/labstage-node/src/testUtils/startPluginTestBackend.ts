import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real permission backend and the real Labstage policy, so tests
// exercise the same decisions production makes.
import permissionPlugin from '@backstage/plugin-permission-backend';
import labstagePolicyModule from '@internal/backstage-plugin-permission-backend-module-labstage-policy';
import { User } from '@internal/backstage-plugin-accounts-common';
import { fixedAccountsDirectoryFactory } from '@internal/backstage-plugin-accounts-node/testUtils';
import { actorPreservingAuthFactory } from './actorPreservingAuthFactory';

/**
 * Starts a test backend with the given plugin features behind the real
 * permission backend and Labstage policy, a fixed accounts directory, and
 * mock tokens (`userHeader`, `serviceHeader`); a request without a token is
 * anonymous.
 */
export async function startPluginTestBackend(options: {
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  accounts: User[];
  config?: Record<string, unknown>;
}) {
  return startTestBackend({
    features: [
      ...options.features,
      permissionPlugin,
      labstagePolicyModule,
      fixedAccountsDirectoryFactory(options.accounts),
      actorPreservingAuthFactory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, ...(options.config ?? {}) },
      }),
    ],
  });
}
