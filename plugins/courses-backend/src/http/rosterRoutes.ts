import {
  addInstructorRequestSchema,
  courseRosterManagePermission,
  courseRosterReadPermission,
  courseUsernameSchema,
} from '@internal/backstage-plugin-courses-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import express, { Router } from 'express';
import { displayNames } from '../service/displayNames';
import { RouteContext } from './context';
import { presentRosterEntry } from './presenters';
import { callerAndCourse } from './requestLoaders';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import type { RosterEntry } from '@internal/backstage-plugin-courses-common';

export function addRosterRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/courses/:courseId/roster', async (req, res) => {
    const { course } = await callerAndCourse(
      ctx,
      req,
      courseRosterReadPermission,
    );
    const enrolments = await ctx.store.enrolments.listForCourse(course.id);
    const names = await displayNames(
      ctx,
      enrolments.map(e => e.username),
    );
    res.json({
      items: enrolments.map(e => presentRosterEntry(e, names)),
    } satisfies ListResponse<RosterEntry>);
  });

  router.delete('/courses/:courseId/roster/:username', async (req, res) => {
    const { course } = await callerAndCourse(
      ctx,
      req,
      courseRosterManagePermission,
    );
    const username = parseInput(courseUsernameSchema, req.params.username);
    await ctx.roster.remove(course.id, username);
    res.status(204).end();
  });

  router.post('/courses/:courseId/instructors', json, async (req, res) => {
    const { course } = await callerAndCourse(
      ctx,
      req,
      courseRosterManagePermission,
    );
    const { username } = parseInput(addInstructorRequestSchema, req.body);
    const { enrolment, displayName } = await ctx.roster.addInstructor(
      course.id,
      username,
    );
    res.json(presentRosterEntry(enrolment, new Map([[username, displayName]])));
  });
}
