import { NotFoundError } from '@backstage/errors';
import {
  changePasswordRequestSchema,
  deleteOwnAccountRequestSchema,
  usernameFromEntityRef,
} from '@internal/backstage-plugin-accounts-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { clearSessionCookie, readSessionToken } from './sessionCookie';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RouterContext } from './types';
import type { UserResponse } from '@internal/backstage-plugin-accounts-common';

/** The signed-in user's own account. */
export function createMeRoutes(ctx: RouterContext) {
  const router = Router();

  async function callerUsername(req: Request): Promise<string> {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const username = usernameFromEntityRef(credentials.principal.userEntityRef);
    if (!username) {
      throw new NotFoundError('You are not signed in with a Labstage account');
    }
    return username;
  }

  router.get('/me', async (req, res) => {
    const username = await callerUsername(req);
    const user = await ctx.users.get(username);
    if (!user) {
      throw new NotFoundError('You are not signed in with a Labstage account');
    }
    res.json({ user } satisfies UserResponse);
  });

  router.post('/me/password', async (req, res) => {
    const username = await callerUsername(req);
    const body = parseInput(changePasswordRequestSchema, req.body);
    await ctx.accounts.changePassword(
      username,
      body.currentPassword,
      body.newPassword,
      readSessionToken(req),
    );
    res.status(204).end();
  });

  router.get('/me/deletion-preview', async (req, res) => {
    const username = await callerUsername(req);
    res.json(await ctx.deletion.preview(username));
  });

  router.delete('/me', async (req, res) => {
    const username = await callerUsername(req);
    const { password } = parseInput(deleteOwnAccountRequestSchema, req.body);
    await ctx.accounts.verifyCurrentPassword(username, password);
    await ctx.deletion.delete(username);
    ctx.logger.info(`${username} deleted their own account`);
    clearSessionCookie(res, ctx.cookie);
    res.status(204).end();
  });

  return router;
}
