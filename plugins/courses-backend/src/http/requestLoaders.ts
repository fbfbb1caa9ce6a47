import { NotFoundError } from '@backstage/errors';
import {
  courseContentReadPermission,
  coursePostModeratePermission,
} from '@internal/backstage-plugin-courses-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { requireAuthorOrModerator } from '../service/authorship';
import {
  CommentRecord,
  CourseRecord,
  MaterialRecord,
  PostRecord,
} from '../store';
import {
  loadCourseWith,
  requireCourse,
  requireCoursePermission,
} from './authorize';
import { RouteContext } from './context';
import { Caller, getCaller, getLocalCaller, LocalCaller } from './identity';

/*
 * What a route's path names (course, post, comment, material), loaded for
 * the calling user: 401 without credentials, 404 for what does not exist,
 * 403 without the permission, in that order.
 */

/** Loads the course for a caller identified by `identify`. */
function courseLoader<C extends Caller>(
  identify: (ctx: RouteContext, req: Request) => Promise<C>,
) {
  return async (
    ctx: RouteContext,
    req: Request,
    permission: ResourcePermission<'course'>,
  ): Promise<{ caller: C; course: CourseRecord }> => {
    const caller = await identify(ctx, req);
    const course = await loadCourseWith(
      ctx,
      caller.credentials,
      req.params.courseId,
      permission,
    );
    return { caller, course };
  };
}

/** The caller and the course, on which they need `permission`. */
export const callerAndCourse = courseLoader(getCaller);

/** Like callerAndCourse, for routes that need a local account. */
export const localCallerAndCourse = courseLoader<LocalCaller>(getLocalCaller);

/**
 * The post of a post-level route: the caller needs
 * `courses.content.read`; also says whether they may moderate.
 */
export async function loadPostFor(
  ctx: RouteContext,
  caller: Caller,
  req: Request,
): Promise<{ post: PostRecord; course: CourseRecord; canModerate: boolean }> {
  const { courseId, postId } = req.params;
  const course = await requireCourse(ctx, courseId);
  const decisions = await requireCoursePermission(
    ctx,
    caller.credentials,
    course,
    courseContentReadPermission,
    [coursePostModeratePermission],
  );
  const post = await ctx.store.posts.get(courseId, postId);
  if (!post) {
    throw new NotFoundError('Post not found');
  }
  return {
    post,
    course,
    canModerate: decisions.get(coursePostModeratePermission.name) ?? false,
  };
}

/**
 * The caller, post and comment for a route that changes the comment, which
 * only its author or a moderator may; `action` is worded as for
 * requireAuthorOrModerator.
 */
export async function loadCommentToChange(
  ctx: RouteContext,
  req: Request,
  action: string,
): Promise<{
  caller: Caller;
  post: PostRecord;
  comment: CommentRecord;
  canModerate: boolean;
}> {
  const caller = await getCaller(ctx, req);
  const { post, canModerate } = await loadPostFor(ctx, caller, req);
  const comment = await ctx.store.comments.get(post.id, req.params.commentId);
  if (!comment) {
    throw new NotFoundError('Comment not found');
  }
  requireAuthorOrModerator(
    { callerUsername: caller.username, canModerate },
    comment.authorUsername,
    action,
  );
  return { caller, post, comment, canModerate };
}

/** The course and material, on which the caller needs `permission`. */
export async function loadMaterialWith(
  ctx: RouteContext,
  req: Request,
  permission: ResourcePermission<'course'>,
): Promise<{ course: CourseRecord; material: MaterialRecord }> {
  const { course } = await callerAndCourse(ctx, req, permission);
  const material = await ctx.store.materials.get(
    course.id,
    req.params.materialId,
  );
  if (!material) {
    throw new NotFoundError('Material not found');
  }
  return { course, material };
}
