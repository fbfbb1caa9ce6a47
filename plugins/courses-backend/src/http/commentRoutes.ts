import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  commentRequestSchema,
  coursePostCreatePermission,
} from '@internal/backstage-plugin-courses-common';
import express, { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { isAuthorOf } from '../service/authorship';
import { courseDecisions } from './authorize';
import { RouteContext } from './context';
import { displayNames } from '../service/displayNames';
import { getCaller, getLocalCaller } from './identity';
import { LockedError } from '../service/errors';
import { loadPostFor } from './postRoutes';
import { presentComment } from './presenters';

export function addCommentRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  const base = '/courses/:courseId/posts/:postId/comments';

  router.get(base, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    const comments = await ctx.store.comments.list(post.id);
    const names = await displayNames(
      ctx,
      comments.map(c => c.authorUsername),
    );
    res.json({
      items: comments.map(c =>
        presentComment(c, {
          names,
          callerUsername: caller.username,
          canModerate,
        }),
      ),
    });
  });

  router.post(base, json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    const decisions = await courseDecisions(
      ctx,
      caller.credentials,
      post.courseId,
      [coursePostCreatePermission],
    );
    if (!decisions.get(coursePostCreatePermission.name)) {
      throw new NotAllowedError(
        `Not allowed: ${coursePostCreatePermission.name}`,
      );
    }
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
    const names = await displayNames(ctx, [caller.username]);
    res.status(201).json(
      presentComment(comment, {
        names,
        callerUsername: caller.username,
        canModerate,
      }),
    );
  });

  router.patch(`${base}/:commentId`, json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    const comment = await ctx.store.comments.get(post.id, req.params.commentId);
    if (!comment) {
      throw new NotFoundError('Comment not found');
    }
    if (!isAuthorOf(caller.username, comment.authorUsername) && !canModerate) {
      throw new NotAllowedError(
        'Only the author or a moderator can edit this comment',
      );
    }
    const { body } = parseInput(commentRequestSchema, req.body);
    const updated = await ctx.store.comments.updateBody(
      post.id,
      comment.id,
      body,
    );
    const names = await displayNames(ctx, [comment.authorUsername]);
    res.json(
      presentComment(updated!, {
        names,
        callerUsername: caller.username,
        canModerate,
      }),
    );
  });

  router.delete(`${base}/:commentId`, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    const comment = await ctx.store.comments.get(post.id, req.params.commentId);
    if (!comment) {
      throw new NotFoundError('Comment not found');
    }
    if (!isAuthorOf(caller.username, comment.authorUsername) && !canModerate) {
      throw new NotAllowedError(
        'Only the author or a moderator can delete this comment',
      );
    }
    await ctx.store.comments.delete(post.id, comment.id);
    res.status(204).end();
  });
}
