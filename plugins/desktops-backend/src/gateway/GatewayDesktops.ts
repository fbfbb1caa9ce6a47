import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';

/**
 * What the gateway needs from the lifecycle service. Kept this narrow so the
 * gateway can run as its own deployment against the same database.
 */
export interface GatewayDesktops {
  /** The display of a desktop in state `running`; undefined otherwise. */
  runningEndpoint(desktopId: string): Promise<DisplayEndpoint | undefined>;

  /**
   * The owner of a desktop (user entity ref); undefined if it is gone. The
   * owner's input always passes; anyone else's only while they hold the
   * control.
   */
  ownerOf(desktopId: string): Promise<string | undefined>;

  /**
   * Notes activity for idle stop: `input` on keyboard/pointer input from a
   * control connection, `viewer` periodically while any connection is open.
   * Implementations throttle their writes.
   */
  recordActivity(desktopId: string, kind: 'input' | 'viewer'): void;

  /** Called when a desktop leaves `running`; returns an unsubscribe. */
  onLeftRunning(listener: (desktopId: string) => void): () => void;
}
