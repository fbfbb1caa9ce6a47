import { NotAllowedError } from '@backstage/errors';
import {
  courseAnnouncementCreatePermission,
  courseContentReadPermission,
  coursePostCreatePermission,
  coursePostModeratePermission,
  createPostRequestSchema,
  listPostsQuerySchema,
  Page,
  Post,
  updatePostRequestSchema,
} from '@internal/backstage-plugin-courses-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import express, { Router } from 'express';
import { requireAuthorOrModerator } from '../service/authorship';
import { requireCourse, requireCoursePermission } from './authorize';
import { RouteContext } from './context';
import { getCaller, getLocalCaller } from './identity';
import { presentPost } from './presenters';
import { presentAuthored } from './presentAuthored';
import { loadPostFor } from './requestLoaders';

export function addPostRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/courses/:courseId/posts', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const course = await requireCourse(ctx, req.params.courseId);
    const decisions = await requireCoursePermission(
      ctx,
      caller.credentials,
      course,
      courseContentReadPermission,
      [coursePostModeratePermission],
    );
    const query = parseInput(listPostsQuerySchema, req.query);
    const { items, total } = await ctx.store.posts.list({
      courseId: course.id,
      ...query,
    });
    const page: Page<Post> = {
      items: await presentAuthored(
        ctx,
        caller,
        items,
        decisions.get(coursePostModeratePermission.name) ?? false,
        presentPost,
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
    res.json(page);
  });

  router.post('/courses/:courseId/posts', json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    const course = await requireCourse(ctx, req.params.courseId);
    const input = parseInput(createPostRequestSchema, req.body);
    // Which permission depends on the board, so the body is read first.
    const decisions = await requireCoursePermission(
      ctx,
      caller.credentials,
      course,
      input.board === 'announcements'
        ? courseAnnouncementCreatePermission
        : coursePostCreatePermission,
      [coursePostModeratePermission],
    );
    const post = await ctx.store.posts.create({
      courseId: course.id,
      board: input.board,
      title: input.title,
      body: input.body,
      authorUsername: caller.username,
    });
    const [presented] = await presentAuthored(
      ctx,
      caller,
      [post],
      decisions.get(coursePostModeratePermission.name) ?? false,
      presentPost,
    );
    res.status(201).json(presented);
  });

  router.patch('/courses/:courseId/posts/:postId', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(ctx, caller, req);
    const patch = parseInput(updatePostRequestSchema, req.body);
    const actor = { callerUsername: caller.username, canModerate };
    if (patch.title !== undefined || patch.body !== undefined) {
      requireAuthorOrModerator(actor, post.authorUsername, 'edit this post');
    }
    if (
      (patch.pinned !== undefined || patch.locked !== undefined) &&
      !canModerate
    ) {
      throw new NotAllowedError('Only moderators can pin or lock posts');
    }
    const updated = await ctx.store.posts.update(post.courseId, post.id, patch);
    const [presented] = await presentAuthored(
      ctx,
      caller,
      [updated!],
      canModerate,
      presentPost,
    );
    res.json(presented);
  });

  router.delete('/courses/:courseId/posts/:postId', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(ctx, caller, req);
    requireAuthorOrModerator(
      { callerUsername: caller.username, canModerate },
      post.authorUsername,
      'delete this post',
    );
    await ctx.store.posts.delete(post.courseId, post.id);
    res.status(204).end();
  });
}
