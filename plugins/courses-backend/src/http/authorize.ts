import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RouteContext } from './context';
import { Caller } from './identity';
import { CourseRecord } from '../store';
import { courseResources } from './permissionResources';

export async function requireAllowed(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<void> {
  if (!(await ctx.decisions.allows(credentials, permission))) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/**
 * Evaluates several course permissions for one course at once; conditional
 * decisions are applied to the course's current membership.
 */
async function courseDecisions<P extends ResourcePermission<'course'>>(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  course: CourseRecord,
  permissions: P[],
): Promise<Map<string, boolean>> {
  const allowed = await ctx.courseAuthorizer.authorize(
    credentials,
    permissions.map(permission => ({ permission, resourceRef: course.id })),
    await courseResources(ctx.store, [course]),
  );
  return new Map(
    permissions.map((permission, i) => [permission.name, allowed[i]]),
  );
}

/**
 * Several permissions for many courses at once (one policy question per
 * permission, and the courses loaded once); returns, per permission name,
 * the allowed course ids.
 */
export async function allowedCourseIdsByPermission(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courses: CourseRecord[],
  permissions: ResourcePermission<'course'>[],
): Promise<Map<string, Set<string>>> {
  const allowed = new Map(permissions.map(p => [p.name, new Set<string>()]));
  const requests = permissions.flatMap(permission =>
    courses.map(c => ({ permission, resourceRef: c.id })),
  );
  if (requests.length === 0) return allowed;
  const decisions = await ctx.courseAuthorizer.authorize(
    credentials,
    requests,
    await courseResources(ctx.store, courses),
  );
  requests.forEach((request, i) => {
    if (decisions[i]) {
      allowed.get(request.permission.name)!.add(request.resourceRef);
    }
  });
  return allowed;
}

/** The same permission for many courses at once; returns the allowed ids. */
export async function allowedCourseIds(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  courses: CourseRecord[],
  permission: ResourcePermission<'course'>,
): Promise<Set<string>> {
  const allowed = await allowedCourseIdsByPermission(
    ctx,
    credentials,
    courses,
    [permission],
  );
  return allowed.get(permission.name)!;
}

/**
 * The caller's own courses on which `permission` is allowed, with the
 * decisions on `alsoAsk` for them, in one pass.
 */
export async function callerCoursesAllowing(
  ctx: RouteContext,
  caller: Caller,
  permission: ResourcePermission<'course'>,
  alsoAsk: ResourcePermission<'course'>[],
): Promise<{ courses: CourseRecord[]; allowed: Map<string, Set<string>> }> {
  const mine = caller.username
    ? await ctx.store.courses.listForUser(caller.username)
    : [];
  const allowed = await allowedCourseIdsByPermission(
    ctx,
    caller.credentials,
    mine,
    [permission, ...alsoAsk],
  );
  const permitted = allowed.get(permission.name)!;
  return { courses: mine.filter(c => permitted.has(c.id)), allowed };
}

/** The caller's own courses on which `permission` is allowed. */
export async function callerCoursesWith(
  ctx: RouteContext,
  caller: Caller,
  permission: ResourcePermission<'course'>,
): Promise<CourseRecord[]> {
  return (await callerCoursesAllowing(ctx, caller, permission, [])).courses;
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
  course: CourseRecord,
  required: P,
  also: P[] = [],
): Promise<Map<string, boolean>> {
  const decisions = await courseDecisions(ctx, credentials, course, [
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
  await requireCoursePermission(ctx, credentials, course, permission);
  return course;
}
