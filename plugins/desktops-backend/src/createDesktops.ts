import { GatewayDesktops } from './gateway/GatewayDesktops';
import { GatewayDesktopsAdapter } from './gateway/GatewayDesktopsAdapter';
import { ImageCatalog } from './images/catalog';
import { ReconcileDecisions } from './reconciler/ReconcileDecisions';
import { DesktopService } from './service/DesktopService';
import {
  createDesktopParts,
  DesktopPartsOptions,
} from './service/DesktopParts';

export type DesktopsOptions = DesktopPartsOptions & { catalog: ImageCatalog };

/** The three faces of one set of desktop parts. */
export type Desktops = {
  /** The lifecycle, for the routes and idle stop. */
  service: DesktopService;
  /** Per-desktop corrections, for the reconciler. */
  decisions: ReconcileDecisions;
  /** Display lookups and activity, for the gateway. */
  gatewayDesktops: GatewayDesktops;
};

/**
 * Wires the lifecycle, the reconcile decisions and the gateway adapter onto
 * shared parts (one operation queue, one launcher), as the plugin and the
 * integration tests use them.
 */
export function createDesktops(options: DesktopsOptions): Desktops {
  const parts = createDesktopParts(options);
  return {
    service: new DesktopService(parts, options.catalog),
    decisions: new ReconcileDecisions(parts),
    gatewayDesktops: new GatewayDesktopsAdapter(parts),
  };
}
