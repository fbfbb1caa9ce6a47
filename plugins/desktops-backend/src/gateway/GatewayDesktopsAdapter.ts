import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { ActivityKind } from '../service/ActivityRecorder';
import { DesktopParts } from '../service/DesktopParts';
import { GatewayDesktops } from './GatewayDesktops';

/**
 * The gateway's view of the desktops: a running desktop's display address
 * and password, activity for idle stop, and word when a desktop leaves
 * `running`. Reads the store, the runtime and the display passwords
 * directly, without the lifecycle's operation queue, so a viewer connecting
 * never waits behind a launch.
 */
export class GatewayDesktopsAdapter implements GatewayDesktops {
  constructor(private readonly parts: DesktopParts) {}

  async runningEndpoint(id: string): Promise<DisplayEndpoint | undefined> {
    const { store, runtime, passwords, logger } = this.parts;
    const desktop = await store.desktops.get(id);
    if (desktop?.state !== 'running') return undefined;
    try {
      const address = await runtime.endpoint(id);
      const vncPassword = await passwords.current(id);
      if (vncPassword === undefined) {
        logger.warn(
          `Running desktop ${id} has no usable display password; a restart gives it a new one`,
        );
        return undefined;
      }
      return { ...address, vncPassword };
    } catch (error) {
      logger.warn(`No display endpoint for running desktop ${id}: ${error}`);
      return undefined;
    }
  }

  async ownerOf(id: string): Promise<string | undefined> {
    return (await this.parts.store.desktops.get(id))?.owner;
  }

  recordActivity(id: string, kind: ActivityKind): void {
    this.parts.activity.record(id, kind);
  }

  onLeftRunning(listener: (desktopId: string) => void): () => void {
    return this.parts.transitions.onLeftRunning(listener);
  }
}
