import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { courseUpdatePermission } from '@internal/backstage-plugin-courses-common';
import {
  controlGrantRequestSchema,
  desktopControlPermission,
  desktopListAllPermission,
  desktopShareManagePermission,
  desktopViewPermission,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RequestHandler, Router } from 'express';
import { DesktopRecord } from '../store';
import { loadDesktopWith, loadRequestedDesktop } from './authorize';
import { RouteContext } from './context';

/**
 * The control hand-off and presence routes. Each answers with the
 * desktop's presence after the change (the same object the live signal
 * carries), so a viewer can update without waiting for the signal.
 */
export function addControlRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.get('/desktops/:id/presence', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopViewPermission,
    );
    res.json(await ctx.presence.presence(desktop.id, desktop.owner));
  });

  // A controller asks the owner for the control.
  router.post('/desktops/:id/control/request', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopControlPermission,
    );
    requireRunning(desktop);
    await ctx.handOff.request(desktop, caller.userEntityRef);
    res.json(await ctx.presence.presence(desktop.id, desktop.owner));
  });

  // The owner hands the control to someone who asked (one click).
  router.post('/desktops/:id/control/grant', json, async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopControlPermission,
    );
    // Deciding who else may type is the owner's, as deciding who is invited.
    await loadDesktopWith(
      ctx,
      caller.credentials,
      desktop.id,
      desktopShareManagePermission,
    );
    const { userEntityRef } = parseInput(controlGrantRequestSchema, req.body);
    requireRunning(desktop);
    await ctx.handOff.grant(desktop, caller.userEntityRef, userEntityRef);
    res.json(await ctx.presence.presence(desktop.id, desktop.owner));
  });

  // The owner takes the control back, or the holder gives it up (or an
  // asker withdraws the request).
  router.post('/desktops/:id/control/release', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopControlPermission,
    );
    await ctx.handOff.release(desktop, caller.userEntityRef);
    res.json(await ctx.presence.presence(desktop.id, desktop.owner));
  });

  // An instructor of the course, or an admin, takes the control directly.
  router.post('/desktops/:id/control/take', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopControlPermission,
    );
    if (caller.userEntityRef === desktop.owner) {
      throw new ConflictError(
        'You own this desktop: your input always reaches it',
      );
    }
    if (!(await teachesOrAdministers(ctx, caller.credentials, desktop))) {
      throw new NotAllowedError(
        'Only an instructor of the course or an admin can take control; ask the owner for it instead',
      );
    }
    requireRunning(desktop);
    await ctx.handOff.take(desktop, caller.userEntityRef);
    res.json(await ctx.presence.presence(desktop.id, desktop.owner));
  });
}

function requireRunning(desktop: DesktopRecord) {
  if (desktop.state !== 'running') {
    throw new ConflictError(
      `The desktop is ${desktop.state}; the control is handed over only while it runs`,
    );
  }
}

/**
 * True for an admin, and for an instructor of the desktop's course (who
 * may update that course: the courses plugin applies the policy's
 * instructor condition to its own course). A shared controller is neither.
 */
async function teachesOrAdministers(
  ctx: RouteContext,
  credentials: BackstageCredentials,
  desktop: DesktopRecord,
): Promise<boolean> {
  // Only admins may list every desktop.
  if (await ctx.decisions.allows(credentials, desktopListAllPermission)) {
    return true;
  }
  if (!desktop.courseId) return false;
  const [decision] = await ctx.permissions.authorize(
    [{ permission: courseUpdatePermission, resourceRef: desktop.courseId }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
