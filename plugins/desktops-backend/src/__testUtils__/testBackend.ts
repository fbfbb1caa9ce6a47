import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import express from 'express';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real permission backend and the real Labstage policy, so the tests
// exercise the same decisions production makes.
import permissionPlugin from '@backstage/plugin-permission-backend';
import labstagePolicyModule from '@internal/backstage-plugin-permission-backend-module-labstage-policy';
import { desktopsPlugin } from '../plugin';
import { DesktopRuntime } from '../runtime/DesktopRuntime';
import { desktopRuntimeExtensionPoint } from '../service/runtimeExtension';
import { fixedDirectoryFactory } from './accounts';
import {
  actorPreservingAuthFactory,
  serviceHeader as sharedServiceHeader,
  userHeader,
} from '@internal/backstage-plugin-labstage-node/testUtils';

export { actorPreservingAuthFactory, userHeader };

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

/** Installs a given runtime through the plugin's extension point. */
function runtimeModule(runtime: DesktopRuntime) {
  return createBackendModule({
    pluginId: 'desktops',
    moduleId: 'test-runtime',
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
 * Starts desktops-backend with the real permission backend and the real
 * Labstage policy module; requests without a token are anonymous.
 */
export async function startDesktopsBackend(options: {
  runtime: DesktopRuntime;
  config?: Record<string, unknown>;
}) {
  return startTestBackend({
    features: [
      webSocketAwareHttpRouterFactory,
      desktopsPlugin,
      runtimeModule(options.runtime),
      permissionPlugin,
      labstagePolicyModule,
      fixedDirectoryFactory,
      actorPreservingAuthFactory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...(options.config ?? {}),
        },
      }),
    ],
  });
}
