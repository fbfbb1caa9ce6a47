import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { RouterContext } from './types';
import type { User } from '@internal/backstage-plugin-accounts-common';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

/**
 * Read-only lookups for other backend plugins (accounts-node, the catalog
 * provider). Services only: user tokens are refused.
 */
export function createDirectoryRoutes(ctx: RouterContext) {
  const router = Router();

  router.get('/directory/users', async (req, res) => {
    await ctx.httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await ctx.users.list() } satisfies ListResponse<User>);
  });

  router.get('/directory/users/:username', async (req, res) => {
    await ctx.httpAuth.credentials(req, { allow: ['service'] });
    const user = await ctx.users.get(req.params.username);
    if (!user) {
      throw new NotFoundError(`No user named '${req.params.username}'`);
    }
    res.json(user);
  });

  return router;
}
