import { InputError, NotAllowedError } from '@backstage/errors';
import { Router, RequestHandler } from 'express';
import {
  courseContentReadPermission,
  courseEnvironmentManagePermission,
  courseRosterReadPermission,
} from '@internal/backstage-plugin-courses-common';
import {
  cloneDesktopsRequestSchema,
  CourseEnvironment,
  CourseEnvironmentView,
  Desktop,
  desktopCreatePermission,
  desktopListAllPermission,
  desktopOperatePermission,
  publishEnvironmentRequestSchema,
} from '@internal/backstage-plugin-desktops-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { presentDesktop } from '../service/presentDesktop';
import { loadRequestedDesktop, requireAllowed } from './authorize';
import { RouteContext } from './context';
import {
  callerWithCoursePermission,
  courseIdParam,
  readRoster,
  requireCoursePermission,
} from './courseAccess';
import { getCaller } from './identity';
import { loadOwnImage } from './imageRoutes';

/**
 * Course environments: publish (instructors of the course), see and launch
 * (its members), the instructors' table of course desktops, updating a
 * course desktop to the newest version, and stopped copies for people.
 */
export function addEnvironmentRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.get('/courses/:courseId/environment', async (req, res) => {
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseContentReadPermission,
      'Only members of the course can see its environment',
    );
    const desktop = await ctx.environments.desktopOf(
      caller.userEntityRef,
      courseId,
    );
    res.json({
      environment: (await ctx.environments.current(courseId)) ?? null,
      desktop: desktop ? presentDesktop(desktop) : null,
    } satisfies CourseEnvironmentView);
  });

  router.post('/courses/:courseId/environment', json, async (req, res) => {
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseEnvironmentManagePermission,
      "Only the course's instructors can publish its environment",
    );
    const body = parseInput(publishEnvironmentRequestSchema, req.body);
    const environment = await ctx.environments.publish(
      courseId,
      caller.userEntityRef,
      body,
    );
    res.status(201).json({ environment } satisfies {
      environment: CourseEnvironment;
    });
  });

  router.get('/courses/:courseId/environment/versions', async (req, res) => {
    const { courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseEnvironmentManagePermission,
      "Only the course's instructors can see every environment version",
    );
    res.json({
      items: await ctx.environments.versions(courseId),
    } satisfies ListResponse<CourseEnvironment>);
  });

  router.post('/courses/:courseId/environment/launch', async (req, res) => {
    const requestedAt = new Date();
    const { caller, courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseContentReadPermission,
      'Only members of the course can launch its environment',
    );
    await requireAllowed(ctx, caller.credentials, desktopCreatePermission);
    const { desktop, created } = await ctx.environments.launch(
      caller.userEntityRef,
      courseId,
      requestedAt,
    );
    res.status(created ? 201 : 200).json(presentDesktop(desktop));
  });

  router.get('/courses/:courseId/desktops', async (req, res) => {
    const { courseId } = await callerWithCoursePermission(
      ctx,
      req,
      courseRosterReadPermission,
      "Only the course's instructors can see its students' desktops",
    );
    const desktops = await ctx.environments.courseDesktops(courseId);
    res.json({
      items: desktops.map(presentDesktop),
    } satisfies ListResponse<Desktop>);
  });

  router.post('/desktops/:id/update-environment', async (req, res) => {
    const requestedAt = new Date();
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopOperatePermission,
    );
    res.json(
      presentDesktop(await ctx.environments.update(desktop, requestedAt)),
    );
  });

  router.post('/desktops/clone', json, async (req, res) => {
    const requestedAt = new Date();
    const caller = await getCaller(ctx, req);
    const body = parseInput(cloneDesktopsRequestSchema, req.body);
    const image = await loadOwnImage(ctx, caller, body.imageId);
    let usernames: string[];
    if (body.courseId !== undefined) {
      const courseId = parseInput(courseIdParam, body.courseId);
      await requireCoursePermission(
        ctx,
        caller.credentials,
        courseEnvironmentManagePermission,
        courseId,
        "Only the course's instructors can give its students copies",
      );
      const roster = await readRoster(ctx, caller.credentials, courseId);
      const students = roster
        .filter(e => e.role === 'student')
        .map(e => e.username);
      const outside = (body.usernames ?? []).filter(
        u => !roster.some(e => e.username === u),
      );
      if (outside.length > 0) {
        throw new InputError(`Not in this course: ${outside.join(', ')}`);
      }
      usernames = body.usernames ?? students;
    } else {
      if (
        !(await ctx.decisions.allows(
          caller.credentials,
          desktopListAllPermission,
        ))
      ) {
        throw new NotAllowedError(
          'Only admins can give copies to people outside a course; name a course you teach',
        );
      }
      usernames = body.usernames ?? [];
      const unknown: string[] = [];
      for (const username of usernames) {
        const account = await ctx.directory.getUserByRef(
          `user:default/${username}`,
        );
        if (!account) unknown.push(username);
      }
      if (unknown.length > 0) {
        throw new InputError(`No such user: ${unknown.join(', ')}`);
      }
    }
    const { created, skipped } = await ctx.environments.clone({
      imageId: image.id,
      owners: usernames.map(u => `user:default/${u}`),
      courseId: body.courseId,
      requestedAt,
    });
    res.status(201).json({
      items: created.map(presentDesktop),
      skipped,
    } satisfies ListResponse<Desktop> & { skipped: string[] });
  });
}
