import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import express from 'express';
// Only desktops-node, as a runtime module outside this package would.
import {
  DesktopRuntime,
  desktopRuntimeExtensionPoint,
} from '@internal/backstage-plugin-desktops-node';
import {
  serviceHeader as sharedServiceHeader,
  startPluginTestBackend,
  userHeader,
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

/**
 * A plugin HTTP router that also accepts WebSocket handlers. The
 * backend-test-utils 1.11 in this repo carries its own backend-defaults 0.18,
 * whose routers lack `addWebSocketHandler` (the gateway registers with it),
 * and its root router can't be swapped for the 0.19 one. This router mounts
 * plugin routes on the root router like the real one; authentication is
 * still enforced, by `httpAuth.credentials` in every route. WebSocket
 * handlers are only recorded: the gateway's tests cover the upgrade path.
 */
const webSocketAwareHttpRouterFactory = createServiceFactory({
  service: coreServices.httpRouter,
  deps: {
    plugin: coreServices.pluginMetadata,
    rootHttpRouter: coreServices.rootHttpRouter,
  },
  factory({ plugin, rootHttpRouter }) {
    const router = express.Router();
    rootHttpRouter.use(`/api/${plugin.getId()}`, router);
    return {
      use: handler => {
        router.use(handler);
      },
      addAuthPolicy: () => undefined,
      addWebSocketHandler: handler => {
        registeredWebSocketPaths.push(`/api/${plugin.getId()}${handler.path}`);
      },
    };
  },
});

/**
 * A runtime module as a `desktops-backend-module-<engine>` package would
 * write it: it depends on desktops-node only.
 */
export function runtimeModule(
  runtime: DesktopRuntime,
  moduleId: string = 'test-runtime',
) {
  return createBackendModule({
    pluginId: 'desktops',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { extension: desktopRuntimeExtensionPoint },
        async init({ extension }) {
          extension.setRuntimeFactory(() => runtime);
        },
      });
    },
  });
}

/**
 * Starts desktops-backend with `runtime` installed by a module, behind the
 * real permission backend and Labstage policy; requests without a token are
 * anonymous. `modules` are added as they are (e.g. a second runtime module).
 */
export async function startDesktopsBackend(options: {
  runtime: DesktopRuntime;
  config?: Record<string, unknown>;
  modules?: BackendFeature[];
}) {
  return startPluginTestBackend({
    features: [
      webSocketAwareHttpRouterFactory,
      desktopsPlugin,
      runtimeModule(options.runtime),
      ...(options.modules ?? []),
    ],
    accounts: testAccounts,
    config: options.config,
  });
}
