import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AccountsDirectory } from './AccountsDirectory';
import { DirectoryClient } from './DirectoryClient';

/**
 * The accounts directory, for any backend plugin. Comes with a default
 * factory, so backends don't need to register anything.
 *
 * @public
 */
export const accountsDirectoryServiceRef = createServiceRef<AccountsDirectory>({
  id: 'labstage.accounts.directory',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory: ({ auth, discovery }) =>
        new DirectoryClient({ auth, discovery }),
    }),
});
