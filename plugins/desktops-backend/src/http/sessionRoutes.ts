import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  courseContentReadPermission,
  courseEnvironmentManagePermission,
} from '@internal/backstage-plugin-courses-common';
import {
  cancelClassOccurrenceRequestSchema,
  ClassOccurrencesResponse,
  classOccurrencesQuerySchema,
  ClassSession,
  ClassSessionSaveResponse,
  ClassSessionsResponse,
  ClassSessionView,
  createClassSessionRequestSchema,
  sessionDateSchema,
  updateClassSessionRequestSchema,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { Request, RequestHandler, Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { courseTimeZone } from '../sessions/courseTimeZone';
import { nextOccurrence, occurrencesBetween } from '../sessions/occurrences';
import { RouteContext } from './context';
import { callerWithCoursePermission } from './courseAccess';

export type SessionRouteContext = RouteContext & { config: RootConfigService };

const sessionIdParam = z.uuid('Not a valid session id');

/** Who may read a course's schedule: its members (and admins). */
const READ = courseContentReadPermission;
/**
 * Who may change it: the course's instructors (and admins). Sessions warm
 * up and stop the course's desktops, which is what this permission guards.
 */
const MANAGE = courseEnvironmentManagePermission;
const MANAGE_REFUSAL = "Only the course's instructors can change its sessions";

/** The caller, the course and the course's zone, if `permission` allows. */
export async function courseScope(
  ctx: SessionRouteContext,
  req: Request,
  permission: ResourcePermission<'course'>,
  refusal: string,
) {
  const { caller, courseId } = await callerWithCoursePermission(
    ctx,
    req,
    permission,
    refusal,
  );
  const timeZone = await courseTimeZone(ctx, caller.credentials, courseId);
  return { caller, courseId, timeZone };
}

/** `:sessionId` of `:courseId`; a session of another course is not found. */
export async function loadSession(
  ctx: SessionRouteContext,
  req: Request,
  courseId: string,
): Promise<ClassSession> {
  const id = parseInput(sessionIdParam, req.params.sessionId);
  const session = await ctx.sessions.get(id);
  if (!session || session.courseId !== courseId) {
    throw new NotFoundError(`This course has no session ${id}`);
  }
  return session;
}

function present(
  session: ClassSession,
  timeZone: string,
  now: Date,
): ClassSessionView {
  return {
    ...session,
    nextOccurrence: nextOccurrence(session, timeZone, now) ?? null,
  };
}

/**
 * Whether the series meets on local `date`, cancellations aside (a
 * cancelled meeting is still one the schedule has): one of its meetings
 * from that local day on was scheduled on it. The window runs a day
 * longer because a DST gap can push a late start past midnight.
 */
function meetsOn(session: ClassSession, timeZone: string, date: string) {
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return occurrencesBetween(
    { ...session, cancelledDates: [] },
    timeZone,
    day,
    day.plus({ days: 2 }),
  ).some(o => o.date === date);
}

function notMeetingError(
  session: ClassSession,
  date: string,
  action: 'cancelled' | 'restored',
) {
  return new InputError(
    `"${session.title}" does not meet on ${date}; only a date it meets on can be ${action}`,
  );
}

/**
 * Class sessions of a course: its members read the schedule; its
 * instructors (and admins) create, change, delete and cancel meetings.
 * Times are in the course's zone.
 */
export function addSessionRoutes(
  router: Router,
  ctx: SessionRouteContext,
  json: RequestHandler,
) {
  const base = '/courses/:courseId/sessions';

  router.get(base, async (req, res) => {
    const now = new Date();
    const { courseId, timeZone } = await courseScope(
      ctx,
      req,
      READ,
      'Only members of the course can see its sessions',
    );
    const sessions = await ctx.sessions.listForCourse(courseId);
    res.json({
      items: sessions.map(s => present(s, timeZone, now)),
      timeZone,
    } satisfies ClassSessionsResponse);
  });

  router.get(`${base}/occurrences`, async (req, res) => {
    const { courseId, timeZone } = await courseScope(
      ctx,
      req,
      READ,
      'Only members of the course can see its sessions',
    );
    const { from, to } = parseInput(classOccurrencesQuerySchema, req.query);
    const sessions = await ctx.sessions.listForCourse(courseId);
    const items = sessions
      .flatMap(s => occurrencesBetween(s, timeZone, from, to))
      .sort(
        (a, b) =>
          a.start.localeCompare(b.start) ||
          a.sessionId.localeCompare(b.sessionId),
      );
    res.json({ items, timeZone } satisfies ClassOccurrencesResponse);
  });

  router.post(base, json, async (req, res) => {
    const now = new Date();
    const { caller, courseId, timeZone } = await courseScope(
      ctx,
      req,
      MANAGE,
      "Only the course's instructors can schedule its sessions",
    );
    const body = parseInput(createClassSessionRequestSchema, req.body);
    const session = await ctx.sessions.create({
      ...body,
      courseId,
      createdBy: caller.userEntityRef,
    });
    res.status(201).json({
      ...present(session, timeZone, now),
      ...(await ctx.capacity.warningOnSave(session)),
    } satisfies ClassSessionSaveResponse);
  });

  router.patch(`${base}/:sessionId`, json, async (req, res) => {
    const now = new Date();
    const { courseId, timeZone } = await courseScope(
      ctx,
      req,
      MANAGE,
      MANAGE_REFUSAL,
    );
    const session = await loadSession(ctx, req, courseId);
    const update = parseInput(updateClassSessionRequestSchema, req.body);
    const updated = await ctx.sessions.update(session.id, update);
    if (!updated) throw new NotFoundError('The session was just deleted');
    res.json({
      ...present(updated, timeZone, now),
      ...(await ctx.capacity.warningOnSave(updated)),
    } satisfies ClassSessionSaveResponse);
  });

  router.delete(`${base}/:sessionId`, async (req, res) => {
    const { courseId } = await callerWithCoursePermission(
      ctx,
      req,
      MANAGE,
      MANAGE_REFUSAL,
    );
    const session = await loadSession(ctx, req, courseId);
    await ctx.sessions.delete(session.id);
    res.status(204).end();
  });

  router.post(`${base}/:sessionId/cancellations`, json, async (req, res) => {
    const now = new Date();
    const { courseId, timeZone } = await courseScope(
      ctx,
      req,
      MANAGE,
      MANAGE_REFUSAL,
    );
    const session = await loadSession(ctx, req, courseId);
    const { date } = parseInput(cancelClassOccurrenceRequestSchema, req.body);
    if (!meetsOn(session, timeZone, date)) {
      throw notMeetingError(session, date, 'cancelled');
    }
    const updated = await ctx.sessions.cancelOccurrence(session.id, date);
    if (!updated) throw new NotFoundError('The session was just deleted');
    res.json(present(updated, timeZone, now) satisfies ClassSessionView);
  });

  router.delete(`${base}/:sessionId/cancellations/:date`, async (req, res) => {
    const now = new Date();
    const { courseId, timeZone } = await courseScope(
      ctx,
      req,
      MANAGE,
      MANAGE_REFUSAL,
    );
    const session = await loadSession(ctx, req, courseId);
    const date = parseInput(sessionDateSchema, req.params.date);
    // A cancellation the schedule no longer meets on (it was changed
    // since) can still be taken back, to clear it.
    if (
      !session.cancelledDates.includes(date) &&
      !meetsOn(session, timeZone, date)
    ) {
      throw notMeetingError(session, date, 'restored');
    }
    const updated = await ctx.sessions.restoreOccurrence(session.id, date);
    if (!updated) throw new NotFoundError('The session was just deleted');
    res.json(present(updated, timeZone, now) satisfies ClassSessionView);
  });
}
