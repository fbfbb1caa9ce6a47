import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { DesktopSignal } from '@internal/backstage-plugin-desktops-common';

/**
 * Collects what the service publishes. Signals are delivered by the signals
 * backend in production; here the payloads themselves are the subject.
 */
export class RecordingSignals implements SignalsService {
  readonly published: SignalPayload<DesktopSignal>[] = [];

  async publish<T>(signal: SignalPayload<T & any>): Promise<void> {
    this.published.push(signal as SignalPayload<DesktopSignal>);
  }

  /** States announced for one desktop, in order. */
  statesOf(desktopId: string): string[] {
    return this.published
      .map(s => s.message)
      .filter(
        (m): m is Extract<DesktopSignal, { type: 'desktop-changed' }> =>
          m.type === 'desktop-changed' && m.desktop.id === desktopId,
      )
      .map(m => m.desktop.state);
  }
}
