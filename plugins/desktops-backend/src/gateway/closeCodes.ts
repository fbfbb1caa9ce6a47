/**
 * WebSocket close codes the gateway uses once a connection is accepted. The
 * 4xxx codes are application codes (RFC 6455 §7.4.2) so the viewer can tell
 * the user what happened; the reason text is meant for display.
 */
export const GatewayCloseCode = {
  /** The desktop display ended the RFB session. */
  DisplayClosed: 1000,
  /** The gateway is shutting down. */
  GatewayShutdown: 1001,
  /** The browser sent something that isn't RFB the gateway can frame. */
  ProtocolError: 1002,
  /** Display unreachable, handshake with it failed, or an internal error. */
  DisplayError: 1011,
  /** The desktop is not in state `running`. */
  NotRunning: 4404,
  /** The desktop left `running` (stopped, crashed, deleted). */
  DesktopStopped: 4410,
  /** The user may no longer use this connection (disabled, deleted, role or share withdrawn). */
  AccessRevoked: 4403,
  /** `maxConnectionsPerDesktop` connections are already open. */
  TooManyConnections: 4429,
} as const;
