import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { DefaultRootHttpRouter } from '@backstage/backend-defaults/rootHttpRouter';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { DesktopGateway } from '../gateway/createGateway';

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
    lifecycle: mockServices.rootLifecycle.mock(),
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
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
