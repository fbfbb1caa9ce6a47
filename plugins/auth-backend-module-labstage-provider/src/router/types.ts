import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { UserStore } from '../database/UserStore';
import { AccountDeletion } from '../lib/AccountDeletion';
import { AccountsService } from '../lib/AccountsService';
import { SessionCookieOptions } from '../lib/sessionCookie';

/** What every accounts route group needs. */
export type RouterContext = {
  accounts: AccountsService;
  deletion: AccountDeletion;
  users: UserStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  cookie: SessionCookieOptions;
  logger: LoggerService;
};
