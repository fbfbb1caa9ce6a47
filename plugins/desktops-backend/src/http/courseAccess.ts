import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RosterEntry } from '@internal/backstage-plugin-courses-common';
import {
  createPluginFetch,
  parseInput,
} from '@internal/backstage-plugin-labstage-node';
import { Request } from 'express';
import { z } from 'zod';
import { RouteContext } from './context';
import { getCaller } from './identity';

export const courseIdParam = z.uuid('Not a valid course id');

/**
 * Requires a course permission (declared by the courses plugin) on one
 * course. The permission framework asks the courses plugin to apply the
 * policy's conditions (instructor, member) to its own course, so the
 * desktops plugin never keeps a copy of who is in which course.
 */
export async function requireCoursePermission(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'course'>,
  courseId: string,
  refusal: string,
): Promise<void> {
  const [decision] = await ctx.permissions.authorize(
    [{ permission, resourceRef: courseId }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
}

/** The course's roster, read from the courses plugin as the caller. */
export async function readRoster(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courseId: string,
): Promise<RosterEntry[]> {
  const coursesFetch = createPluginFetch(ctx.discovery, ctx.auth, 'courses', {
    onBehalfOf: credentials,
  });
  const response = await coursesFetch(
    `/courses/${encodeURIComponent(courseId)}/roster`,
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return ((await response.json()) as { items: RosterEntry[] }).items;
}

/** The caller and the `:courseId` they may do `permission` on (else 403). */
export async function callerWithCoursePermission(
  ctx: RouteContext,
  req: Request,
  permission: ResourcePermission<'course'>,
  refusal: string,
) {
  const caller = await getCaller(ctx, req);
  const courseId = parseInput(courseIdParam, req.params.courseId);
  await requireCoursePermission(
    ctx,
    caller.credentials,
    permission,
    courseId,
    refusal,
  );
  return { caller, courseId };
}
