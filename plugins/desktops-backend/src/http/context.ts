import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConnectTickets } from '../gateway/ConnectTickets';
import { ImageCatalog } from '../images/catalog';
import { DesktopService } from '../service/DesktopService';

/** Everything a route needs. */
export type RouteContext = {
  service: DesktopService;
  catalog: ImageCatalog;
  tickets: ConnectTickets;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
};
