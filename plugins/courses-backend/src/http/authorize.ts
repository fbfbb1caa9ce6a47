import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RouteContext } from './context';
import { Caller } from './identity';
import { CourseRecord } from '../store';

/** Asks the permission framework about one basic permission. */
async function isAllowed(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<boolean> {
  const [decision] = await ctx.permissions.authorize([{ permission }], {
    credentials,
  });
  return decision.result === AuthorizeResult.ALLOW;
}

export async function requireAllowed(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<void> {
  if (!(await isAllowed(ctx, credentials, permission))) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/**
 * Evaluates several course permissions for one course in one call; the
 * resource ref is the course id, so conditional decisions are resolved by
 * the permission backend against the course's membership.
 */
async function courseDecisions<P extends ResourcePermission<'course'>>(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courseId: string,
  permissions: P[],
): Promise<Map<string, boolean>> {
  const decisions = await ctx.permissions.authorize(
    permissions.map(permission => ({ permission, resourceRef: courseId })),
    { credentials },
  );
  return new Map(
    permissions.map((permission, i) => [
      permission.name,
      decisions[i].result === AuthorizeResult.ALLOW,
    ]),
  );
}

/**
 * The same permission for many courses at once; returns the allowed ids.
 */
export async function allowedCourseIds(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courseIds: string[],
  permission: ResourcePermission<'course'>,
): Promise<Set<string>> {
  if (courseIds.length === 0) return new Set();
  const decisions = await ctx.permissions.authorize(
    courseIds.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  return new Set(
    courseIds.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/** The caller's own courses on which `permission` is allowed. */
export async function callerCoursesWith(
  ctx: RouteContext,
  caller: Caller,
  permission: ResourcePermission<'course'>,
): Promise<CourseRecord[]> {
  const mine = caller.username
    ? await ctx.store.courses.listForUser(caller.username)
    : [];
  const allowed = await allowedCourseIds(
    ctx,
    caller.credentials,
    mine.map(c => c.id),
    permission,
  );
  return mine.filter(c => allowed.has(c.id));
}

/** The course (404 if there is none). */
export async function requireCourse(
  ctx: RouteContext,
  courseId: string,
): Promise<CourseRecord> {
  const course = await ctx.store.courses.get(courseId);
  if (!course) {
    throw new NotFoundError('Course not found');
  }
  return course;
}

/**
 * Requires `required` on the course (403) and answers `also` in the same
 * permission call.
 */
export async function requireCoursePermission<
  P extends ResourcePermission<'course'>,
>(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courseId: string,
  required: P,
  also: P[] = [],
): Promise<Map<string, boolean>> {
  const decisions = await courseDecisions(ctx, credentials, courseId, [
    required,
    ...also,
  ]);
  if (!decisions.get(required.name)) {
    throw new NotAllowedError(`Not allowed: ${required.name}`);
  }
  return decisions;
}

/** Loads the course (404) and requires a course permission on it (403). */
export async function loadCourseWith(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courseId: string,
  permission: ResourcePermission<'course'>,
): Promise<CourseRecord> {
  const course = await requireCourse(ctx, courseId);
  await requireCoursePermission(ctx, credentials, courseId, permission);
  return course;
}
