import { InputError } from '@backstage/errors';
import { userEntityRefFor } from '@internal/backstage-plugin-accounts-common';
import {
  courseContentReadPermission,
  courseEnvironmentManagePermission,
} from '@internal/backstage-plugin-courses-common';
import {
  CourseHourBudget,
  CourseHoursResponse,
  desktopHourDefaultsManagePermission,
  hourGrantRequestSchema,
  HourQuotaDefaults,
  hourQuotaDefaultsRequestSchema,
  HourUsage,
  setHourBudgetRequestSchema,
  StudentHourUsage,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RequestHandler, Router } from 'express';
import { requireAllowed } from './authorize';
import { RouteContext } from './context';
import { callerWithCoursePermission, readRoster } from './courseAccess';
import { getCaller } from './identity';

/** Who may see the budget and everyone's meter, set it and grant. */
const MANAGE = courseEnvironmentManagePermission;

/**
 * Weekly desktop hours (issue 13 §2): a member reads their own meter of a
 * course; the course's instructors (and admins) read every student's, set
 * the course's budget and grant extra hours; admins set the installation's
 * defaults, which every signed-in user may read.
 */
export function addHourRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  const base = '/courses/:courseId/hours';

  router.get(`${base}/me`, async (req, res) => {
    const now = new Date();
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseContentReadPermission,
      'Only members of the course have hours in it',
    );
    res.json(
      (await ctx.hourQuotas.usage(
        caller.userEntityRef,
        courseId,
        now,
      )) satisfies HourUsage,
    );
  });

  router.get(base, async (req, res) => {
    const now = new Date();
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      MANAGE,
      "Only the course's instructors can see its students' hours",
    );
    const [roster, week] = await Promise.all([
      readRoster(ctx, caller.credentials, courseId),
      ctx.hourQuotas.courseWeek(courseId, now),
    ]);
    const students = roster
      .filter(entry => entry.role === 'student')
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const items: StudentHourUsage[] = [];
    for (const entry of students) {
      const student = userEntityRefFor(entry.username);
      items.push({
        ...(await ctx.hourQuotas.usageIn(week, student, now)),
        student,
        displayName: entry.displayName,
      });
    }
    res.json({ budget: week.budget, items } satisfies CourseHoursResponse);
  });

  router.put(`${base}/budget`, json, async (req, res) => {
    const now = new Date();
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      MANAGE,
      "Only the course's instructors can set its weekly hours",
    );
    const body = parseInput(setHourBudgetRequestSchema, req.body);
    res.json(
      (await ctx.hourQuotas.setBudget(
        courseId,
        body,
        caller.userEntityRef,
        now,
      )) satisfies CourseHourBudget,
    );
  });

  router.post(`${base}/grants`, json, async (req, res) => {
    const now = new Date();
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      MANAGE,
      "Only the course's instructors can grant extra hours",
    );
    const body = parseInput(hourGrantRequestSchema, req.body);
    const entry = (await readRoster(ctx, caller.credentials, courseId)).find(
      e =>
        e.role === 'student' && userEntityRefFor(e.username) === body.student,
    );
    if (!entry) {
      throw new InputError(
        `${body.student} is not a student of this course; extra hours go to its students`,
      );
    }
    await ctx.hourQuotas.grant(courseId, body, caller.userEntityRef, now);
    res.json({
      ...(await ctx.hourQuotas.usage(body.student, courseId, now)),
      student: body.student,
      displayName: entry.displayName,
    } satisfies StudentHourUsage);
  });

  router.get('/hour-defaults', async (req, res) => {
    await getCaller(ctx, req);
    res.json((await ctx.hourQuotas.defaults()) satisfies HourQuotaDefaults);
  });

  router.put('/hour-defaults', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    await requireAllowed(
      ctx,
      caller.credentials,
      desktopHourDefaultsManagePermission,
    );
    const body = parseInput(hourQuotaDefaultsRequestSchema, req.body);
    res.json(
      (await ctx.hourQuotas.setDefaults(
        body,
        caller.userEntityRef,
        new Date(),
      )) satisfies HourQuotaDefaults,
    );
  });
}
