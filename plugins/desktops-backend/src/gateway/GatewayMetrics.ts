import { Counter, Meter, metrics, UpDownCounter } from '@opentelemetry/api';
import { ConnectMode } from '@internal/backstage-plugin-desktops-common';

export type ConnectionOutcome = 'accepted' | 'refused';
export type ByteDirection = 'to_browser' | 'to_desktop';

/** The gateway's OpenTelemetry instruments (`labstage_gateway_*`). */
export class GatewayMetrics {
  readonly #connections: UpDownCounter;
  readonly #connectionsTotal: Counter;
  readonly #bytes: Counter;

  /**
   * Instruments are created here, not at module load: the global meter
   * provider is installed by the backend entry point and the metrics API has
   * no proxy for meters asked for earlier.
   */
  constructor(meter: Meter = metrics.getMeter('labstage-desktops')) {
    this.#connections = meter.createUpDownCounter(
      'labstage_gateway_connections',
      {
        description: 'Open desktop gateway (RFB relay) connections',
      },
    );
    this.#connectionsTotal = meter.createCounter(
      'labstage_gateway_connections_total',
      {
        description: 'Desktop gateway connection attempts by outcome',
      },
    );
    this.#bytes = meter.createCounter('labstage_gateway_bytes', {
      description: 'Bytes relayed by the desktop gateway',
      unit: 'By',
    });
  }

  attempt(mode: ConnectMode | 'unknown', outcome: ConnectionOutcome): void {
    this.#connectionsTotal.add(1, { mode, outcome });
  }

  opened(mode: ConnectMode): void {
    this.#connections.add(1, { mode });
  }

  closed(mode: ConnectMode): void {
    this.#connections.add(-1, { mode });
  }

  bytes(direction: ByteDirection, count: number): void {
    if (count > 0) {
      this.#bytes.add(count, { direction });
    }
  }
}
