import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';

/** The signed-in user making a request. */
export type UserCaller = {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  userEntityRef: string;
};

/**
 * The user calling a route: 401 without credentials, 403 for a service
 * token (Labstage routes act for people; plugins use the internal routes).
 */
export async function getUserCaller(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<UserCaller> {
  const credentials = await httpAuth.credentials(req, { allow: ['user'] });
  return { credentials, userEntityRef: credentials.principal.userEntityRef };
}
