import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import {
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConnectMode } from '@internal/backstage-plugin-desktops-common';
import { Meter } from '@opentelemetry/api';
import { WebSocketServer } from 'ws';
import { GatewayCloseCode } from './closeCodes';
import { ConnectTicketGrant, ConnectTickets } from './ConnectTickets';
import { GatewayConnection } from './GatewayConnection';
import { GatewayDesktops } from './GatewayDesktops';
import { GatewayMetrics } from './GatewayMetrics';
import { ReadBufferPool } from './ReadBufferPool';

export type GatewayOptions = {
  logger: LoggerService;
  tickets: ConnectTickets;
  desktops: GatewayDesktops;
  /** Open connections allowed per desktop (viewers and controllers). */
  maxConnectionsPerDesktop?: number;
  /** How often an open connection records `viewer` activity. */
  viewerActivityIntervalMs?: number;
  displayHandshakeTimeoutMs?: number;
  browserHandshakeTimeoutMs?: number;
  /** Defaults to the global meter `labstage-desktops`. */
  meter?: Meter;
};

/** What the gateway hands to Backstage's HTTP router, and its controls. */
export interface DesktopGateway {
  /**
   * Register with `httpRouter.addWebSocketHandler(gateway.webSocketHandler)`:
   * path `/connect`, `authPolicy: 'unauthenticated'` (the single-use ticket
   * in the query is the credential).
   */
  readonly webSocketHandler: HttpRouterServiceWebSocketHandler;
  /** Handles one upgrade request (the handler above, for other servers). */
  handleUpgrade(context: {
    request: IncomingMessage;
    socket: Duplex;
    head: Buffer;
  }): Promise<void>;
  /** Open or establishing connections, of one desktop or all. */
  connectionCount(desktopId?: string): number;
  /** Who is connected where, right now. */
  connections(): GatewayConnectionInfo[];
  /**
   * The signal that the connections of (user, desktop) are no longer
   * allowed: closes every open connection `match` selects, at once, with
   * code AccessRevoked and `reason`. Returns how many it closed.
   */
  revoke(
    match: (connection: GatewayConnectionInfo) => boolean,
    reason: string,
  ): number;
  /** Closes every connection and stops listening for desktop changes. */
  close(): void;
}

export type GatewayConnectionInfo = {
  desktopId: string;
  userEntityRef: string;
  mode: ConnectMode;
};

export const GATEWAY_PATH = '/connect';
/** A class of 30 watching one desktop, with room for helpers and the grid. */
const DEFAULT_MAX_CONNECTIONS_PER_DESKTOP = 64;
/** Activity is written at most every 30 s by the service; 60 s is the contract. */
const DEFAULT_VIEWER_ACTIVITY_INTERVAL_MS = 30_000;
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/**
 * One display read, and one WebSocket message to the browser, at most. Larger
 * than Node's default 64 KiB: fewer, larger messages cost less on both ends.
 */
const READ_BUFFER_BYTES = 256 * 1024;
/** Idle read buffers kept for reuse, over all connections (8 MiB). */
const MAX_FREE_READ_BUFFERS = 32;

/**
 * The desktop gateway: checks the connect ticket on the WebSocket upgrade,
 * then relays RFB between the browser and the desktop's display.
 *
 * URL: `/connect?ticket=<t>[&mode=view|control][&desktop=<id>]`. The ticket
 * carries desktop and mode; the optional parameters state what the viewer
 * expects, and a mismatch is refused, so a view ticket can never open a
 * session the viewer believes to be a control one (or another desktop).
 */
export function createGateway(options: GatewayOptions): DesktopGateway {
  const { logger, tickets, desktops } = options;
  const maxPerDesktop =
    options.maxConnectionsPerDesktop ?? DEFAULT_MAX_CONNECTIONS_PER_DESKTOP;
  const metrics = new GatewayMetrics(options.meter);
  const readBuffers = new ReadBufferPool(
    READ_BUFFER_BYTES,
    MAX_FREE_READ_BUFFERS,
  );
  const connections = new Map<string, Set<GatewayConnection>>();
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    maxPayload: MAX_MESSAGE_BYTES,
    // noVNC needs no subprotocol; older clients offer `binary`.
    handleProtocols: protocols => (protocols.has('binary') ? 'binary' : false),
  });
  wss.on('error', error =>
    logger.error(`Gateway WebSocket server error: ${error}`),
  );

  const unsubscribe = desktops.onLeftRunning(desktopId => {
    for (const connection of [...(connections.get(desktopId) ?? [])]) {
      connection.close(
        GatewayCloseCode.DesktopStopped,
        'The desktop was stopped',
      );
    }
  });

  function refuseUpgrade(
    socket: Duplex,
    status: string,
    mode: ConnectMode | 'unknown',
    why: string,
    request: IncomingMessage,
  ) {
    metrics.attempt(mode, 'refused');
    logger.info(`Gateway refused a connection: ${why}`, {
      remoteAddress: request.socket?.remoteAddress,
    });
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      () => socket.destroy(),
    );
  }

  async function handleUpgrade({
    request,
    socket,
    head,
  }: {
    request: IncomingMessage;
    socket: Duplex;
    head: Buffer;
  }): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    const ticket = url.searchParams.get('ticket');
    const wantedMode = url.searchParams.get('mode');
    const wantedDesktop = url.searchParams.get('desktop');
    if (
      wantedMode !== null &&
      wantedMode !== 'view' &&
      wantedMode !== 'control'
    ) {
      refuseUpgrade(
        socket,
        '400 Bad Request',
        'unknown',
        'invalid mode parameter',
        request,
      );
      return;
    }
    if (!ticket) {
      refuseUpgrade(
        socket,
        '401 Unauthorized',
        'unknown',
        'no ticket',
        request,
      );
      return;
    }

    let grant: ConnectTicketGrant | undefined;
    try {
      grant = await tickets.consume(ticket);
    } catch (error) {
      logger.error(`Could not check a connect ticket: ${error}`);
      refuseUpgrade(
        socket,
        '503 Service Unavailable',
        'unknown',
        'ticket store unavailable',
        request,
      );
      return;
    }
    // Unknown, expired and already used tickets look the same on purpose.
    if (!grant) {
      refuseUpgrade(
        socket,
        '401 Unauthorized',
        'unknown',
        'invalid, expired or used ticket',
        request,
      );
      return;
    }
    if (wantedMode !== null && wantedMode !== grant.mode) {
      refuseUpgrade(
        socket,
        '403 Forbidden',
        grant.mode,
        `a ${grant.mode} ticket was used for a ${wantedMode} connection`,
        request,
      );
      return;
    }
    if (wantedDesktop !== null && wantedDesktop !== grant.desktopId) {
      refuseUpgrade(
        socket,
        '403 Forbidden',
        grant.mode,
        'the ticket was issued for another desktop',
        request,
      );
      return;
    }
    if (socket.destroyed) {
      return;
    }
    const accepted = grant;
    wss.handleUpgrade(request, socket, head, ws => {
      const set = connections.get(accepted.desktopId) ?? new Set();
      connections.set(accepted.desktopId, set);
      const connection: GatewayConnection = new GatewayConnection({
        ws,
        desktopId: accepted.desktopId,
        userEntityRef: accepted.userEntityRef,
        mode: accepted.mode,
        desktops,
        logger,
        metrics,
        readBuffers,
        displayHandshakeTimeoutMs: options.displayHandshakeTimeoutMs ?? 10_000,
        browserHandshakeTimeoutMs: options.browserHandshakeTimeoutMs ?? 30_000,
        viewerActivityIntervalMs:
          options.viewerActivityIntervalMs ??
          DEFAULT_VIEWER_ACTIVITY_INTERVAL_MS,
        onEnd: () => {
          set.delete(connection);
          if (set.size === 0 && connections.get(accepted.desktopId) === set) {
            connections.delete(accepted.desktopId);
          }
        },
      });
      if (set.size >= maxPerDesktop) {
        metrics.attempt(accepted.mode, 'refused');
        connection.close(
          GatewayCloseCode.TooManyConnections,
          `This desktop already has ${maxPerDesktop} open connections`,
        );
        return;
      }
      set.add(connection);
      logger.info(
        `Gateway ${accepted.mode} connection to desktop ${accepted.desktopId} by ${accepted.userEntityRef}`,
      );
      void connection.start();
    });
  }

  return {
    webSocketHandler: {
      path: GATEWAY_PATH,
      authPolicy: 'unauthenticated',
      handler: handleUpgrade,
    },
    handleUpgrade,
    connectionCount(desktopId?: string) {
      if (desktopId !== undefined) {
        return connections.get(desktopId)?.size ?? 0;
      }
      let total = 0;
      for (const set of connections.values()) total += set.size;
      return total;
    },
    connections() {
      return [...connections.values()].flatMap(set =>
        [...set].map(({ desktopId, userEntityRef, mode }) => ({
          desktopId,
          userEntityRef,
          mode,
        })),
      );
    },
    revoke(match, reason) {
      let closed = 0;
      for (const set of [...connections.values()]) {
        for (const connection of [...set]) {
          if (!match(connection)) continue;
          logger.info(
            `Gateway revoked the ${connection.mode} connection of ${connection.userEntityRef} to desktop ${connection.desktopId}: ${reason}`,
          );
          connection.close(GatewayCloseCode.AccessRevoked, reason);
          closed += 1;
        }
      }
      return closed;
    },
    close() {
      unsubscribe();
      for (const set of [...connections.values()]) {
        for (const connection of [...set]) {
          connection.close(
            GatewayCloseCode.GatewayShutdown,
            'The gateway is shutting down',
          );
        }
      }
      wss.close();
    },
  };
}
