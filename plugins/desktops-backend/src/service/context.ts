import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConnectTickets } from '../gateway/ConnectTickets';
import { ImageCatalog } from '../images/catalog';
import { DesktopRuntime } from '@internal/backstage-plugin-desktops-node';
import { DesktopService } from './DesktopService';
import { DesktopsSettings } from './settings';

/** Everything a route needs. */
export type RouteContext = {
  service: DesktopService;
  runtime: DesktopRuntime;
  catalog: ImageCatalog;
  tickets: ConnectTickets;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  settings: DesktopsSettings;
};
