import {
  getUserCaller,
  UserCaller,
} from '@internal/backstage-plugin-labstage-node';
import { Request } from 'express';
import { RouteContext } from './context';

/** The signed-in user making a request. */
export type Caller = UserCaller;

/** The calling user (401 without credentials, 403 for services). */
export function getCaller(ctx: RouteContext, req: Request): Promise<Caller> {
  return getUserCaller(ctx.httpAuth, req);
}
