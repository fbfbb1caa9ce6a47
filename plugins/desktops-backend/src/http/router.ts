import { RootConfigService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import Router from 'express-promise-router';
import { RouteContext } from './context';
import { addDesktopRoutes } from './desktopRoutes';
import { addEnvironmentRoutes } from './environmentRoutes';
import { addSessionRoutes } from './sessionRoutes';
import { addCapacityRoutes } from './capacityRoutes';
import { addHourRoutes } from './hourRoutes';
import { addSessionRunRoutes } from './sessionRunRoutes';
import { addFileRoutes } from './fileRoutes';
import { addImageRoutes } from './imageRoutes';
import { addInternalRoutes } from './internalRoutes';
import { addShareRoutes } from './shareRoutes';
import { addTicketRoutes } from './ticketRoutes';
import { addControlRoutes } from './controlRoutes';
import { addAuditRoutes } from './auditRoutes';
import { addClassroomRoutes } from './classroomRoutes';
import { desktopIdParam } from './desktopIdParam';

/** The desktops REST API (see the package README). */
export async function createRouter(
  ctx: RouteContext & { config: RootConfigService },
): Promise<express.Router> {
  const router = Router();
  // JSON only where a route takes a JSON body: file uploads are raw.
  const json = express.json({ limit: '64kb' });

  router.param('id', desktopIdParam);
  // Before /desktops/:id routes: `clone` and `shared-with-me` are not
  // desktop ids.
  addEnvironmentRoutes(router, ctx, json);
  addSessionRoutes(router, ctx, json);
  addCapacityRoutes(router, ctx, json);
  addHourRoutes(router, ctx, json);
  addSessionRunRoutes(router, ctx);
  addShareRoutes(router, ctx, json);
  addDesktopRoutes(router, ctx, json);
  addImageRoutes(router, ctx, json);
  addTicketRoutes(router, ctx, json);
  addControlRoutes(router, ctx, json);
  addAuditRoutes(router, ctx);
  addClassroomRoutes(router, ctx);
  addFileRoutes(router, ctx);
  addInternalRoutes(router, ctx);

  const middleware = MiddlewareFactory.create({
    config: ctx.config,
    logger: ctx.logger,
  });
  router.use(middleware.error());
  return router;
}
