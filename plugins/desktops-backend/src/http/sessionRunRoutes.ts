import {
  courseContentReadPermission,
  courseEnvironmentManagePermission,
} from '@internal/backstage-plugin-courses-common';
import {
  ClassSessionNowResponse,
  ClassSessionRunsResponse,
} from '@internal/backstage-plugin-desktops-common';
import { Router } from 'express';
import { sessionRunViews } from '../sessions/runViews';
import { meetingNow } from '../sessions/sessionNow';
import { callerWithCoursePermission } from './courseAccess';
import { courseScope, loadSession, SessionRouteContext } from './sessionRoutes';

/**
 * What the class session runner does, per course: members see the meeting
 * on now and their own course desktop ("Class starts at 9:00: your
 * desktop is ready"); the course's instructors (and admins) see each
 * meeting's warm-up and the students it could not start.
 */
export function addSessionRunRoutes(router: Router, ctx: SessionRouteContext) {
  const base = '/courses/:courseId/sessions';

  router.get(`${base}/now`, async (req, res) => {
    const now = new Date();
    const { caller, courseId, timeZone } = await courseScope(
      ctx,
      req,
      courseContentReadPermission,
      'Only members of the course can see its sessions',
    );
    const sessions = await ctx.sessions.listForCourse(courseId);
    const current = meetingNow(sessions, timeZone, now);
    const desktop = await ctx.environments.desktopOf(
      caller.userEntityRef,
      courseId,
    );
    const outcome =
      current &&
      (
        await ctx.sessionRuns.outcomesOf(
          current.occurrence.sessionId,
          current.occurrence.start,
        )
      ).find(o => o.student === caller.userEntityRef);
    res.json({
      occurrence: current?.occurrence ?? null,
      phase: current?.phase ?? null,
      desktop: desktop ? { id: desktop.id, state: desktop.state } : null,
      problem: outcome?.outcome === 'failed' ? outcome.reason : null,
    } satisfies ClassSessionNowResponse);
  });

  router.get(`${base}/:sessionId/runs`, async (req, res) => {
    const { courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseEnvironmentManagePermission,
      "Only the course's instructors can see how its sessions warmed up",
    );
    const session = await loadSession(ctx, req, courseId);
    const items = await sessionRunViews(
      { sessions: ctx.sessions, runs: ctx.sessionRuns },
      session.id,
      refs => ctx.sharing.displayNames(refs),
    );
    res.json({ items } satisfies ClassSessionRunsResponse);
  });
}
