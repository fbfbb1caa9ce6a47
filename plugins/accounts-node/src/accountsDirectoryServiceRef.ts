import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ACCOUNT_CHANGED_TOPIC,
  AccountChangedEvent,
} from '@internal/backstage-plugin-accounts-common';
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
        plugin: coreServices.pluginMetadata,
        events: eventsServiceRef,
      },
      async factory({ auth, discovery, plugin, events }) {
        const client = new DirectoryClient({ auth, discovery });
        // A disabled, deleted or demoted account must not keep its old
        // rights for the cache's lifetime.
        await events.subscribe({
          id: `${plugin.getId()}-accounts-directory-cache`,
          topics: [ACCOUNT_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) => {
            client.forget((eventPayload as AccountChangedEvent).username);
          },
        });
        return client;
      },
    }),
});
