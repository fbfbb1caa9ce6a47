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
import { usernameSchema } from '@internal/backstage-plugin-accounts-common';
import { z } from 'zod';

const COURSE_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /internal/memberships: `?member=alice`, `?courseId=…&courseId=…`. */
const membershipsQuerySchema = z.strictObject({
  member: usernameSchema.optional(),
  courseId: z
    .union([z.string(), z.array(z.string()).max(500, 'At most 500 course ids')])
    .transform(value => [value].flat())
    .refine(ids => ids.every(id => COURSE_ID.test(id)), 'Course ids are UUIDs')
    .optional(),
});

/** The courses a filtered memberships query names; undefined: every course. */
async function filteredCourseIds(
  ctx: RouteContext,
  query: z.infer<typeof membershipsQuerySchema>,
): Promise<string[] | undefined> {
  const { member, courseId } = query;
  if (member === undefined) return courseId;
  const mine = (await ctx.store.enrolments.listForUser(member)).map(
    e => e.courseId,
  );
  return courseId ? courseId.filter(id => mine.includes(id)) : mine;
}

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

  /**
   * Who is in which course, for other backend plugins (any service). With
   * `member`, only the courses that user is in; with `courseId` (repeatable),
   * only those courses. The desktops plugin reads a desktop's course
   * instructors and an owner's classmates here, as itself.
   */
  router.get('/internal/memberships', async (req, res) => {
    await ctx.httpAuth.credentials(req, { allow: ['service'] });
    const ids = await filteredCourseIds(
      ctx,
      parseInput(membershipsQuerySchema, req.query),
    );
    const courses = ids
      ? await ctx.store.courses.getMany(ids)
      : await ctx.store.courses.listAll();
    const enrolments = ids
      ? await ctx.store.enrolments.listForCourses(ids)
      : await ctx.store.enrolments.listAll();
    const byCourse = new Map<string, CourseMembership>(
      courses.map(c => [
        c.id,
        {
          courseId: c.id,
          code: c.code,
          title: c.title,
          timeZone: c.timeZone,
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
