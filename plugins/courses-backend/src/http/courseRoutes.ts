import {
  Course,
  courseCreatePermission,
  courseListAllPermission,
  courseReadPermission,
  courseUpdatePermission,
  createCourseRequestSchema,
  joinCodeActionRequestSchema,
  joinCourseRequestSchema,
  listCoursesQuerySchema,
  updateCourseRequestSchema,
} from '@internal/backstage-plugin-courses-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import express, { Router } from 'express';
import { CourseRecord } from '../store';
import {
  allowedCourseIds,
  callerCoursesAllowing,
  requireAllowed,
} from './authorize';
import { RouteContext } from './context';
import { Caller, getCaller, getLocalCaller } from './identity';
import { presentCourse } from './presenters';
import { callerAndCourse, localCallerAndCourse } from './requestLoaders';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

/**
 * Courses as the caller sees them: role, and the join code if they may
 * update (asked here unless the caller already knows).
 */
async function presentCoursesFor(
  ctx: RouteContext,
  caller: Caller,
  courses: CourseRecord[],
  knownUpdatable?: Set<string>,
): Promise<Course[]> {
  const roles = new Map(
    caller.username
      ? (await ctx.store.enrolments.listForUser(caller.username)).map(e => [
          e.courseId,
          e.role,
        ])
      : [],
  );
  const updatable =
    knownUpdatable ??
    (await allowedCourseIds(
      ctx,
      caller.credentials,
      courses,
      courseUpdatePermission,
    ));
  return courses.map(course =>
    presentCourse(course, {
      myRole: roles.get(course.id) ?? null,
      canUpdate: updatable.has(course.id),
    }),
  );
}

async function presentOne(
  ctx: RouteContext,
  caller: Caller,
  course: CourseRecord,
): Promise<Course> {
  const [presented] = await presentCoursesFor(ctx, caller, [course]);
  return presented;
}

export function addCourseRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/courses', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { scope } = parseInput(listCoursesQuerySchema, req.query);
    let courses: CourseRecord[];
    let updatable: Set<string> | undefined;
    if (scope === 'all') {
      await requireAllowed(ctx, caller.credentials, courseListAllPermission);
      courses = await ctx.store.courses.listAll();
    } else {
      // Read and update decided in one permission call.
      const mine = await callerCoursesAllowing(
        ctx,
        caller,
        courseReadPermission,
        [courseUpdatePermission],
      );
      courses = mine.courses;
      updatable = mine.allowed.get(courseUpdatePermission.name);
    }
    res.json({
      items: await presentCoursesFor(ctx, caller, courses, updatable),
    } satisfies ListResponse<Course>);
  });

  router.post('/courses', json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    await requireAllowed(ctx, caller.credentials, courseCreatePermission);
    const input = parseInput(createCourseRequestSchema, req.body);
    const course = await ctx.store.courses.create({
      ...input,
      timeZone: input.timeZone ?? ctx.defaultTimeZone,
      instructor: caller.username,
    });
    res.status(201).json(await presentOne(ctx, caller, course));
  });

  router.get('/courses/:courseId', async (req, res) => {
    const { caller, course } = await callerAndCourse(
      ctx,
      req,
      courseReadPermission,
    );
    res.json(await presentOne(ctx, caller, course));
  });

  router.patch('/courses/:courseId', json, async (req, res) => {
    const { caller, course } = await callerAndCourse(
      ctx,
      req,
      courseUpdatePermission,
    );
    const patch = parseInput(updateCourseRequestSchema, req.body);
    const updated = await ctx.store.courses.update(course.id, patch);
    res.json(await presentOne(ctx, caller, updated!));
  });

  router.post('/courses/:courseId/join-code', json, async (req, res) => {
    const { caller, course } = await callerAndCourse(
      ctx,
      req,
      courseUpdatePermission,
    );
    const { action } = parseInput(joinCodeActionRequestSchema, req.body);
    const updated =
      action === 'regenerate'
        ? await ctx.store.courses.regenerateJoinCode(course.id)
        : await ctx.store.courses.setJoinCodeEnabled(
            course.id,
            action === 'enable',
          );
    res.json(await presentOne(ctx, caller, updated!));
  });

  router.post('/join', json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    const { code } = parseInput(joinCourseRequestSchema, req.body);
    const { course, created } = await ctx.roster.joinWithCode(
      code,
      caller.username,
    );
    res.status(created ? 201 : 200).json(await presentOne(ctx, caller, course));
  });

  router.delete('/courses/:courseId/enrolment', async (req, res) => {
    const { caller, course } = await localCallerAndCourse(
      ctx,
      req,
      courseReadPermission,
    );
    await ctx.roster.leave(course.id, caller.username);
    res.status(204).end();
  });
}
