import express, { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { TooManyRequestsError } from '../service/TooManyRequestsError';
import { createAdminRoutes } from './adminRoutes';
import { createDirectoryRoutes } from './directoryRoutes';
import { createMeRoutes } from './meRoutes';
import { createSessionRoutes } from './sessionRoutes';
import { RouterContext } from './types';

/**
 * All routes under `/accounts` of the auth plugin. Errors are left to the
 * backend's error middleware, which renders Backstage's JSON error shape.
 */
export function createAccountsRouter(ctx: RouterContext): express.Router {
  const accounts = Router();
  accounts.use(express.json({ limit: '16kb' }));
  accounts.use(createSessionRoutes(ctx));
  accounts.use(createMeRoutes(ctx));
  accounts.use(createAdminRoutes(ctx));
  accounts.use(createDirectoryRoutes(ctx));

  const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof TooManyRequestsError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    next(error);
  };
  accounts.use(retryAfter);

  const router = Router();
  router.use('/accounts', accounts);
  return router;
}
