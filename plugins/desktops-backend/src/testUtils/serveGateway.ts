import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { DefaultRootHttpRouter } from '@backstage/backend-defaults/rootHttpRouter';
import {
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import { DesktopGateway } from '../gateway/createGateway';

/** A root lifecycle for a server the caller closes itself: hooks never run. */
const manualLifecycle: RootLifecycleService = {
  addStartupHook: () => undefined,
  addShutdownHook: () => undefined,
  addBeforeShutdownHook: () => undefined,
};

/**
 * Serves a gateway on loopback the way Backstage's root HTTP server does:
 * upgrades are routed by DefaultRootHttpRouter, never through Express. The
 * plugin-level httpRouter adds no check of its own for
 * `authPolicy: 'unauthenticated'` before it calls the handler.
 */
export async function serveGateway(
  gateway: DesktopGateway,
  logger: LoggerService,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = express();
  const server = http.createServer(app);
  const router = DefaultRootHttpRouter.create({
    server,
    lifecycle: manualLifecycle,
    logger,
  });
  app.use(router.handler());
  router.addWebSocketHandler({
    path: `/api/desktops${gateway.webSocketHandler.path}`,
    handler: context => gateway.handleUpgrade(context),
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
