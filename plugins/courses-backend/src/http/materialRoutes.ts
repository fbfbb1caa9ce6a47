import {
  courseContentReadPermission,
  courseMaterialManagePermission,
  uploadMaterialQuerySchema,
} from '@internal/backstage-plugin-courses-common';
import { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { ByteLimitTransform, tooLarge } from '../materials/ByteLimitTransform';
import {
  contentDisposition,
  parseInput,
  sanitizeFileName,
} from '@internal/backstage-plugin-labstage-node';
import { newId } from '../store/ids';
import { RouteContext } from './context';
import { presentMaterial } from './presenters';
import {
  callerAndCourse,
  loadMaterialWith,
  localCallerAndCourse,
} from './requestLoaders';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import type { Material } from '@internal/backstage-plugin-courses-common';

const MIME_PATTERN =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The declared content type without parameters, or octet-stream. */
export function uploadContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return MIME_PATTERN.test(type) ? type : 'application/octet-stream';
}

/** Stops reading the request and makes sure the connection is not reused. */
function abandonBody(req: Request, res: Response) {
  res.set('Connection', 'close');
  req.unpipe();
  req.resume();
}

export function addMaterialRoutes(router: Router, ctx: RouteContext) {
  router.get('/courses/:courseId/materials', async (req, res) => {
    const { course } = await callerAndCourse(
      ctx,
      req,
      courseContentReadPermission,
    );
    const materials = await ctx.store.materials.list(course.id);
    res.json({
      items: materials.map(presentMaterial),
    } satisfies ListResponse<Material>);
  });

  /**
   * Raw request body, streamed to storage through a byte counter. Never
   * buffered; nothing is kept (file or row) unless the whole upload fits.
   */
  router.post('/courses/:courseId/materials', async (req, res) => {
    try {
      const { caller, course } = await localCallerAndCourse(
        ctx,
        req,
        courseMaterialManagePermission,
      );
      const { filename } = parseInput(uploadMaterialQuerySchema, req.query);
      const max = ctx.maxMaterialBytes;
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > max) {
        throw tooLarge(max);
      }

      const id = newId();
      const storageKey = newId();
      const contentType = uploadContentType(req.headers['content-type']);
      const limiter = new ByteLimitTransform(max);
      const onAborted = () =>
        limiter.destroy(new Error('Upload aborted by the client'));
      req.once('aborted', onAborted);
      req.once('error', onAborted);
      req.pipe(limiter);
      try {
        await ctx.storage.put(storageKey, limiter, contentType);
      } catch (error) {
        await ctx.storage.delete(storageKey).catch(() => undefined);
        if (limiter.exceeded) {
          throw tooLarge(max);
        }
        throw error;
      } finally {
        req.off('aborted', onAborted);
        req.off('error', onAborted);
      }
      if (limiter.exceeded) {
        await ctx.storage.delete(storageKey).catch(() => undefined);
        throw tooLarge(max);
      }

      try {
        const material = await ctx.store.materials.insert({
          id,
          courseId: course.id,
          filename: sanitizeFileName(filename),
          storageKey,
          size: limiter.bytes,
          contentType,
          uploadedBy: caller.username,
        });
        res.status(201).json(presentMaterial(material));
      } catch (error) {
        await ctx.storage.delete(storageKey).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (!req.complete) {
        abandonBody(req, res);
      }
      throw error;
    }
  });

  router.get(
    '/courses/:courseId/materials/:materialId/content',
    async (req, res) => {
      const { material } = await loadMaterialWith(
        ctx,
        req,
        courseContentReadPermission,
      );
      const stream = await ctx.storage.get(material.storageKey);
      res.status(200);
      res.set({
        'Content-Type': material.contentType,
        'Content-Length': String(material.size),
        'Content-Disposition': contentDisposition(material.filename),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
      });
      try {
        await pipeline(stream, res);
      } catch (error) {
        ctx.logger.warn(`Streaming material ${material.id} failed: ${error}`);
      }
    },
  );

  router.delete(
    '/courses/:courseId/materials/:materialId',
    async (req, res) => {
      const { course, material } = await loadMaterialWith(
        ctx,
        req,
        courseMaterialManagePermission,
      );
      await ctx.store.materials.delete(course.id, material.id);
      await ctx.storage
        .delete(material.storageKey)
        .catch(error =>
          ctx.logger.warn(
            `Could not remove stored material ${material.storageKey}: ${error}`,
          ),
        );
      res.status(204).end();
    },
  );
}
