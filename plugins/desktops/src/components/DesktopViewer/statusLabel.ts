import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import type { ConnectionStatus } from './useRfbConnection';

/** The toolbar chip: the connection while running, else the desktop's state. */
export function statusLabel(
  status: ConnectionStatus,
  desktop?: Desktop,
): string {
  switch (status.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return `Reconnecting in ${status.seconds}s…`;
    case 'disconnected':
      return `Disconnected: ${status.reason}`;
    case 'revoked':
      return 'Access revoked';
    default:
      if (!desktop) return 'Loading…';
      switch (desktop.state) {
        case 'pending':
        case 'starting':
          return 'Starting…';
        case 'stopping':
          return 'Stopping…';
        case 'stopped':
          return 'Stopped';
        case 'error':
          return 'Failed';
        default:
          return 'Connecting…';
      }
  }
}
