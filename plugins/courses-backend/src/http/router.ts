import { RootConfigService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import Router from 'express-promise-router';
import { addAnnouncementRoutes } from './announcementRoutes';
import { addCommentRoutes } from './commentRoutes';
import { RouteContext } from './context';
import { addCourseRoutes } from './courseRoutes';
import { addIdParamChecks } from './idParams';
import { addInternalRoutes } from './internalRoutes';
import { addInternalUserRoutes } from './internalUserRoutes';
import { addMaterialRoutes } from './materialRoutes';
import { addPostRoutes } from './postRoutes';
import { addRosterRoutes } from './rosterRoutes';

/** The courses REST API (see docs/architecture.md). */
export async function createRouter(
  ctx: RouteContext & { config: RootConfigService },
): Promise<express.Router> {
  const router = Router();
  // JSON only where a route takes a JSON body: material uploads are raw.
  const json = express.json({ limit: '256kb' });

  addIdParamChecks(router);
  addCourseRoutes(router, ctx, json);
  addRosterRoutes(router, ctx, json);
  addPostRoutes(router, ctx, json);
  addCommentRoutes(router, ctx, json);
  addMaterialRoutes(router, ctx);
  addAnnouncementRoutes(router, ctx);
  addInternalRoutes(router, ctx, json);
  addInternalUserRoutes(router, ctx);

  const middleware = MiddlewareFactory.create({
    config: ctx.config,
    logger: ctx.logger,
  });
  router.use(middleware.error());
  return router;
}
