import { GatewayDesktops } from './gateway/GatewayDesktops';
import { GatewayDesktopsAdapter } from './gateway/GatewayDesktopsAdapter';
import {
  CourseEnvironments,
  CourseLaunchCheck,
} from './environments/CourseEnvironments';
import { ImageCatalog } from './images/catalog';
import { ImageSaves } from './images/ImageSaves';
import { SavedImages } from './images/SavedImages';
import { ReconcileDecisions } from './reconciler/ReconcileDecisions';
import { ShareChanges } from './sharing/ShareChanges';
import { DesktopService } from './service/DesktopService';
import {
  createDesktopParts,
  DesktopPartsOptions,
} from './service/DesktopParts';

export type DesktopsOptions = DesktopPartsOptions & {
  catalog: ImageCatalog;
  /** The weekly hour quotas' check before a course desktop starts. */
  courseLaunchCheck?: CourseLaunchCheck;
};

/** The faces of one set of desktop parts. */
export type Desktops = {
  /** The lifecycle, for the routes and idle stop. */
  service: DesktopService;
  /** Per-desktop corrections, for the reconciler. */
  decisions: ReconcileDecisions;
  /** Display lookups and activity, for the gateway. */
  gatewayDesktops: GatewayDesktops;
  /** Saving and building images, and the index of saved ones. */
  images: SavedImages;
  /** Saves in progress. */
  saves: ImageSaves;
  environments: CourseEnvironments;
  /**
   * The one stream of share changes (invitations, role changes, revocations,
   * shares deleted with their desktop): subscribe to act on them.
   */
  shareChanges: ShareChanges;
};

/**
 * Wires the lifecycle, the reconcile decisions and the gateway adapter onto
 * shared parts (one operation queue, one launcher), as the plugin and the
 * integration tests use them.
 */
export function createDesktops(options: DesktopsOptions): Desktops {
  const parts = createDesktopParts(options);
  const service = new DesktopService(parts, options.catalog);
  const saves = new ImageSaves(options.signals);
  const images = new SavedImages({
    store: parts.store,
    runtime: parts.runtime,
    registry: parts.registry,
    catalog: options.catalog,
    saves,
    logger: parts.logger,
  });
  return {
    service,
    decisions: new ReconcileDecisions(parts),
    gatewayDesktops: new GatewayDesktopsAdapter(parts),
    images,
    saves,
    environments: new CourseEnvironments({
      store: parts.store,
      service,
      images,
      launchCheck: options.courseLaunchCheck,
    }),
    shareChanges: parts.shareChanges,
  };
}
