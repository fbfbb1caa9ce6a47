import { BackendFeature } from '@backstage/backend-plugin-api';
import { User } from '@internal/backstage-plugin-accounts-common';
import { DesktopRuntime } from '@internal/backstage-plugin-desktops-node';
// Only desktops-node, as a runtime module outside this package would.
import { runtimeModule } from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  serviceHeader as sharedServiceHeader,
  startPluginTestBackend,
  userHeader,
  webSocketTolerantHttpRouterFactory,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import { desktopsPlugin } from '../plugin';
import { testAccounts } from './testAccounts';

export { userHeader };

/** Authorization header of a backend plugin calling desktops. */
export function serviceHeader(pluginId: string): string {
  return sharedServiceHeader(pluginId, 'desktops');
}

/** Paths of the WebSocket handlers plugins registered. */
export const registeredWebSocketPaths: string[] = [];

/** Plugin routers that record WebSocket handlers instead of mounting them. */
const httpRouterFactory = webSocketTolerantHttpRouterFactory({
  onWebSocketPath: path => registeredWebSocketPaths.push(path),
});

/**
 * Starts desktops-backend with `runtime` installed by a module, behind the
 * real permission backend and Labstage policy; requests without a token are
 * anonymous. `modules` are added as they are (e.g. a second runtime module);
 * `accounts` replaces the directory's accounts (default `testAccounts`).
 */
export async function startDesktopsBackend(options: {
  runtime: DesktopRuntime;
  config?: Record<string, unknown>;
  modules?: BackendFeature[];
  accounts?: User[];
}) {
  return startPluginTestBackend({
    features: [
      httpRouterFactory,
      desktopsPlugin,
      runtimeModule(options.runtime),
      ...(options.modules ?? []),
    ],
    accounts: options.accounts ?? testAccounts,
    config: options.config,
  });
}
