import { desktopFilesPermission } from '@internal/backstage-plugin-desktops-common';
import { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError } from '@internal/backstage-plugin-desktops-node';
import { loadDesktopWith } from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';
import { downloadQuerySchema, parse, uploadQuerySchema } from './validate';

/** `attachment` with an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(
    name,
  ).replace(/['()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

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
      const caller = await getCaller(ctx, req);
      const desktop = await loadDesktopWith(
        ctx,
        caller.credentials,
        req.params.id,
        desktopFilesPermission,
      );
      const { name } = parse(uploadQuerySchema, req.query);
      const maxBytes = ctx.settings.files.maxUploadBytes;
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > maxBytes) {
        throw new FileTooLargeError(maxBytes);
      }
      const stored = await ctx.runtime.uploadFile(desktop.id, {
        name,
        content: req,
        maxBytes,
      });
      res.status(201).json({ name: stored.name, size: stored.size });
    } catch (error) {
      if (!req.complete) abandonBody(req, res);
      throw error;
    }
  });

  router.get('/desktops/:id/files', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const desktop = await loadDesktopWith(
      ctx,
      caller.credentials,
      req.params.id,
      desktopFilesPermission,
    );
    const { path } = parse(downloadQuerySchema, req.query);
    const file = await ctx.runtime.downloadFile(desktop.id, path, {
      maxBytes: ctx.settings.files.maxDownloadBytes,
    });
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
