export { createGateway, GATEWAY_PATH } from './createGateway';
export type { DesktopGateway, GatewayOptions } from './createGateway';
export { GatewayCloseCode } from './closeCodes';
export {
  DatabaseConnectTickets,
  readTicketTtlSeconds,
  DEFAULT_TICKET_TTL_SECONDS,
  MAX_TICKET_TTL_SECONDS,
} from './ConnectTickets';
export type { ConnectTickets, ConnectTicketGrant } from './ConnectTickets';
export type { GatewayDesktops } from './GatewayDesktops';
export { GatewayDesktopsAdapter } from './GatewayDesktopsAdapter';
export type {
  GatewaySession,
  GatewaySessionEvent,
  GatewayConnectionInfo,
} from './createGateway';
