import { NotAllowedError } from '@backstage/errors';
import {
  DesktopFootprint,
  userEntityRefFor,
} from '@internal/backstage-plugin-accounts-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { Request, Router } from 'express';
import { RouteContext } from './context';
import { userParamsSchema } from './requestSchemas';

/** Account deletion is the accounts module's to drive; nobody else's. */
async function requireAuthPlugin(ctx: RouteContext, req: Request) {
  const credentials = await ctx.httpAuth.credentials(req, {
    allow: ['service'],
  });
  if (credentials.principal.subject !== 'plugin:auth') {
    throw new NotAllowedError('Only the auth plugin may call this endpoint');
  }
}

/** What the accounts module needs to preview and carry out account deletion. */
export function addInternalRoutes(router: Router, ctx: RouteContext) {
  router.get('/internal/users/:username/footprint', async (req, res) => {
    await requireAuthPlugin(ctx, req);
    const { username } = parseInput(userParamsSchema, req.params);
    const desktops = await ctx.service.listMine(userEntityRefFor(username));
    const footprint: DesktopFootprint = { desktops: desktops.length };
    res.json(footprint);
  });

  /**
   * Removes every desktop of the user with its home, and what they were
   * invited to; idempotent.
   */
  router.delete('/internal/users/:username/desktops', async (req, res) => {
    await requireAuthPlugin(ctx, req);
    const { username } = parseInput(userParamsSchema, req.params);
    const owner = userEntityRefFor(username);
    const desktops = await ctx.service.listMine(owner);
    // One at a time: each removal stops a container and drops a volume.
    for (const desktop of desktops) {
      await ctx.service.delete(desktop.id);
    }
    // Invitations to others' desktops go too: the name may be taken again.
    const invitations = await ctx.sharing.revokeAllOf(owner);
    ctx.logger.info(
      `Removed ${desktops.length} desktop(s) of deleted account ${owner}, and ${invitations} invitation(s) to other desktops`,
    );
    const removed: DesktopFootprint = { desktops: desktops.length };
    res.json(removed);
  });
}
