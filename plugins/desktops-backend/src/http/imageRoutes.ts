import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { Router, RequestHandler } from 'express';
import {
  buildImageRequestSchema,
  desktopImageBuildPermission,
  desktopListAllPermission,
  desktopSavePermission,
  ImageSave,
  SavedImage,
  saveImageRequestSchema,
} from '@internal/backstage-plugin-desktops-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { z } from 'zod';
import { loadRequestedDesktop, requireAllowed } from './authorize';
import { RouteContext } from './context';
import { Caller, getCaller } from './identity';

const uuidParam = z.uuid('Not a valid id');

/**
 * Saved images: save a desktop, build an image, list and delete one's own
 * images, and follow a save. Images are their owner's: anyone else (bar
 * admins) gets 404 for them, so ids reveal nothing.
 */
export function addImageRoutes(
  router: Router,
  ctx: RouteContext,
  json: RequestHandler,
) {
  router.post('/desktops/:id/image', json, async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopSavePermission,
    );
    const body = parseInput(saveImageRequestSchema, req.body);
    const save = await ctx.images.startSave(desktop, body);
    res.status(202).json({ save } satisfies { save: ImageSave });
  });

  router.post('/saved-images/build', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    await requireAllowed(ctx, caller.credentials, desktopImageBuildPermission);
    const body = parseInput(buildImageRequestSchema, req.body);
    const save = await ctx.images.startBuild(caller.userEntityRef, body);
    res.status(202).json({ save } satisfies { save: ImageSave });
  });

  router.get('/image-saves/:saveId', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const id = parseInput(uuidParam, req.params.saveId);
    const save = ctx.saves.get(id);
    if (save.owner !== caller.userEntityRef) {
      throw new NotFoundError('No such save');
    }
    res.json({ save } satisfies { save: ImageSave });
  });

  router.get('/saved-images', async (req, res) => {
    const caller = await getCaller(ctx, req);
    res.json({
      items: await ctx.images.listByOwner(caller.userEntityRef),
      saves: ctx.saves
        .listByOwner(caller.userEntityRef)
        .filter(s => s.state !== 'succeeded'),
    } satisfies ListResponse<SavedImage> & { saves: ImageSave[] });
  });

  router.get('/saved-images/:imageId', async (req, res) => {
    const caller = await getCaller(ctx, req);
    res.json(await loadOwnImage(ctx, caller, req.params.imageId));
  });

  router.delete('/saved-images/:imageId', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const image = await loadOwnImage(ctx, caller, req.params.imageId);
    await ctx.images.delete(image);
    res.status(204).end();
  });
}

/** A saved image the caller owns (admins: any), else 404. */
export async function loadOwnImage(
  ctx: RouteContext,
  caller: Caller,
  rawId: string,
): Promise<SavedImage> {
  const id = parseInput(uuidParam, rawId);
  const image = await ctx.images.find(id);
  if (
    !image ||
    (image.owner !== caller.userEntityRef &&
      !(await isAdmin(ctx, caller.credentials)))
  ) {
    throw new NotFoundError('No such image');
  }
  return image;
}

/** Admins (who may list every desktop) may also see every image. */
async function isAdmin(
  ctx: RouteContext,
  credentials: BackstageCredentials,
): Promise<boolean> {
  return ctx.decisions.allows(credentials, desktopListAllPermission);
}
