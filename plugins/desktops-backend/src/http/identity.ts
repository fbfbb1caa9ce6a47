import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { RouteContext } from './context';

/** The signed-in user making a request. */
export type Caller = {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  userEntityRef: string;
};

/** The calling user (401 without credentials, 403 for services). */
export async function getCaller(
  ctx: RouteContext,
  req: Request,
): Promise<Caller> {
  const credentials = await ctx.httpAuth.credentials(req, { allow: ['user'] });
  return { credentials, userEntityRef: credentials.principal.userEntityRef };
}
