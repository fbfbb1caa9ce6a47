import {
  commentRequestSchema,
  coursePostCreatePermission,
} from '@internal/backstage-plugin-courses-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import express, { Router } from 'express';
import { LockedError } from '../service/errors';
import { requireCoursePermission } from './authorize';
import { RouteContext } from './context';
import { getCaller, getLocalCaller } from './identity';
import { presentComment } from './presenters';
import { presentAuthored } from './presentAuthored';
import { loadCommentToChange, loadPostFor } from './requestLoaders';
import type { Comment } from '@internal/backstage-plugin-courses-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

export function addCommentRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  const base = '/courses/:courseId/posts/:postId/comments';

  router.get(base, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(ctx, caller, req);
    const comments = await ctx.store.comments.list(post.id);
    res.json({
      items: await presentAuthored(
        ctx,
        caller,
        comments,
        canModerate,
        presentComment,
      ),
    } satisfies ListResponse<Comment>);
  });

  router.post(base, json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    const { post, course, canModerate } = await loadPostFor(ctx, caller, req);
    await requireCoursePermission(
      ctx,
      caller.credentials,
      course,
      coursePostCreatePermission,
    );
    const { body } = parseInput(commentRequestSchema, req.body);
    if (post.locked) {
      throw new LockedError(
        'This post is locked; new comments are not allowed',
      );
    }
    const comment = await ctx.store.comments.create({
      postId: post.id,
      body,
      authorUsername: caller.username,
    });
    const [presented] = await presentAuthored(
      ctx,
      caller,
      [comment],
      canModerate,
      presentComment,
    );
    res.status(201).json(presented);
  });

  router.patch(`${base}/:commentId`, json, async (req, res) => {
    const { caller, post, comment, canModerate } = await loadCommentToChange(
      ctx,
      req,
      'edit this comment',
    );
    const { body } = parseInput(commentRequestSchema, req.body);
    const updated = await ctx.store.comments.updateBody(
      post.id,
      comment.id,
      body,
    );
    const [presented] = await presentAuthored(
      ctx,
      caller,
      [updated!],
      canModerate,
      presentComment,
    );
    res.json(presented);
  });

  router.delete(`${base}/:commentId`, async (req, res) => {
    const { post, comment } = await loadCommentToChange(
      ctx,
      req,
      'delete this comment',
    );
    await ctx.store.comments.delete(post.id, comment.id);
    res.status(204).end();
  });
}
