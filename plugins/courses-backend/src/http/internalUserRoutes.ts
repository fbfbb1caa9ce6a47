import { ConflictError } from '@backstage/errors';
import {
  CourseFootprint,
  USERNAME_PATTERN,
} from '@internal/backstage-plugin-accounts-common';
import { Request, Router } from 'express';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { z } from 'zod';
import { RouteContext } from './context';
import { requireAuthPlugin } from './identity';
import { SoleInstructorCourse } from '../store';

const usernameParamSchema = z
  .string()
  .regex(USERNAME_PATTERN, 'Username is not valid');

async function authorizedUsername(
  ctx: RouteContext,
  req: Request,
): Promise<string> {
  await requireAuthPlugin(ctx, req);
  return parseInput(usernameParamSchema, req.params.username);
}

function soleInstructorMessage(
  username: string,
  courses: SoleInstructorCourse[],
): string {
  const list = courses.map(c => `${c.code} (${c.title})`).join(', ');
  const which = courses.length === 1 ? 'the course' : 'the courses';
  return `${username} is the only instructor of ${list}; add another instructor or archive ${which} first`;
}

/**
 * The courses side of account deletion, driven by the accounts module: it
 * previews what the user has here, then asks for it to be removed.
 */
export function addInternalUserRoutes(router: Router, ctx: RouteContext) {
  router.get('/internal/users/:username/footprint', async (req, res) => {
    const username = await authorizedUsername(ctx, req);
    res.json(await ctx.store.users.footprint(username));
  });

  router.delete('/internal/users/:username', async (req, res) => {
    const username = await authorizedUsername(ctx, req);
    const result = await ctx.store.users.removeUser(username);
    if ('blockedBy' in result) {
      throw new ConflictError(
        soleInstructorMessage(username, result.blockedBy),
      );
    }
    const { materials, ...footprint } = result.removed;
    ctx.logger.info(
      `Account deletion: removed ${username} from courses (${footprint.enrolments} enrolments removed; ${footprint.posts} posts, ${footprint.comments} comments and ${materials} materials now attributed to the deleted user)`,
    );
    const body: CourseFootprint = footprint;
    res.json(body);
  });
}
