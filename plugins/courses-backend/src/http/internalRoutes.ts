import {
  CourseMembership,
  internalEnrolmentRequestSchema,
  JoinCodeInfo,
} from '@internal/backstage-plugin-courses-common';
import express, { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RouteContext } from './context';
import { requireAuthPlugin } from './identity';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

export function addInternalRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/internal/join-codes/:code', async (req, res) => {
    await requireAuthPlugin(ctx, req);
    const course = await ctx.roster.courseForJoinCode(req.params.code);
    const info: JoinCodeInfo = {
      courseId: course.id,
      code: course.code,
      title: course.title,
      term: course.term,
    };
    res.json(info);
  });

  router.post('/internal/enrolments', json, async (req, res) => {
    await requireAuthPlugin(ctx, req);
    const { code, username } = parseInput(
      internalEnrolmentRequestSchema,
      req.body,
    );
    const { enrolment, created } = await ctx.roster.joinWithCode(
      code,
      username,
    );
    res.status(created ? 201 : 200).json({
      courseId: enrolment.courseId,
      username: enrolment.username,
      role: enrolment.role,
      joinedAt: enrolment.joinedAt,
    });
  });

  router.get('/internal/memberships', async (req, res) => {
    await ctx.httpAuth.credentials(req, { allow: ['service'] });
    const courses = await ctx.store.courses.listAll();
    const enrolments = await ctx.store.enrolments.listAll();
    const byCourse = new Map<string, CourseMembership>(
      courses.map(c => [
        c.id,
        {
          courseId: c.id,
          code: c.code,
          title: c.title,
          instructors: [],
          students: [],
        },
      ]),
    );
    for (const e of enrolments) {
      const entry = byCourse.get(e.courseId);
      if (!entry) continue;
      (e.role === 'instructor' ? entry.instructors : entry.students).push(
        e.username,
      );
    }
    res.json({
      items: [...byCourse.values()],
    } satisfies ListResponse<CourseMembership>);
  });
}
