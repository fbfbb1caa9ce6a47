import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  addInstructorRequestSchema,
  courseRosterManagePermission,
  courseRosterReadPermission,
  courseUsernameSchema,
} from '@internal/backstage-plugin-courses-common';
import express, { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { loadCourseWith } from './authorize';
import { RouteContext } from './context';
import { displayNames } from '../service/displayNames';
import { getCaller } from './identity';
import { presentRosterEntry } from './presenters';

export function addRosterRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/courses/:courseId/roster', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const course = await loadCourseWith(
      ctx,
      caller.credentials,
      req.params.courseId,
      courseRosterReadPermission,
    );
    const enrolments = await ctx.store.enrolments.listForCourse(course.id);
    const names = await displayNames(
      ctx,
      enrolments.map(e => e.username),
    );
    res.json({ items: enrolments.map(e => presentRosterEntry(e, names)) });
  });

  router.delete('/courses/:courseId/roster/:username', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const course = await loadCourseWith(
      ctx,
      caller.credentials,
      req.params.courseId,
      courseRosterManagePermission,
    );
    const username = parseInput(courseUsernameSchema, req.params.username);
    const enrolment = await ctx.store.enrolments.get(course.id, username);
    if (!enrolment) {
      throw new NotFoundError(`${username} is not enrolled in this course`);
    }
    if (
      enrolment.role === 'instructor' &&
      (await ctx.store.enrolments.countInstructors(course.id)) <= 1
    ) {
      throw new ConflictError('Cannot remove the last instructor of a course');
    }
    await ctx.store.enrolments.remove(course.id, username);
    res.status(204).end();
  });

  router.post('/courses/:courseId/instructors', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const course = await loadCourseWith(
      ctx,
      caller.credentials,
      req.params.courseId,
      courseRosterManagePermission,
    );
    const { username } = parseInput(addInstructorRequestSchema, req.body);
    const user = await ctx.directory.getUser(username);
    if (!user) {
      throw new NotFoundError(`No account named ${username}`);
    }
    if (user.disabled) {
      throw new InputError(`The account ${username} is disabled`);
    }
    const enrolment = await ctx.store.enrolments.setInstructor(
      course.id,
      username,
    );
    const names = new Map([[username, user.displayName || username]]);
    res.json(presentRosterEntry(enrolment, names));
  });
}
