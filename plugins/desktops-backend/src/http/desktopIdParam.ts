import { NotFoundError } from '@backstage/errors';
import { RequestParamHandler } from 'express';
import { isDesktopId } from '../store';

/**
 * The `:id` guard: anything but a desktop id names nothing, so it is a 404
 * before any query (PostgreSQL answers a NUL byte with an error, not a miss).
 */
export const desktopIdParam: RequestParamHandler = (_req, _res, next, id) =>
  next(isDesktopId(id) ? undefined : new NotFoundError('Desktop not found'));
