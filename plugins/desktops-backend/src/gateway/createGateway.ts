import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import {
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConnectMode } from '@internal/backstage-plugin-desktops-common';
import { Meter } from '@opentelemetry/api';
import { WebSocketServer } from 'ws';
import { ControlState } from '../control/ControlState';
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
  /**
   * Who holds the control of each desktop besides its owner. Control
   * connections of anyone else drop input until they hold it. A fresh
   * state (nobody holds anything) if omitted.
   */
  control?: ControlState;
};

/** One relaying connection, as presence and the audit log see it. */
export type GatewaySession = {
  connectionId: string;
  desktopId: string;
  userEntityRef: string;
  owner: string;
  /**
   * What the ticket allowed; `view` once a downgraded share withdrew a
   * control connection's input.
   */
  mode: ConnectMode;
  /** Its keys and pointer reach the desktop now. */
  hasInput: boolean;
  openedAt: Date;
  /** Set on `closed`. */
  closedAt?: Date;
  /** Set on `closed`: why it ended. */
  endReason?: string;
};

/**
 * `opened`: a relay started (both handshakes done); `closed`: it ended;
 * `input`: its input started or stopped passing.
 */
export type GatewaySessionEvent = {
  type: 'opened' | 'closed' | 'input';
  session: GatewaySession;
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
  /**
   * Drops the input of every control connection `match` selects from now
   * on, for good (their grant no longer allows control); they stay open in
   * view mode. Returns how many changed.
   */
  withdrawInput(match: (connection: GatewayConnectionInfo) => boolean): number;
  /** Relaying connections, of one desktop or all. */
  sessions(desktopId?: string): GatewaySession[];
  /** Calls `listener` on every session event; returns an unsubscribe. */
  onSessionChange(listener: (event: GatewaySessionEvent) => void): () => void;
  /** The control hand-off state the gateway applies. */
  readonly control: ControlState;
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
  const control = options.control ?? new ControlState();
  const sessionListeners = new Set<(event: GatewaySessionEvent) => void>();

  function sessionOf(connection: GatewayConnection): GatewaySession {
    return {
      connectionId: connection.id,
      desktopId: connection.desktopId,
      userEntityRef: connection.userEntityRef,
      owner: connection.owner!,
      mode: connection.currentMode,
      hasInput: connection.hasInput,
      openedAt: connection.relayingSince!,
    };
  }

  function emit(type: GatewaySessionEvent['type'], session: GatewaySession) {
    for (const listener of [...sessionListeners]) {
      try {
        listener({ type, session });
      } catch (error) {
        logger.error(`A gateway session listener failed: ${error}`);
      }
    }
  }

  const inputAllowed = (connection: GatewayConnection) =>
    connection.owner !== undefined &&
    control.mayInput(
      connection.desktopId,
      connection.owner,
      connection.userEntityRef,
    );

  // The control changed hands: input starts or stops passing at once.
  const unsubscribeControl = control.onChange(desktopId => {
    for (const connection of connections.get(desktopId) ?? []) {
      if (connection.setInputAllowed(inputAllowed(connection))) {
        logger.info(
          `Gateway ${connection.hasInput ? 'passes' : 'drops'} the input of ${
            connection.userEntityRef
          } on desktop ${desktopId}`,
        );
        if (connection.relaying) emit('input', sessionOf(connection));
      }
    }
  });
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
    // A stopped desktop starts its next run with the control at its owner.
    control.forgetDesktop(desktopId);
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
        inputAllowed,
        onRelayStarted: started => emit('opened', sessionOf(started)),
        onEnd: () => {
          set.delete(connection);
          if (set.size === 0 && connections.get(accepted.desktopId) === set) {
            connections.delete(accepted.desktopId);
          }
          if (connection.relayingSince) {
            emit('closed', {
              ...sessionOf(connection),
              hasInput: false,
              closedAt: new Date(),
              endReason: connection.endReason,
            });
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
    withdrawInput(match) {
      let changed = 0;
      for (const set of [...connections.values()]) {
        for (const connection of [...set]) {
          if (connection.mode !== 'control' || !match(connection)) continue;
          const wasControl = connection.currentMode === 'control';
          connection.withdrawInput();
          logger.info(
            `Gateway withdrew the input of ${connection.userEntityRef} on desktop ${connection.desktopId}`,
          );
          changed += 1;
          if (wasControl && connection.relaying) {
            emit('input', sessionOf(connection));
          }
        }
      }
      return changed;
    },
    sessions(desktopId?: string) {
      const sets =
        desktopId !== undefined
          ? [connections.get(desktopId) ?? new Set<GatewayConnection>()]
          : [...connections.values()];
      return sets.flatMap(set =>
        [...set].filter(c => c.relaying).map(sessionOf),
      );
    },
    onSessionChange(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    control,
    close() {
      unsubscribe();
      unsubscribeControl();
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
