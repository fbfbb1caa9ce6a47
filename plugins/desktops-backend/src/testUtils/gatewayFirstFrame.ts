import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DesktopRuntime } from '@internal/backstage-plugin-desktops-node';
import { knex as createKnex } from 'knex';
import { DatabaseConnectTickets } from '../gateway/ConnectTickets';
import { createGateway } from '../gateway/createGateway';
import { GatewayDesktops } from '../gateway/GatewayDesktops';
import { waitForRfbGreeting } from '../service/displayReady';
import { applyMigrations } from '../store/migrate';
import { openRfbClient } from './rfbClient';
import { rfbMessages } from './rfbMessages';
import { serveGateway } from './serveGateway';

/** What a viewer first sees through the gateway. */
export type GatewayFirstFrame = {
  width: number;
  height: number;
  bitsPerPixel: number;
  /** Desktop name from ServerInit. */
  name: string;
  /** Rectangles of the first FramebufferUpdate. */
  rectangles: number;
  /** Pixels they cover. */
  updatedPixels: number;
};

/** Keeps the gateway's warnings and errors, to say why a connection failed. */
function recordingLogger(problems: string[]): LoggerService {
  const logger: LoggerService = {
    error: message => problems.push(message),
    warn: message => problems.push(message),
    info: () => undefined,
    debug: () => undefined,
    child: () => logger,
  };
  return logger;
}

/**
 * Opens a desktop's display the way a browser does, through the real
 * gateway code, for any `DesktopRuntime`: waits for the display to greet
 * (as the service does before `running`), then serves `createGateway` on
 * loopback behind Backstage's root router, issues a view ticket from the
 * real ticket store (an in-memory SQLite database), connects a WebSocket,
 * speaks RFB 3.8 with the gateway (which logs in to the display with VncAuth
 * and `vncPassword`), asks for a full Raw frame and reads the first
 * FramebufferUpdate. Everything it made is closed before it settles.
 * Rejects, with the gateway's close code and reason and what it logged,
 * when the gateway refuses or ends the connection (a wrong password, say).
 */
export async function gatewayFirstFrame(
  runtime: DesktopRuntime,
  desktopId: string,
  vncPassword: string,
  options: { timeoutMs?: number } = {},
): Promise<GatewayFirstFrame> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const problems: string[] = [];
  const logger = recordingLogger(problems);
  await waitForRfbGreeting(await runtime.endpoint(desktopId), { timeoutMs });

  const knex = createKnex({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const desktops: GatewayDesktops = {
    async runningEndpoint(id) {
      if (id !== desktopId) return undefined;
      return { ...(await runtime.endpoint(id)), vncPassword };
    },
    ownerOf: async id =>
      id === desktopId ? 'user:default/runtime-conformance' : undefined,
    recordActivity: () => undefined,
    onLeftRunning: () => () => undefined,
  };
  let gateway: ReturnType<typeof createGateway> | undefined;
  let server: Awaited<ReturnType<typeof serveGateway>> | undefined;
  let client: Awaited<ReturnType<typeof openRfbClient>> | undefined;
  try {
    await applyMigrations(knex);
    const tickets = new DatabaseConnectTickets({ knex });
    gateway = createGateway({
      logger,
      tickets,
      desktops,
      displayHandshakeTimeoutMs: timeoutMs,
    });
    server = await serveGateway(gateway, logger);
    const { ticket } = await tickets.issue({
      desktopId,
      userEntityRef: 'user:default/runtime-conformance',
      mode: 'view',
    });
    client = await openRfbClient(
      `${server.baseUrl}/api/desktops/connect?ticket=${ticket}&mode=view&desktop=${desktopId}`,
    );
    const init = await client.handshake();
    client.send(rfbMessages.setEncodings([0]));
    client.send(
      rfbMessages.framebufferUpdateRequest(
        false,
        0,
        0,
        init.width,
        init.height,
      ),
    );
    const rects = await client.readFramebufferUpdate(timeoutMs);
    return {
      width: init.width,
      height: init.height,
      bitsPerPixel: init.bitsPerPixel,
      name: init.name,
      rectangles: rects.length,
      updatedPixels: rects.reduce((sum, r) => sum + r.width * r.height, 0),
    };
  } catch (error) {
    throw new Error(
      `No first frame of desktop ${desktopId} through the gateway: ${error}${
        problems.length > 0 ? ` (gateway: ${problems.join('; ')})` : ''
      }`,
      { cause: error },
    );
  } finally {
    client?.ws.terminate();
    gateway?.close();
    await server?.close();
    await knex.destroy();
  }
}
