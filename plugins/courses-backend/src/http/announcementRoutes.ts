import {
  courseContentReadPermission,
  RecentAnnouncement,
} from '@internal/backstage-plugin-courses-common';
import { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { z } from 'zod';
import { callerCoursesWith } from './authorize';
import { RouteContext } from './context';
import { getCaller } from './identity';
import { presentPost } from './presenters';
import { presentAuthored } from './presentAuthored';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

const querySchema = z.object({
  limit: z.coerce
    .number()
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(50, 'limit must be at most 50')
    .default(10),
});

export function addAnnouncementRoutes(router: Router, ctx: RouteContext) {
  /** Newest announcements across the caller's own courses. */
  router.get('/announcements/recent', async (req, res) => {
    const caller = await getCaller(ctx, req);
    const { limit } = parseInput(querySchema, req.query);
    const readable = await callerCoursesWith(
      ctx,
      caller,
      courseContentReadPermission,
    );
    const courses = new Map(readable.map(c => [c.id, c]));
    const posts = await ctx.store.posts.recentAnnouncements(
      [...courses.keys()],
      limit,
    );
    const presented = await presentAuthored(
      ctx,
      caller,
      posts,
      false,
      presentPost,
    );
    const items: RecentAnnouncement[] = presented.map(post => ({
      ...post,
      courseCode: courses.get(post.courseId)!.code,
      courseTitle: courses.get(post.courseId)!.title,
    }));
    res.json({ items } satisfies ListResponse<RecentAnnouncement>);
  });
}
