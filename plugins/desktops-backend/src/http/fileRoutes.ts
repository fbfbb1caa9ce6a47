import { desktopFilesPermission } from '@internal/backstage-plugin-desktops-common';
import {
  contentDisposition,
  parseInput,
} from '@internal/backstage-plugin-labstage-node';
import { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { loadRequestedDesktop } from './authorize';
import { RouteContext } from './context';
import { downloadQuerySchema, uploadQuerySchema } from './requestSchemas';
import type { UploadedFile } from '@internal/backstage-plugin-desktops-common';

/** Stops reading the request and makes sure the connection is not reused. */
function abandonBody(req: Request, res: Response) {
  res.set('Connection', 'close');
  req.unpipe();
  req.resume();
}

export function addFileRoutes(router: Router, ctx: RouteContext) {
  /** Raw body, streamed into ~/Uploads; never buffered here. */
  router.put('/desktops/:id/files', async (req, res) => {
    try {
      const { desktop } = await loadRequestedDesktop(
        ctx,
        req,
        desktopFilesPermission,
      );
      const { name } = parseInput(uploadQuerySchema, req.query);
      const declared = req.headers['content-length'];
      const stored = await ctx.service.uploadFile(desktop.id, {
        name,
        content: req,
        declaredBytes: declared === undefined ? undefined : Number(declared),
      });
      res
        .status(201)
        .json({ name: stored.name, size: stored.size } satisfies UploadedFile);
    } catch (error) {
      if (!req.complete) abandonBody(req, res);
      throw error;
    }
  });

  router.get('/desktops/:id/files', async (req, res) => {
    const { desktop } = await loadRequestedDesktop(
      ctx,
      req,
      desktopFilesPermission,
    );
    const { path } = parseInput(downloadQuerySchema, req.query);
    const file = await ctx.service.downloadFile(desktop.id, path);
    res.status(200);
    res.set({
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    try {
      await pipeline(file.content, res);
    } catch (error) {
      ctx.logger.warn(
        `Streaming ${path} of desktop ${desktop.id} failed: ${error}`,
      );
    }
  });
}
