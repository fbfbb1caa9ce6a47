import { Router, RequestHandler } from 'express';
import {
  createDesktopRequestSchema,
  desktopCreatePermission,
  desktopDeletePermission,
  desktopListAllPermission,
  desktopOperatePermission,
  desktopReadPermission,
  desktopUpdatePermission,
  DesktopImage,
  DesktopListResponse,
  updateDesktopRequestSchema,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { presentDesktop } from '../service/presentDesktop';
import {
  filterReadable,
  loadRequestedDesktop,
  requireAllowed,
} from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';
import { listQuerySchema } from './requestSchemas';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

export function addDesktopRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.get('/images', async (req, res) => {
    const caller = await getCaller(ctx, req);
    // The catalog is what the caller could launch.
    await requireAllowed(ctx, caller.credentials, desktopCreatePermission);
    res.json({
      items: ctx.catalog.list(),
    } satisfies ListResponse<DesktopImage>);
  });

  router.get('/desktops', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { scope } = parseInput(listQuerySchema, req.query);
    let desktops;
    if (scope === 'all') {
      await requireAllowed(ctx, caller.credentials, desktopListAllPermission);
      desktops = await ctx.service.listAll();
    } else {
      desktops = await filterReadable(
        ctx,
        caller.credentials,
        await ctx.service.listMine(caller.userEntityRef),
      );
    }
    res.json({
      items: desktops.map(presentDesktop),
      quota: await ctx.service.quota(caller.userEntityRef),
    } satisfies DesktopListResponse);
  });

  router.post('/desktops', json, async (req, res) => {
    const requestedAt = new Date();
    const caller = await getCaller(ctx, req);
    await requireAllowed(ctx, caller.credentials, desktopCreatePermission);
    const body = parseInput(createDesktopRequestSchema, req.body);
    const desktop = await ctx.service.create({
      owner: caller.userEntityRef,
      imageId: body.imageId,
      name: body.name,
      requestedAt,
    });
    res.status(202).json(presentDesktop(desktop));
  });

  router.get('/desktops/:id', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopReadPermission,
    );
    res.json(presentDesktop(desktop));
  });

  router.patch('/desktops/:id', json, async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopUpdatePermission,
    );
    const body = parseInput(updateDesktopRequestSchema, req.body);
    res.json(presentDesktop(await ctx.service.rename(desktop.id, body.name)));
  });

  router.delete('/desktops/:id', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopDeletePermission,
    );
    await ctx.service.delete(desktop.id, { by: caller.userEntityRef });
    res.status(204).end();
  });

  router.post('/desktops/:id/start', async (req, res) => {
    const requestedAt = new Date();
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopOperatePermission,
    );
    // A course desktop at its weekly hour limit stays stopped (409).
    if (desktop.courseId) {
      await ctx.hourQuotas.assertMayRun(
        desktop.owner,
        desktop.courseId,
        requestedAt,
      );
    }
    res
      .status(202)
      .json(presentDesktop(await ctx.service.start(desktop.id, requestedAt)));
  });

  router.post('/desktops/:id/stop', async (req, res) => {
    const { caller, desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopOperatePermission,
    );
    // Only an admin can stop someone else's desktop: logged before it is done.
    if (caller.userEntityRef !== desktop.owner) {
      await ctx.audit.append({
        action: 'desktop.stop',
        desktopId: desktop.id,
        desktopOwner: desktop.owner,
        actor: caller.userEntityRef,
        subject: desktop.owner,
      });
    }
    res.status(202).json(presentDesktop(await ctx.service.stop(desktop.id)));
  });
}
