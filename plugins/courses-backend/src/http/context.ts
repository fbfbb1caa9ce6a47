import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { MaterialStorage } from '../materials/MaterialStorage';
import { RosterService } from '../service/RosterService';
import { CoursesStore } from '../store';

/** Everything a route needs. */
export type RouteContext = {
  store: CoursesStore;
  roster: RosterService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  directory: AccountsDirectory;
  storage: MaterialStorage;
  logger: LoggerService;
  maxMaterialBytes: number;
};
