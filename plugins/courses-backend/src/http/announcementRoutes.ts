import {
  courseContentReadPermission,
  RecentAnnouncement,
} from '@internal/backstage-plugin-courses-common';
import { Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { z } from 'zod';
import { allowedCourseIds } from './authorize';
import { RouteContext } from './context';
import { displayNames } from '../service/displayNames';
import { getCaller } from './identity';
import { presentPost } from './presenters';

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
    const mine = caller.username
      ? await ctx.store.courses.listForUser(caller.username)
      : [];
    const readable = await allowedCourseIds(
      ctx,
      caller.credentials,
      mine.map(c => c.id),
      courseContentReadPermission,
    );
    const courses = new Map(
      mine.filter(c => readable.has(c.id)).map(c => [c.id, c]),
    );
    const posts = await ctx.store.posts.recentAnnouncements(
      [...courses.keys()],
      limit,
    );
    const names = await displayNames(
      ctx,
      posts.map(p => p.authorUsername),
    );
    const items: RecentAnnouncement[] = posts.map(post => ({
      ...presentPost(post, {
        names,
        callerUsername: caller.username,
        canModerate: false,
      }),
      courseCode: courses.get(post.courseId)!.code,
      courseTitle: courses.get(post.courseId)!.title,
    }));
    res.json({ items });
  });
}
