import { NotAllowedError, NotFoundError } from '@backstage/errors';
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
import express, { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { isAuthorOf } from '../service/authorship';
import { courseDecisions, loadCourseWith } from './authorize';
import { RouteContext } from './context';
import { displayNames } from '../service/displayNames';
import { Caller, getCaller, getLocalCaller } from './identity';
import { presentPost } from './presenters';
import { CourseRecord, PostRecord } from '../store';

/**
 * Loads course + post for a post-level route: the caller needs
 * `courses.content.read`; returns whether they may moderate too.
 */
export async function loadPostFor(
  ctx: RouteContext,
  caller: Caller,
  courseId: string,
  postId: string,
): Promise<{ course: CourseRecord; post: PostRecord; canModerate: boolean }> {
  const course = await ctx.store.courses.get(courseId);
  if (!course) {
    throw new NotFoundError('Course not found');
  }
  const decisions = await courseDecisions(ctx, caller.credentials, courseId, [
    courseContentReadPermission,
    coursePostModeratePermission,
  ]);
  if (!decisions.get(courseContentReadPermission.name)) {
    throw new NotAllowedError(
      `Not allowed: ${courseContentReadPermission.name}`,
    );
  }
  const post = await ctx.store.posts.get(courseId, postId);
  if (!post) {
    throw new NotFoundError('Post not found');
  }
  return {
    course,
    post,
    canModerate: decisions.get(coursePostModeratePermission.name) ?? false,
  };
}

async function present(
  ctx: RouteContext,
  caller: Caller,
  posts: PostRecord[],
  canModerate: boolean,
): Promise<Post[]> {
  const names = await displayNames(
    ctx,
    posts.map(p => p.authorUsername),
  );
  return posts.map(post =>
    presentPost(post, { names, callerUsername: caller.username, canModerate }),
  );
}

export function addPostRoutes(
  router: Router,
  ctx: RouteContext,
  json: express.RequestHandler,
) {
  router.get('/courses/:courseId/posts', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const courseId = req.params.courseId;
    const course = await loadCourseWith(
      ctx,
      caller.credentials,
      courseId,
      courseContentReadPermission,
    );
    const query = parseInput(listPostsQuerySchema, req.query);
    const decisions = await courseDecisions(ctx, caller.credentials, courseId, [
      coursePostModeratePermission,
    ]);
    const { items, total } = await ctx.store.posts.list({
      courseId: course.id,
      ...query,
    });
    const page: Page<Post> = {
      items: await present(
        ctx,
        caller,
        items,
        decisions.get(coursePostModeratePermission.name) ?? false,
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
    res.json(page);
  });

  router.post('/courses/:courseId/posts', json, async (req, res) => {
    const caller = await getLocalCaller(ctx, req);
    const courseId = req.params.courseId;
    const course = await ctx.store.courses.get(courseId);
    if (!course) {
      throw new NotFoundError('Course not found');
    }
    const input = parseInput(createPostRequestSchema, req.body);
    const needed =
      input.board === 'announcements'
        ? courseAnnouncementCreatePermission
        : coursePostCreatePermission;
    const decisions = await courseDecisions(ctx, caller.credentials, courseId, [
      needed,
      coursePostModeratePermission,
    ]);
    if (!decisions.get(needed.name)) {
      throw new NotAllowedError(`Not allowed: ${needed.name}`);
    }
    const post = await ctx.store.posts.create({
      courseId,
      board: input.board,
      title: input.title,
      body: input.body,
      authorUsername: caller.username,
    });
    const [presented] = await present(
      ctx,
      caller,
      [post],
      decisions.get(coursePostModeratePermission.name) ?? false,
    );
    res.status(201).json(presented);
  });

  router.patch('/courses/:courseId/posts/:postId', json, async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    const patch = parseInput(updatePostRequestSchema, req.body);
    const isAuthor = isAuthorOf(caller.username, post.authorUsername);
    const editsContent = patch.title !== undefined || patch.body !== undefined;
    const moderates = patch.pinned !== undefined || patch.locked !== undefined;
    if (editsContent && !isAuthor && !canModerate) {
      throw new NotAllowedError(
        'Only the author or a moderator can edit this post',
      );
    }
    if (moderates && !canModerate) {
      throw new NotAllowedError('Only moderators can pin or lock posts');
    }
    const updated = await ctx.store.posts.update(post.courseId, post.id, patch);
    const [presented] = await present(ctx, caller, [updated!], canModerate);
    res.json(presented);
  });

  router.delete('/courses/:courseId/posts/:postId', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { post, canModerate } = await loadPostFor(
      ctx,
      caller,
      req.params.courseId,
      req.params.postId,
    );
    if (!isAuthorOf(caller.username, post.authorUsername) && !canModerate) {
      throw new NotAllowedError(
        'Only the author or a moderator can delete this post',
      );
    }
    await ctx.store.posts.delete(post.courseId, post.id);
    res.status(204).end();
  });
}
