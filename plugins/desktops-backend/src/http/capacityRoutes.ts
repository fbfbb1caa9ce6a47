import { courseEnvironmentManagePermission } from '@internal/backstage-plugin-courses-common';
import {
  CapacityCheckResponse,
  CapacityReport,
  createClassSessionRequestSchema,
  desktopCapacityReadPermission,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RequestHandler, Router } from 'express';
import { requireAllowed } from './authorize';
import { RouteContext } from './context';
import { callerWithCoursePermission } from './courseAccess';
import { getCaller } from './identity';

/** Stands for the session being scheduled, which has no id yet. */
const UNSAVED_SESSION_ID = 'unsaved-session';

/**
 * Capacity: the admins' report of what the installation can run, and the
 * check an instructor's scheduling form makes before saving a session.
 */
export function addCapacityRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.get('/capacity', async (req, res) => {
    const caller = await getCaller(ctx, req);
    await requireAllowed(
      ctx,
      caller.credentials,
      desktopCapacityReadPermission,
    );
    res.json((await ctx.capacity.report()) satisfies CapacityReport);
  });

  // Whoever may schedule the course's sessions may ask (see sessionRoutes).
  router.post(
    '/courses/:courseId/sessions/capacity-check',
    json,
    async (req, res) => {
      const { courseId } = await callerWithCoursePermission(
        ctx,
        req,
        courseEnvironmentManagePermission,
        "Only the course's instructors can schedule its sessions",
      );
      const body = parseInput(createClassSessionRequestSchema, req.body);
      const warning = await ctx.capacity.warningFor({
        ...body,
        id: UNSAVED_SESSION_ID,
        courseId,
        cancelledDates: [],
      });
      res.json({ warning } satisfies CapacityCheckResponse);
    },
  );
}
