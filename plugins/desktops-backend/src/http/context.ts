import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { DesktopResource } from '@internal/backstage-plugin-desktops-node';
import {
  PermissionDecisionCache,
  ResourceAuthorizer,
} from '@internal/backstage-plugin-labstage-node';
import { ConnectTickets } from '../gateway/ConnectTickets';
import { ImageCatalog } from '../images/catalog';
import { DesktopService } from '../service/DesktopService';

/** Everything a route needs. */
export type RouteContext = {
  service: DesktopService;
  catalog: ImageCatalog;
  tickets: ConnectTickets;
  /** The policy's decisions, cached for seconds per user. */
  decisions: PermissionDecisionCache;
  /** Desktop permissions, with conditions applied here to loaded desktops. */
  desktopAuthorizer: ResourceAuthorizer<DesktopResource, 'desktop'>;
  httpAuth: HttpAuthService;
  logger: LoggerService;
};
