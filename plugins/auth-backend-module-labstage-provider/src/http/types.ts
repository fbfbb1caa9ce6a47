import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { UserStore } from '../store/UserStore';
import { AccountDeletion } from '../service/AccountDeletion';
import { AccountsService } from '../service/AccountsService';
import { SessionCookieOptions } from './sessionCookie';

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
