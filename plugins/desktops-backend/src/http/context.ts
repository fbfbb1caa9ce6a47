import {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { DesktopResource } from '@internal/backstage-plugin-desktops-node';
import {
  PermissionDecisionCache,
  ResourceAuthorizer,
} from '@internal/backstage-plugin-labstage-node';
import { ConnectTickets } from '../gateway/ConnectTickets';
import { CourseEnvironments } from '../environments/CourseEnvironments';
import { ImageCatalog } from '../images/catalog';
import { ImageSaves } from '../images/ImageSaves';
import { SavedImages } from '../images/SavedImages';
import { DesktopService } from '../service/DesktopService';
import { DesktopHands } from '../hands/DesktopHands';
import { DesktopThumbnails } from '../thumbnails/DesktopThumbnails';
import { AuditLog } from '../audit/AuditLog';
import { ControlHandOff } from '../control/ControlHandOff';
import { PresenceTracker } from '../control/PresenceTracker';
import { DesktopSharing } from '../sharing/DesktopSharing';
import { DesktopResourceLoader } from './permissionResources';
import { SessionStore } from '../store/SessionStore';
import { DesktopCapacity } from '../capacity/DesktopCapacity';
import { HourQuotas } from '../quotas/HourQuotas';
import { SessionRunStore } from '../store/SessionRunStore';

/** Everything a route needs. */
export type RouteContext = {
  service: DesktopService;
  catalog: ImageCatalog;
  tickets: ConnectTickets;
  /** The policy's decisions, cached for seconds per user. */
  decisions: PermissionDecisionCache;
  /** Desktop permissions, with conditions applied here to loaded desktops. */
  desktopAuthorizer: ResourceAuthorizer<DesktopResource, 'desktop'>;
  /** Permission resources of loaded desktops (with shares and instructors). */
  resources: DesktopResourceLoader;
  /** Invitations to desktops. */
  sharing: DesktopSharing;
  /** Who holds the control of a live desktop, who asks for it. */
  handOff: ControlHandOff;
  /** Who is connected to a desktop now. */
  presence: PresenceTracker;
  /** The append-only desktop audit log. */
  audit: AuditLog;
  /** Server-made thumbnails of running desktops, for the classroom grid. */
  thumbnails: DesktopThumbnails;
  /** Raised hands of course desktops. */
  hands: DesktopHands;
  images: SavedImages;
  saves: ImageSaves;
  environments: CourseEnvironments;
  /** Class session series of courses. */
  sessions: SessionStore;
  /** What the installation can run, against the class sessions planned. */
  capacity: DesktopCapacity;
  /** Weekly desktop hours per course: budgets, grants, meters. */
  hourQuotas: HourQuotas;
  /** What each meeting's warm-up did, per student. */
  sessionRuns: SessionRunStore;
  /** For course permissions, which the courses plugin decides. */
  permissions: PermissionsService;
  /** To call the courses plugin as the user (its roster). */
  discovery: DiscoveryService;
  auth: AuthService;
  directory: AccountsDirectory;
  httpAuth: HttpAuthService;
  logger: LoggerService;
};
