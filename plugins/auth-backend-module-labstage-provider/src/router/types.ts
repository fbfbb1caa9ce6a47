import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { UserStore } from '../database/UserStore';
import { AccountsService } from '../lib/AccountsService';
import { SessionCookieOptions } from '../lib/sessionCookie';

/** What every accounts route group needs. */
export type RouterContext = {
  accounts: AccountsService;
  users: UserStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  cookie: SessionCookieOptions;
  logger: LoggerService;
};
