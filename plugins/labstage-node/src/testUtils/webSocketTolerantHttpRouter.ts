import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import express from 'express';

/**
 * A plugin HTTP router that also accepts WebSocket handlers. The
 * backend-test-utils 1.11 in this repo carries its own backend-defaults
 * 0.18, whose routers lack `addWebSocketHandler` (the desktops gateway
 * registers with it), and its root router can't be swapped for the 0.19
 * one. This one mounts plugin routes on the root router like the real one;
 * authentication is still enforced, by `httpAuth.credentials` in every
 * route. WebSocket handlers are only reported to `onWebSocketPath`: the
 * gateway's own tests cover the upgrade path.
 *
 * @public
 */
export function webSocketTolerantHttpRouterFactory(options?: {
  onWebSocketPath?: (path: string) => void;
}) {
  return createServiceFactory({
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
          options?.onWebSocketPath?.(`/api/${plugin.getId()}${handler.path}`);
        },
      };
    },
  });
}
