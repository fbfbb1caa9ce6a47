import { ConflictError, NotAllowedError } from '@backstage/errors';
import { Request, Router } from 'express';
import { userEntityRefFor } from '@internal/backstage-plugin-accounts-common';
import { courseRosterReadPermission } from '@internal/backstage-plugin-courses-common';
import {
  ClassroomResponse,
  classroomQuerySchema,
  ClassroomSeat,
  DesktopHandResponse,
  desktopHandPermission,
  desktopReadPermission,
  desktopViewPermission,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { z } from 'zod';
import { lastActiveAt } from '../service/activityTimes';
import { DesktopRecord } from '../store';
import { loadRequestedDesktop } from './authorize';
import { RouteContext } from './context';
import { readRoster, requireCoursePermission } from './courseAccess';
import { getCaller } from './identity';

const courseIdParam = z.uuid('Not a valid course id');

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

function seatOf(
  student: { username: string; displayName: string },
  desktop: DesktopRecord | undefined,
  handRaisedAt: string | null,
  now: number,
): ClassroomSeat {
  const running = desktop?.state === 'running';
  const activeAt = desktop ? lastActiveAt(desktop) : null;
  return {
    userEntityRef: userEntityRefFor(student.username),
    username: student.username,
    displayName: student.displayName,
    desktop: desktop
      ? {
          id: desktop.id,
          name: desktop.name,
          state: desktop.state,
          stateReason: desktop.stateReason,
          lastActiveAt: activeAt,
        }
      : null,
    handRaisedAt,
    idleMinutes:
      running && activeAt
        ? Math.max(0, Math.floor((now - Date.parse(activeAt)) / 60_000))
        : null,
    thumbnailPath:
      desktop && running ? `/desktops/${desktop.id}/thumbnail` : null,
  };
}

/** Whether the request's If-None-Match names `etag`. */
function matchesEtag(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map(tag => tag.trim())
    .some(tag => tag === etag || tag === '*' || tag === `W/${etag}`);
}

/**
 * The instructor's classroom: every enrolled student with their course
 * desktop, raised hand and idleness; live thumbnails made on the server;
 * raising and lowering hands.
 */
export function addClassroomRoutes(router: Router, ctx: RouteContext) {
  router.get('/courses/:courseId/classroom', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const courseId = parseInput(courseIdParam, req.params.courseId);
    await requireCoursePermission(
      ctx,
      caller.credentials,
      courseRosterReadPermission,
      courseId,
      "Only the course's instructors can open its classroom",
    );
    const { state } = parseInput(classroomQuerySchema, req.query);
    const [roster, desktops] = await Promise.all([
      readRoster(ctx, caller.credentials, courseId),
      ctx.environments.courseDesktops(courseId),
    ]);
    const hands = await ctx.hands.forDesktops(desktops.map(d => d.id));
    const now = Date.now();
    const seats = roster
      .filter(entry => entry.role === 'student')
      .map(student => {
        const ref = userEntityRefFor(student.username);
        const desktop = desktops.find(d => sameUser(d.owner, ref));
        const hand = desktop ? hands.get(desktop.id) : undefined;
        return seatOf(student, desktop, hand?.raisedAt ?? null, now);
      })
      .filter(
        seat =>
          state === undefined || (seat.desktop?.state ?? 'none') === state,
      )
      .sort(
        (a, b) =>
          a.displayName.localeCompare(b.displayName) ||
          a.username.localeCompare(b.username),
      );
    res.json({ items: seats } satisfies ClassroomResponse);
  });

  router.get('/desktops/:id/thumbnail', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopViewPermission,
    );
    if (desktop.state !== 'running') {
      throw new ConflictError(
        `The desktop is ${desktop.state}, not running, so there is no picture of it`,
      );
    }
    const thumbnail = await ctx.thumbnails.latest(desktop.id);
    res.set({
      'Cache-Control': 'no-store',
      ETag: thumbnail.etag,
      'X-Thumbnail-Frame': String(thumbnail.frame),
      'X-Thumbnail-Captured-At': thumbnail.capturedAt,
    });
    if (matchesEtag(req, thumbnail.etag)) {
      res.status(304).end();
      return;
    }
    res.type(thumbnail.contentType).send(thumbnail.image);
  });

  router.get('/desktops/:id/hand', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopReadPermission,
    );
    res.json({
      hand: (await ctx.hands.get(desktop.id)) ?? null,
    } satisfies DesktopHandResponse);
  });

  router.post('/desktops/:id/hand', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopHandPermission,
    );
    // The policy lets instructors lower hands; raising is the owner's own.
    if (!sameUser(caller.userEntityRef, desktop.owner)) {
      throw new NotAllowedError("Only the desktop's owner can raise its hand");
    }
    const hand = await ctx.hands.raise(desktop, caller.userEntityRef);
    res.json({ hand } satisfies DesktopHandResponse);
  });

  router.delete('/desktops/:id/hand', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopHandPermission,
    );
    await ctx.hands.lower(desktop, caller.userEntityRef);
    res.status(204).end();
  });
}
