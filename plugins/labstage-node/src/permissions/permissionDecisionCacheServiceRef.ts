import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ACCOUNT_CHANGED_TOPIC } from '@internal/backstage-plugin-accounts-common';
import { PermissionDecisionCache } from './PermissionDecisionCache';

/**
 * A plugin's cache of the permission policy's decisions, dropped
 * whenever the accounts plugin reports a change of role or status, so
 * demoting or disabling someone takes effect at once.
 *
 * @public
 */
export const permissionDecisionCacheServiceRef =
  createServiceRef<PermissionDecisionCache>({
    id: 'labstage.permission-decisions',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          permissions: coreServices.permissions,
          plugin: coreServices.pluginMetadata,
          events: eventsServiceRef,
        },
        async factory({ permissions, plugin, events }) {
          const cache = new PermissionDecisionCache({ permissions });
          await events.subscribe({
            id: `${plugin.getId()}-permission-decisions`,
            topics: [ACCOUNT_CHANGED_TOPIC],
            onEvent: async () => cache.clear(),
          });
          return cache;
        },
      }),
  });
