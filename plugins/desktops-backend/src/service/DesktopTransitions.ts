import { EventEmitter } from 'node:events';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesktopSignal,
  DesktopState,
  desktopSignalChannel,
} from '@internal/backstage-plugin-desktops-common';
import { SignalsService } from '@backstage/plugin-signals-node';
import { DesktopRecord, DesktopsStore, TransitionPatch } from '../store';
import { RunRecorder } from '../quotas/RunRecorder';
import { presentDesktop } from './presentDesktop';

/**
 * Writes state changes and tells everyone who cares: the owner's browser
 * (signals), the gateway (a desktop that leaves `running` loses its
 * connections) and the hour quotas (the time spent `running`). Every state
 * change goes through `move`.
 */
export class DesktopTransitions {
  private readonly events = new EventEmitter();
  private closed = false;

  constructor(
    private readonly store: DesktopsStore,
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
    private readonly runs: RunRecorder,
  ) {
    this.events.setMaxListeners(0);
  }

  /**
   * A conditional update: nothing happens (undefined) unless the desktop is
   * still in `from`, so concurrent writers cannot both win.
   */
  async move(
    id: string,
    from: DesktopState,
    to: DesktopState,
    patch?: TransitionPatch,
  ): Promise<DesktopRecord | undefined> {
    const updated = await this.store.desktops.transition(id, from, to, patch);
    if (updated) {
      // Written before anyone hears of the move, so a reader told the
      // desktop stopped finds its interval closed.
      await this.runs.moved(from, updated);
      this.publishChanged(updated);
      if (from === 'running') this.events.emit('left-running', id);
    }
    return updated;
  }

  publishChanged(desktop: DesktopRecord): void {
    this.publish(desktop.owner, {
      type: 'desktop-changed',
      desktop: presentDesktop(desktop),
    });
  }

  publishDeleted(owner: string, id: string): void {
    this.publish(owner, { type: 'desktop-deleted', id });
  }

  onLeftRunning(listener: (desktopId: string) => void): () => void {
    this.events.on('left-running', listener);
    return () => {
      this.events.off('left-running', listener);
    };
  }

  /** Stops publishing; the signals service may already be shutting down. */
  close(): void {
    this.closed = true;
    this.events.removeAllListeners();
  }

  private publish(owner: string, signal: DesktopSignal): void {
    if (this.closed) return;
    this.signals
      .publish<DesktopSignal>({
        recipients: { type: 'user', entityRef: owner },
        channel: desktopSignalChannel(owner),
        message: signal,
      })
      .catch(error =>
        this.logger.warn(`Publishing a desktop signal failed: ${error}`),
      );
  }
}
